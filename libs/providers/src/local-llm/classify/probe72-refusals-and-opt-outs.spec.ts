import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

describe('English refusals against opt-outs worded without the usual keywords (probe 72)', () => {
  it.each([
    ["Honestly I'd like this to be the final message I receive from you.", 'the last message wanted'],
    ['We are formally asking you to stop.', 'asks the sender to stop'],
    ['I would really like to stop getting emails from you.', 'wants to stop hearing from them'],
    ["We'd appreciate it if you stopped following up with us.", 'would appreciate them stopping'],
    ['Cut my address from your system please.', 'the address cut from a system'],
    ['Cut us out of your campaigns, thanks.', 'cut out of the campaigns'],
    ['Not for us. Please cut us from your outreach as well.', 'a refusal and an opt-out: the opt-out wins'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ["We'll sit out the spring workshop, thanks.", 'skips one event'],
    ["We'll give the webinar a miss, thanks.", 'gives one event a miss'],
    ["I'll pass this time round.", 'passes this time'],
    ['Not the right platform for our clinic, sorry.', 'not the right platform'],
    ["I don't believe it would be a fit for us.", 'does not believe it fits'],
    ["Can't see the decision changing, so I'd leave it.", 'cannot see it changing'],
    ["We're not after something like this, ta.", 'not after anything like it'],
    ["We're well covered on the booking side.", 'covered for it'],
    ["We've gone elsewhere for this.", 'chose elsewhere'],
    ['Staying with the incumbent, thanks.', 'stays with the incumbent'],
    ["Our position hasn't changed since the last email.", 'the answer has not changed'],
    ['The board has vetoed it.', 'the deciders said no'],
    ['No to the premium tier, thanks.', 'no to one product'],
    ['I kept your card in case we ever need it.', 'has the details if ever needed'],
    [
      'We said no to your colleague back in September and nothing has changed.',
      'an earlier no in a past month',
    ],
    ['Not interested in the dialer, but keep me posted on new features.', 'declines one product, stays open'],
    ['Our MD makes the purchasing decisions and she has said no.', 'who decides has said no'],
    ["I'll get back to you if our situation changes.", 'will reach out if anything changes'],
  ])('is a refusal, no opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    ['Give us until the middle of February to sort out budgets.', 'given until a later time'],
    ["No point following up before then, we're in a freeze.", 'no point chasing before then'],
  ])('is a timing objection: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it('a question about saying no is a question', () => {
    expect(classify('If we say no now, can we still renew at the old price later?').label).toBe('question');
  });
});
