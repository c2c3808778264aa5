import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('opt-out words that are not the writer’s request, from siblings of probe 76', () => {
  describe("an away notice's reader asked what they wish, then told what to do", () => {
    it.each([
      ['Ik ben afwezig tot 8 december. Wilt u geen berichten meer ontvangen, stuur dan STOP.', 'nl'],
      ["Je suis absent jusqu'au 8. Vous ne voulez plus de messages ? Répondez simplement STOP.", 'fr'],
      [
        "Je suis absent jusqu'au 8. Répondez simplement STOP pour ne plus recevoir nos messages.",
        'fr, what to do first',
      ],
      ["I'm away until Monday. Don't want these? Then reply STOP.", 'en'],
    ])('is an away reply: %s (%s)', (text) => {
      expect(classify(text).label).toBe('out_of_office');
    });

    it.each([
      ['Vous ne voulez plus de messages ? Moi non plus, arrêtez.', 'fr, the writer’s own'],
      ['Je ne veux plus de messages, répondez-moi pour confirmer.', 'fr, the writer’s own'],
      ["I don't want these. Reply to confirm you removed me.", 'en, the writer’s own'],
      ['Stuur me niks meer. STOP.', 'nl, the keyword sent'],
    ])('is still an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe("an end of contact after the writer's own act, asked about", () => {
    it.each([
      ["Will you stop messaging me once I've signed the contract?"],
      ["Will you stop texting me once I've paid the invoice?"],
      ["Will you stop calling me once we've signed up?"],
      ['Do the texts stop when I confirm my appointment?'],
      ['Will the emails stop after we upgrade to the annual plan?'],
    ])('is not an opt-out: %s', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['Will you stop messaging me?'],
      ['Can you stop messaging me if I say no again?'],
      ['Stop texting me. I will sign up if I want to.'],
    ])('is still an opt-out: %s', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe("a data-protection law asked about for other people's data", () => {
    it.each([
      ['Under GDPR, can a contact ask you directly to delete their data or must it come through us?'],
      ['Does the GDPR let our customers demand that you erase their details?'],
    ])('is not an opt-out: %s', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['Under GDPR, can you delete my data?'],
      ['Under the GDPR I am asking you to erase my details.'],
    ])('is still an opt-out: %s', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe('papers of a customer relation stopped', () => {
    it.each([
      [
        'Out of office: back Tuesday. Reminder to all suppliers: please stop sending paper invoices, we only accept PDF now.',
      ],
      ['Please stop sending paper statements, email them instead.'],
    ])('is not an opt-out: %s', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it('stopping the emails is still one', () => {
      expect(classify('Please stop sending me emails.').label).toBe('unsubscribe');
    });
  });
});
