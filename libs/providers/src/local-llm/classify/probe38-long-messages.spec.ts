import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' }, null);

describe('Long messages: organisation-wide opt-outs, past unsubscribes, forwards and calls (probe38)', () => {
  it.each([
    'Please stop sending these to all of our staff, three of my team got the same email.',
    'Stop emailing our receptions, it disrupts the front desks.',
    'Kindly cease contacting my colleagues and me.',
    'Take all @pinecrestvets.com addresses off your list.',
    'Please remove all five clinics and all our staff from every list you hold.',
    'Delete every one of our email addresses from your database.',
  ])('an opt-out for the whole organisation: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Can you stop sending reminders to our staff after 6pm?', 'unsubscribe'],
    ['Stop sending these to our patients before 8am, they complain.', 'unsubscribe'],
    ['Can I remove all the bounced addresses from the list in my account?', 'unsubscribe'],
    ['How do we remove unsubscribed patients from our own contact list?', 'unsubscribe'],
    ['We remove all old staff from our CRM every quarter, does yours do that?', 'unsubscribe'],
  ])('not an opt-out of the writer: %s', (text, not) => {
    expect(classify(text).label).not.toBe(not);
  });

  it.each(['Can you remove me from the list?', 'Please take our clinic off your lists.'])(
    'asking us to remove them stays an opt-out: %s',
    (text) => {
      expect(classify(text).label).toBe('unsubscribe');
    },
  );

  it.each([
    "I originally hit unsubscribe on your emails months ago, but things have changed here and I'd like to take you up on that trial offer now. Can you send the link?",
    'We unsubscribed a while back, but now we are interested in the WhatsApp reminders. Send me the pricing.',
  ])('a past unsubscribe turned back from is no opt-out: %s', (text) => {
    expect(classify(text).label).toBe('interested');
  });

  it.each([
    "I hit unsubscribe months ago but I'm still getting these. Take me off.",
    'I clicked unsubscribe last week, but now I get them on my mobile too. Stop.',
  ])('a past unsubscribe still ignored stays an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    "Forwarding back to you as requested by our director - we're not going ahead.",
    'We have decided not to proceed with the proposal.',
    "I'm not moving forward with this, thanks.",
  ])('a forward back to us hands nothing over; not going ahead is a refusal: %s', (text) => {
    expect(classify(text).label).toBe('not_interested');
  });

  it.each([
    ["We're not going ahead with Thursday's demo, can we move it to Friday at 10?", 'not_interested'],
    ['Forwarding this to Sam Patel who looks after our tooling.', 'neutral'],
  ])('a look-alike keeps its own reading: %s', (text, not) => {
    expect(classify(text).label).not.toBe(not);
  });

  it.each([
    'Quick question, does it work with the booking system we already have?',
    'Will it integrate with the CRM we already use, HubSpot?',
  ])('what they already have is the subject of a question: %s', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it('what they already have, said without a question, stays a refusal', () => {
    expect(classify('We already have a booking system that works fine.').label).toBe('not_interested');
  });

  it.each([
    'Two of our clinics had SMS reminders from another provider going out at 3am. Can yours send only in office hours?',
    'Our emails were sent at 6am and nobody opened them. Do you pick the send time?',
  ])('when messages went out is no meeting time: %s', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it('a time proposed for a call is still a meeting', () => {
    expect(classify('Can we talk Thursday at 3pm? Send the invite.').label).toBe('meeting_request');
  });

  it.each([
    'so im not the guy for that, you want to talk to um priya she handles all the scheduling stuff',
    "no no that'd be um sandra, sandra cole. she's in on tuesdays",
    "you'd want uh tom, tom bradley, he's the owner",
  ])('a hand-over said on a call: %s', (text) => {
    expect(classify(text).label).toBe('wrong_person');
  });

  it.each([
    "no that'd be great, she's in on tuesdays so come by then",
    'thats fine, she is in the office on monday',
  ])('not a hand-over: %s', (text) => {
    expect(classify(text).label).not.toBe('wrong_person');
  });

  it.each([
    [
      'Agent: Hi, is this the practice manager?\nLead: no no that would be um sandra, sandra cole. she is in on tuesdays\nAgent: Great, thank you.',
      'wrong_person',
    ],
    [
      'Agent: Would you like us to take you off our list?\nLead: no no, we want the demo. thursday at ten works',
      'meeting_request',
    ],
  ])('a tagged transcript is read from the other side: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it.each([
    [
      'On Tue, Dec 1, 2026 at 9:14 AM Dana <dana@reachline.io> wrote:\n> Hi Raj, a call? Reply STOP to opt out.\n\nwhat does it cost?',
      'question',
    ],
    [
      'Am Di., 1. Dez. 2026 um 09:14 Uhr schrieb Anna <anna@reachline.io>:\n> Guten Tag, eine Demo?\n\nBitte tragen Sie mich aus Ihrer Liste aus.',
      'unsubscribe',
    ],
    [
      'On Tue, Dec 1, 2026 at 9:14 AM Dana <dana@reachline.io> wrote:\n> Hi Sam, to stop these emails, reply STOP.\n\nThanks, got it.',
      'neutral',
    ],
  ])('a bottom-posted reply is read under the quote: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });
});
