import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('English paraphrases of the set’s own replies (probe 23)', () => {
  it.each([
    ['DNC my number, thanks', 'DNC as a verb'],
    ['Please DNC me.', 'DNC me'],
    ['Could I be taken off your mailing list?', 'asks whether they can be taken off a list'],
    ['May we be removed from this database, please?', 'asks whether they can be removed from a database'],
    [
      "I've already said no twice. Stop getting in touch.",
      'stop getting in touch (and no solution in "already")',
    ],
    ['No more cold calls please.', 'no more cold calls'],
    ['No more phone calls, thanks.', 'no more phone calls'],
    ["This is Mark's PA: he's asked me to have him taken off your list.", 'an assistant asks for the lead'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'How can we DNC a contact from the dashboard?',
    "I'm unsubscribing my assistant, she's moving on. I'll keep reading these myself.",
    'Does the sequence stop by itself when a lead replies?',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['We will sit this one out.', 'not_interested'],
    ["Sorry, we'll give this a miss.", 'not_interested'],
    ["We won't be able to look at any new tools before the new year.", 'not_now'],
    ['Keep me on your list, I just cannot review this before March.', 'not_now'],
    ["Stop by any time you're in Cardiff, coffee's on us.", 'neutral'],
    ["Pop in whenever you like if you're ever in York.", 'neutral'],
    ["I'll stop by the shop some time when I'm in the area.", 'neutral'],
    ['Will the sequence stop by itself after a booking?', 'question'],
    ['Can the cadence stop by itself once a meeting gets booked?', 'question'],
    ['Can you stop by Friday at 3?', 'meeting_request'],
    ['We have already signed with another provider.', 'not_interested'],
  ])('reads %s as %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('takes the referral from a relative named after "my sister"', () => {
    const result = classify('Wrong number, you want my sister Priya.');
    expect(result.label).toBe('wrong_person');
    expect(result.referral?.name).toBe('Priya');
  });
});
