import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('a count of messages in this week or month is a complaint about how often, not a pause', () => {
  it.each([
    'please unsubscribe me, this is the fifth one this month',
    "Stop texting me, you've sent four this month.",
    'Stop calling me. Third time this week.',
    'Take me off your list, that makes 3 emails this week',
    'remove me pls - 2nd message this week already',
    'Please unsubscribe me, so many emails this month.',
  ])('an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'no more emails for now please',
    'Please hold off on the calls this month, we are swamped with the audit.',
    'Pause the texts for a while, our budget opens in March.',
    "Stop emailing me, I'm out 2 days this week.",
  ])('a pause stays a pause: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
