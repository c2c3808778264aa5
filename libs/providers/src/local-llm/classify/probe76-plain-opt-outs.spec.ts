import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('opt-outs written as plain statements without the usual keywords (probe 76)', () => {
  it.each([
    ["Not something I want landing in my inbox. Let's leave it there.", 'unwanted where it lands'],
    ["I don't want these turning up on my work phone.", 'unwanted where it lands'],
    ["This is a personal phone. I don't want sales messages on it, ever.", 'a kind of message refused'],
    ['We do not want cold emails from vendors.', 'a kind of message refused'],
    ["My inbox isn't a place for cold pitches. Please don't send more.", 'nothing named after "send"'],
    ['Not interested. Kindly do not send anything further.', 'nothing named after "send"'],
    ["I'm not comfortable getting messages from you on WhatsApp. Please don't.", 'not comfortable'],
    ['Honestly not happy receiving texts from your company.', 'not happy'],
    ["I'll take a hard pass on any future messages.", 'a pass on future messages'],
    [
      "I don't do business by text. Kindly keep this number out of your campaigns.",
      'kept out of the campaigns',
    ],
    ['Please keep my email off your lists.', 'kept off the lists'],
    [
      "I don't appreciate being messaged at 7am. Don't do it again - not at 7am, not ever.",
      'do not do it again',
    ],
    ['Being cold called at dinner is rude. Never do it again.', 'do not do it again'],
    ["I've no use for these and don't wish to get them. Please see to it.", 'does not wish to get them'],
    ['Wir kaufen nur über den Einkauf, also bitte keine weiteren Anfragen an mich.', 'de'],
    ['Bitte keine Angebote mehr.', 'de'],
    ['mujhe aapke messages nahi chahiye, dobara mat bhejna', 'hi, Latin script'],
    ['ye sab phir se mat bhejna please', 'hi, Latin script'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["Please don't send more until after Christmas, we're closed.", 'a time limit'],
    ["We don't want sales emails before 9am, after that it's fine.", 'some hours only'],
    ["Don't send more than two a week, that's plenty.", 'fewer, not none'],
    ['Not something we need right now.', 'a plain refusal'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
