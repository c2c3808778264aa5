import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('questions that name an opt-out without asking for one (probe 76)', () => {
  describe('the opt-out named with its article, then its scope or kind ("the opt-out apply to", "an erasure request")', () => {
    it.each([
      ['Does the opt-out apply to my colleagues at the same company as well, or only to me?', 'its scope'],
      [
        "What's the process for a right-to-erasure request from one of our customers? Who do we email?",
        'a kind of request',
      ],
      ['Does an unsubscribe cover every channel, or just the one they replied on?', 'what it covers'],
      ['Is the opt-out policy the same for our EU and US contacts?', 'a policy'],
    ])('is not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['Where is the unsubscribe link on these? I want out.', 'the way out looked for'],
      ['Is there an unsubscribe option? Please take me off the list.', 'asked for beside the question'],
    ])('is still an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe('whether opting out is done list by list, asked ("… from each list separately?")', () => {
    it.each([
      ['Do I have to unsubscribe from each list separately?'],
      ['Can we opt out of the SMS and WhatsApp lists individually?'],
    ])('is not an opt-out: %s', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['Do I have to unsubscribe from every list one by one? Just remove me from all of them.'],
      ['Can I unsubscribe?'],
    ])('is still an opt-out: %s', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });

  describe('what a control of the product does, asked ("Does \'pause all outreach\' stop the SMS too?")', () => {
    it.each([
      ["Does 'pause all outreach' stop the SMS too, or just email?", 'a quoted control'],
      ['Will the archive button stop the texts to that lead?', 'a button'],
      ['Does the "snooze" option stop the emails for a week?', 'a quoted option'],
    ])('is not an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('unsubscribe');
    });

    it.each([
      ['Can you stop the SMS?', 'asked of the reader'],
      ['Will you stop the emails?', 'asked of the reader'],
    ])('is still an opt-out: %s (%s)', (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    });
  });
});
