import { withModelSureOf } from './model-sure-of.fixture';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('A bare greeting, and a reply passed round the writer own team', () => {
  it.each(['Hi there', 'Hello!', 'hey', 'Hola,'])(
    'a bare greeting stays neutral when the model is sure of a meeting: %s',
    (text) => {
      expect(withModelSureOf(text, 'meeting_request')).toBe('neutral');
    },
  );

  it.each([
    'Will forward internally.',
    "I'll share it with the team and get back to you.",
    'Thanks, circulating this internally.',
    "Ha, my 6 year old just read your subject line and shouted 'STOP!' at the screen. Anyway, forwarded to the team.",
  ])('passed round internally stays neutral when the model is sure of interest: %s', (text) => {
    expect(withModelSureOf(text, 'interested')).toBe('neutral');
  });

  it.each([
    ['Hi there, who is this?', 'question'],
    ['Hi, yes please send it', 'interested'],
    ['Forwarding to my colleague Anna, she runs ops.', 'wrong_person'],
    [
      'Sounds promising. Forwarding internally too, but please send me the security docs and pricing so I can get the ball rolling.',
      'interested',
    ],
    ['Please stop sharing my details with the team.', 'unsubscribe'],
  ])('leaves more than a greeting, a named hand-over, a request and an opt-out alone: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
