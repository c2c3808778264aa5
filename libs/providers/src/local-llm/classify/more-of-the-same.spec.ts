import { withModelSureOf } from './model-sure-of.fixture';
import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' }, null);

describe('Asking for more of what they already get, and a past visit told with its day', () => {
  it.each([
    'Keep the weekly digests coming, they are the only emails I open.',
    'Love these, keep them coming!',
    'Keep your market reports coming please',
    'keep sending me the monthly updates, very useful',
  ])('asks for more, so is interested: %s', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    ["Don't keep them coming, one a month is plenty.", 'interested'],
    ['We keep the invoices coming to the finance inbox, not to me.', 'interested'],
  ])('a look-alike is not read as asking for more: %s', (text, not) => {
    expect(classify(text).label).not.toBe(not);
  });

  it.each([
    'I dropped by your stand at the expo on Wednesday but it was empty.',
    'We visited your office on Thursday, the receptionist said you were out.',
  ])('a past visit with its day stays neutral when the model is sure of a meeting: %s', (text) => {
    expect(withModelSureOf(text, 'meeting_request')).toBe('neutral');
  });
});
