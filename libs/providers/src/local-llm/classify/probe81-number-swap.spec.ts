import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('an old number or address taken off for a new one is no opt-out (probe 81)', () => {
  it.each([
    ['take my old mobile off ur system, new one is 07700 900 442'],
    ['Take my old email off your list, the new one is sam@hollis.co'],
    ['please delete my old email, my new one is bob@x.com'],
  ])('is neutral: %s', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    ['take my number off your system, i dont want these'],
    ["Take my old number off your list. And don't use the new one either."],
  ])('stays an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
