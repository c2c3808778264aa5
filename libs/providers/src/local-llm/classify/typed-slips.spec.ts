import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' }, null);

describe('opt-outs typed with a slip of one letter', () => {
  it.each([
    ['tak me off'],
    ['leave me alon'],
    ['do not cal me again'],
    ['Bitte austrgen'],
    ['darme de vaja'],
    ['pls remoe me from list'],
    ['rmove me'],
  ])('%s → unsubscribe', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Tak, proszę o więcej informacji.', 'Polish "yes"'],
    ['Hi, this is Alon from Acme, send the deck.', 'a name'],
  ])('%s → not an opt-out (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
