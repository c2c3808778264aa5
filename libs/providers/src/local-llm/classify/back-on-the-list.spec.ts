import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model). */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-05T09:00:00Z' }, null);

describe('asked to be put back on a list: a resubscription, not a return to the office', () => {
  it.each([
    'Please put us back on the newsletter.',
    'Add us back on the mailing list please, we want the product updates.',
    'Sign us back up for the monthly digest please.',
  ])('%s → interested', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    'I am out of the office and will be back on Monday.',
    'Out of office, back on the 14th.',
    'Away this week; back on Tuesday 8 December.',
  ])('%s → still out_of_office', (text) => {
    expect(classify(text).label).toBe('out_of_office');
  });
});
