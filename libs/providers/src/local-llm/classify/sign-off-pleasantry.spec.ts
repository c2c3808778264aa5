import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' });

describe('a sign-off pleasantry is neutral, and leaves a refusal, a time or an opt-out beside it as it was', () => {
  it.each(['Thanks, have a good one.', 'Cheers, have a great weekend!', 'Thank you - have a lovely evening'])(
    'is neutral: %s',
    (text) => {
      expect(classify(text).label).toBe('neutral');
    },
  );

  it.each([
    ['No thanks, have a good one.', 'not_interested'],
    ['Not interested. Have a good day.', 'not_interested'],
    ["Have a great weekend, let's talk Monday at 10.", 'meeting_request'],
    ['Please stop texting me. Have a good one.', 'unsubscribe'],
  ])('%s -> %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
