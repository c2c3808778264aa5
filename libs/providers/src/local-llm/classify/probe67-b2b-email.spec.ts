import { labelReplyText } from './reply-classifier';
import { extractReturnDate } from './return-date';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-02T09:00:00Z' }, null);

const QUOTED =
  '\n\nOn Mon, Nov 30, 2026 at 9:14 AM Dana Whitfield <dana@reachline.io> wrote:\n> Hi Sam, worth a quick chat?\n>\n> Reply STOP to opt out of further emails.';
const DISCLAIMER =
  '\n\nKind regards,\nSam Porter\nOperations Lead\n\nThis email and any attachments are confidential. If you are not the intended recipient please delete it.';

describe('English B2B email replies, opt-outs and not (probe 67)', () => {
  it.each([
    ['There is no ongoing need for your marketing emails on our side.', 'no need for the emails'],
    ['We no longer require any of these sales emails, thank you.', 'no longer require the emails'],
    [
      `Kindly note that this mailbox should no longer receive communications from your company.${DISCLAIMER}`,
      'this mailbox should no longer receive them, with a signature and disclaimer',
    ],
    ['Could you exclude my email address from your future mailings?', 'exclude me from the mailings'],
    [`Please suppress our whole domain from all outreach.${QUOTED}`, 'suppress the domain, above a quote'],
    ['Do not contact anybody at our firm again.', 'nobody at the firm'],
    ['Please stop emailing anyone on my team going forward.', 'nobody on the team'],
    [
      'Passing your emails to our IT team so they can blacklist the sender. That is all.',
      'has the sender blacklisted',
    ],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Could you stop copying in our CFO on these? I can keep him updated myself.', 'stop copying in the CFO'],
    ["Please quit cc'ing my colleague, she's off the project. Carry on with me.", 'stop cc-ing a colleague'],
    ['Can you delete the duplicate booking we created by mistake yesterday?', 'a booking made by mistake'],
    [
      'The only emails I want are the ones to my new address; my old one should no longer receive emails, use this one instead.',
      'an address swap',
    ],
    ['Our mail server blocked your domain by mistake, could you resend the proposal?', 'blocked by mistake'],
    [
      "Please don't contact anyone else at the company about this, come to me directly.",
      'anyone else: a redirect',
    ],
    ["Would you stop cc'ing my PA? Thanks.", 'stop cc-ing the PA, a question'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    ['Budgets are frozen for now. February would be better for us.', 'a later month suits'],
    [`Not this quarter. Next quarter works better.${QUOTED}`, 'next quarter, above a quote'],
  ])('is not now: %s (%s)', (text) => {
    expect(classify(text).label).toBe('not_now');
  });

  it('a purchase ruled out is a refusal', () => {
    expect(classify('Our group buys centrally, so this is not a tool we are able to purchase.').label).toBe(
      'not_interested',
    );
  });

  it.each([
    ['Go on then, show us what your platform can do.', 'show us what it can do'],
    [
      'Our old phone system goes at the end of the quarter, so the timing is right. Tell me more.',
      'timing is right',
    ],
  ])('is interest: %s (%s)', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it('removing what the writer added by mistake is no unsubscribe by mistake', () => {
    expect(classify('Please remove the test contact we imported by mistake.').label).toBe('neutral');
  });

  it('a statement opened by a modal is no question', () => {
    expect(classify('I forwarded it to our admin team. Should be fixed by Monday.').label).toBe('neutral');
  });

  it.each([
    [
      'I am away from my desk on Thursday 3 December and Friday 4 December, returning on Tuesday 8 December.',
      '2026-12-08',
      '"away from my desk" is no return cue',
    ],
    [
      "I'll be out of the office from 21 December and back in on 6 January.",
      '2027-01-06',
      'the first day out of the office is no return',
    ],
  ])('an away reply gives the day back: %s', async (text, date) => {
    expect(await extractReturnDate(text, 'en', '2026-12-02T09:00:00Z', 'Europe/London')).toBe(date);
  });
});
