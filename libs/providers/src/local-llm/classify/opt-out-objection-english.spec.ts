import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('English opt-outs said as an objection, a question or a slip (probe 18)', () => {
  it.each([
    ['Unsubsrcibe', 'unsubscribe with two letters swapped'],
    ['unsubscrbie pls', 'unsubscribe misspelt, with a courtesy'],
    ['un-subscribe me', 'unsubscribe split in two'],
    ['how do I make all these whatsapps go away', 'asks how to make the messages go away'],
    ['Who should I contact to be removed?', 'asks who removes them'],
    ['Where do I write to get taken off?', 'asks where to write to be taken off'],
    ['You have no business texting me.', 'no right to contact'],
    ['Your company has no permission to email this address.', 'no permission to contact'],
    ["I'm TPS registered.", 'a preference register named'],
    ['This number is listed on the TPS, check your lists.', 'a preference register named'],
    ['Leave. Us. Alone.', 'one-word sentences in a row'],
    ['Further marketing emails to this inbox will be reported.', 'further contact warned about'],
    ['your calls r harassment', 'txt-speak "r"'],
    ['All these calls are harassment', 'harassment, several words before'],
    ['Knock it off.', 'knock it off'],
    ['Give it a rest with the texts', 'give it a rest with the messages'],
    ['Ofcom will hear about this if it continues.', 'a regulator named in a threat'],
    ["don't message on WhatsApp please", 'a channel refused without "me"'],
    ['no mre emails', 'txt-speak "mre"'],
    ['⛔ no more please', 'a stop sign before no more'],
    ['Sure, keep on emailing me every day 🙄', 'a sarcastic invitation to carry on'],
    [
      'Yeah please keep calling me at dinner time, said no one ever',
      'a sarcastic invitation, said no one ever',
    ],
    [
      'You have found the one person who never wishes to hear from you again.',
      'never wishes to hear, third person',
    ],
    ['could you take us off please?', 'asks them to take them off'],
    ['Stop wasting your time with follow ups, we will not buy.', 'no more time wasted on follow-ups'],
    ['Can you scrap whatever mailing list we are signed up to?', 'whatever list they are on'],
    ['Please end whatever subscriptions this email is on.', 'whatever subscription the address is on'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Do we have the right to text our customers without their consent?',
    'Is your call list checked against the TPS?',
    'Can you knock it off the invoice total?',
    "Don't waste your time on the proposal, we've picked another vendor.",
    'Yes please keep emailing me the updates, they are useful',
    'Can you subscribe me to the newsletter?',
    'Please resubscribe me to the monthly digest',
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('reads "no need to call, just email me" as a channel preference, not a refusal', () => {
    expect(classify('No need to call, just email me the quote').label).toBe('interested');
  });
});
