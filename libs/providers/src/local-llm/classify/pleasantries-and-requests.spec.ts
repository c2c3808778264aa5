import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-01T09:00:00Z' });

/**
 * Replies the retrained model (after probes 30-32) read wrongly with no rule to hold it: a thank-you returned is
 * no refusal, and "never signed up" followed by a request is no opt-out.
 */
describe('pleasantries and requests after "never signed up"', () => {
  it.each([
    'Gracias, igualmente.',
    'Thanks, you too!',
    'Merci, pareillement',
    'Danke, gleichfalls!',
    'ok thanks, same to you',
  ])('is neutral: %s', (text) => {
    expect(classify(text).label).toBe('neutral');
  });

  it.each([
    'I never signed up for the webinar but I would like the slides.',
    'Never signed up for the newsletter, but could you send me the pricing?',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each(['I never signed up for this. Stop texting me.', 'I never signed up for any of this, remove me'])(
    'is still an opt-out: %s',
    (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    },
  );
});
