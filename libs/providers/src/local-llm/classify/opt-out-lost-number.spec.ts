import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('"if you lost my number" and "no interest in receiving these" ask to end contact; "did you lose my number?" asks', () => {
  it.each([
    "I'd appreciate it if you lost my number",
    "I'd be grateful if you forgot my address",
    'I have no interest in receiving these',
    'no interest in hearing from you',
    'lose my number',
  ])('an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['did you lose my number? I never got the confirmation', 'question'],
    ['I have no interest in this', 'not_interested'],
  ])('no opt-out: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
