import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' });

describe('an opt-out keyword after "not interested", and "go away" with a word of address', () => {
  it.each([
    'not interested stop',
    "I'm not interested stop",
    'Not interested, stop please',
    'kein Interesse stop',
    'no me interesa, baja',
    'piss off mate',
    'go away mate',
  ])('an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['not interested', 'not_interested'],
    ['not interested now', 'not_interested'],
    ['not interested stop by another time', 'not_now'],
  ])('no keyword alone, no opt-out: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
