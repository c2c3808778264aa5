import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

const QUOTED =
  '\n\nKind regards,\nJo Marsh\nHead of Operations | Lindqvist Freight\nM: +44 7700 900412\n\n' +
  '> On Tue, Dec 1, 2026 at 9:04 AM Dana Whitfield <dana@reachline.io> wrote:\n' +
  "> Hi Jo, worth a quick chat about follow-ups?\n> Reply STOP if you'd rather not hear from me.";

describe('English email replies (probe 28)', () => {
  it.each([
    "We'd be grateful if you took us off your mailing lists.",
    "I'd appreciate it if someone deleted my email address from your CRM.",
    'It would be great if you removed our details from all of your databases.' + QUOTED,
    'Strike our company from your outreach, thanks.',
    'Remove our whole team from your prospecting, please.' + QUOTED,
  ])('is an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    'Does the system stop the emails when someone unsubscribes on the website?',
    'Does the tool support GDPR erasure rights for our own contacts?' + QUOTED,
    'Can we stop the sequence whenever a patient books online?' + QUOTED,
  ])('is a question, not an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('question');
  });

  it.each([
    'Please remove our team from the invite and add Jo.',
    "I'd appreciate it if you removed me from the thread, Sam will take it from here.",
    "Take my team off the calendar invite, we'll send one rep.",
  ])('is not an opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it('"I am in" a department is not a yes', () => {
    expect(classify("Wrong Sarah I think, I'm in accounts.").label).toBe('wrong_person');
    expect(classify("Sorry, I'm in procurement, not IT.").label).not.toBe('interested');
    expect(classify("I'm in! Send the contract.").label).toBe('interested');
  });
});

describe('English email replies: the writer pointing to their own address (probe 28)', () => {
  it.each([
    "Could you send the updates to my home email instead? I'd still like them.",
    'Please send these to my private address instead of this one.' + QUOTED,
  ])('is not a referral: %s', (text) => {
    expect(classify(text).label).not.toBe('wrong_person');
  });

  it.each(['Not my area, please email Jo Park instead.', 'Send it to Priya instead, she runs ops.'])(
    'still points elsewhere: %s',
    (text) => {
      expect(classify(text).label).toBe('wrong_person');
    },
  );
});
