import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-07T09:00:00Z' });

/**
 * The trained model alone never opts out a reply of a few words (MODEL_OPT_OUT_MIN_WORDS): "hello again" read as
 * "never contact me again" and silenced the lead for good. A short opt-out is said in words the rules know.
 */
describe('short replies the rules do not read are no opt-out on the model alone', () => {
  it.each([
    ['hello again'],
    ['Hello again!'],
    ['hi again'],
    ['Thanks again'],
    ['again?'],
    ['hi there'],
    ['see you'],
  ])('is no opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([['stp'], ['Erase me.'], ['delete me'], ['Remove me'], ['STOP'], ['never again, stop texting']])(
    'a short opt-out the rules read stays one: %s',
    (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    },
  );
});
