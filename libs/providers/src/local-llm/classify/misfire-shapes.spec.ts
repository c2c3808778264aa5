import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('rules that fired on a shape they were not meant for', () => {
  it.each([
    [
      'Please stop reaching out until March, the budget is frozen.',
      'not_now',
      '"reaching out until" is no away notice',
    ],
    [
      'Keep the weekly digests coming, they are the only emails I open.',
      'interested',
      '"they are the only" names nobody',
    ],
    [
      "We dropped our last vendor and we don't plan to buy a replacement.",
      'not_interested',
      'a negated plan to buy',
    ],
    [
      'Could you move us from the free plan and put us on the Business plan? 8 seats',
      'interested',
      'an upgrade, not a slot',
    ],
    ['Not interested right now or likely ever, sorry.', 'not_interested', '"or likely ever" is no timing'],
  ])('%s -> %s (%s)', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    ["I'm out until Monday 14 December with no access to email.", 'out_of_office'],
    ['Anna is the one who handles vendor reviews, talk to her.', 'wrong_person'],
    ['We plan to buy in Q1, send me a quote.', 'interested'],
    ['Take me off the 9am slot and put me on the 2pm one.', 'meeting_request'],
    ['Not interested right now, maybe next year.', 'not_now'],
  ])('still reads the shape it was meant for: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
