import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('annoyed, sarcastic and suspicious replies, opt-outs and not (probe 66)', () => {
  it.each([
    [
      'If we get any more of your emails we will be forwarding them to our lawyers.',
      'en: a conditional threat in a full clause',
    ],
    ['If I see one more text from you I am reporting it to my carrier.', 'en: a conditional report'],
    ['Consider this my final warning to stop.', 'en: a notice to stop'],
    ['Telefoonnummer graag wissen.', 'nl: delete the number, infinitive order'],
    ['Ok. Gegevens wissen aub!', 'nl: delete the details, infinitive order'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Please let me know what personal data you hold on me.', 'en: data access, indirect'],
    ['Teilen Sie mir bitte mit, welche Daten Sie über mich gespeichert haben.', 'de: data access'],
    ['Dites-moi quelles données personnelles vous détenez sur moi.', 'fr: data access'],
    ['Ik wil graag een inzageverzoek indienen.', 'nl: data access request'],
  ])('is a question: %s (%s)', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    ['Le lien de désinscription ne marche pas, pour info.', 'fr: broken unsubscribe link, a note'],
    ['De link om je af te melden werkt niet, ter info.', 'nl: broken unsubscribe link, a note'],
    [
      'Honestly I am sick of sales emails across the board, not just yours. Carry on.',
      'en: weariness in general',
    ],
  ])('is a note, no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    ["Erreur de destinataire : je ne m'appelle pas Claire.", 'fr: wrong addressee'],
    ['She used to have this number before me, sorry.', 'en: the previous owner of the number'],
    ['Ik werk sinds de zomer niet meer bij Visser Logistiek.', 'nl: left, with a time in between'],
  ])('is a wrong person: %s (%s)', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it('never heard of the sender, asking where the address came from, is a question', () => {
    expect(classify('Never heard of your company. Where did you get my address from?').label).toBe(
      'question',
    );
    // With the trained model too: before the guard, the stranger tipped the model to an opt-out.
    expect(
      labelReplyText({
        text: 'Never heard of you guys, where did you find my email?',
        received_at: '2026-12-02T09:00:00Z',
      }).label,
    ).toBe('question');
  });

  it('a broken unsubscribe link with a removal asked is still an opt-out (it)', () => {
    expect(classify('Il link per disiscriversi non funziona. Cancellatemi voi dalla lista.').label).toBe(
      'unsubscribe',
    );
  });

  it('asking what data is held, then erasure, is an opt-out', () => {
    expect(classify('What data do you hold on me? Delete all of it and stop emailing me.').label).toBe(
      'unsubscribe',
    );
  });

  it.each([
    ['Is the opt-out link purely decorative? Fourth email since I clicked it.', 'the link mocked as a dummy'],
    ['Does STOP actually do anything or should I just block this number?', 'asks whether to block'],
    ['Just unsubscribed you guys from my inbox. Bye.', 'the sender unsubscribed'],
  ])('sarcasm aimed at the way out is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it('blocking talked about as a joke, with no question of the sender, stays a note', () => {
    expect(
      classify("ha. if my team starts getting these too i'll have to block you. thanks for the info").label,
    ).not.toBe('unsubscribe');
  });
});
