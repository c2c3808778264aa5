import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('opt-outs beside a dated or away clause, and away notices with opt-out words (probe 51)', () => {
  it.each([
    ["take me off your list, I'm on holiday until Christmas anyway", 'the absence has its own date'],
    ["unsubscribe me please, and no I'm not free next week", 'a schedule clause after the opt-out'],
    [
      "Remove my email from your database, we're closed until the 4th regardless",
      'a closure beside the point',
    ],
    ['Désinscrivez-moi, je suis en vacances jusqu’en janvier de toute façon', 'fr: away anyway'],
    ['Bitte tragen Sie mich aus, ich bin sowieso bis Januar in Elternzeit', 'de: away anyway'],
    ["I'm off till Monday and I won't want these when I'm back either.", 'a refusal past the return'],
    ['Je rentre lundi. Retirez-moi de la liste, je n’en veux plus à mon retour.', 'fr: not on return either'],
    ['Sono in ferie fino al 20: non scrivetemi, nemmeno dopo.', 'it: not after either'],
    ['Please make sure my email is removed from your list before the holidays.', 'the address removed'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Please stop the emails until then - back on the 14th and happy to talk.', 'not_now', 'until then'],
    ["Can you not text me until I'm back from leave? Happy to chat after.", 'not_now', 'until the return'],
    ['Bitte bis Ende Januar keine Mails, dann gern wieder.', 'not_now', 'de: the limit before the phrase'],
    [
      'Please pause the sequence until February, I’m on leave all of January.',
      'not_now',
      'a pause, in person',
    ],
    [
      'Automatic reply: away until 9 December. If you no longer wish to receive these auto-replies, remove this address from your CC.',
      'out_of_office',
      "the notice's own replies",
    ],
    [
      'Out of office until 10 Dec. To unsubscribe from project alerts, log in to the portal and update your settings.',
      'out_of_office',
      'how the reader opts out',
    ],
    [
      "I'm out until the 8th. To stop getting our newsletter, visit acme.com/unsubscribe.",
      'out_of_office',
      'a link to opt out',
    ],
    [
      'Je suis absente jusqu’à lundi et je ne lis pas mes mails, je répondrai à mon retour.',
      'out_of_office',
      'fr: still an away notice',
    ],
  ])('is no opt-out: %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
