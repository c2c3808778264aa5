import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('one channel refused and the quote asked for on another is no opt-out (probe 81)', () => {
  it.each([
    ['dont text me at work, email the quote to dan@hollowayroofing.co.uk. keen to get going'],
    ['Please do not call me - just email the proposal, I want to look at it tonight.'],
  ])('is interested: %s', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    ['dont text me again, and dont email me the quote either'],
    ['stop texting me. email the quote to someone who cares'],
  ])('stays an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
