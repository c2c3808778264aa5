import { completeLocally } from './local-complete';

describe('completeLocally', () => {
  it('classifies a prompt that reads like a reply', () => {
    expect(completeLocally({ prompt: 'Classify this reply: "please remove me from your list"' })).toMatch(
      /no external model.*unsubscribe/,
    );
    expect(completeLocally({ prompt: 'Can we talk tomorrow at 3pm?' })).toContain('meeting_request');
  });

  it('summarises any other prompt and says no model answered', () => {
    const answer = completeLocally({ prompt: 'Write a haiku about autumn', system: 'You are a poet.' });
    expect(answer).toContain('no external model answered');
    expect(answer).toContain('5 words with a system instruction');
    expect(answer).toContain('"Write a haiku about autumn"');
  });

  it('respects max_tokens (about four characters a token)', () => {
    expect(
      completeLocally({ prompt: 'Tell me a long story '.repeat(40), max_tokens: 20 }).length,
    ).toBeLessThanOrEqual(80);
  });
});
