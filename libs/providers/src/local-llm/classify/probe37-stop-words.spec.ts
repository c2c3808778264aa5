import { labelReplyText } from './reply-classifier';

/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: '2026-12-04T09:00:00Z' }, null);

describe('Words of stopping that are not opt-outs, and opt-outs without them (probe 37)', () => {
  it.each([
    'im done with these',
    "I'm so done with your emails.",
    "We're done with you people.",
    'No more, please. I get four of these a week.',
    'No more. Thanks.',
    'Please make this your final email to me.',
    'This is the last email I want from you.',
    'Data subject request: delete everything you have on me and tell me where you got my email.',
    'Erase all the data you hold about me, under GDPR.',
  ])('an opt-out without the usual words: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    ['Do you delete our data when the contract ends, or is there a retention period?', 'question'],
    ['Does the platform erase patient records after we cancel?', 'question'],
    ['Do you delete everything you have on me if I cancel?', 'question'],
    [
      "How do I cancel the trial if we decide it's not for us? Don't want to get charged by surprise.",
      'question',
    ],
    [
      "FYI I've unsubscribed our shared inbox ops@ from this thread so it doesn't get duplicated, I'm still reading on my own address.",
      'neutral',
    ],
    ['Ha, I almost hit unsubscribe before I saw it was you, Dana! Will reply properly next week.', 'neutral'],
    [
      "I've removed myself from the calendar invite as Priya is attending on our side. She has all the context.",
      'neutral',
    ],
    [
      'delete this number from your system and message me on +44 7700 900733 instead, this one is getting cut off next week',
      'neutral',
    ],
    ['Please stop emailing this address, use tom@fraserlyle.co.uk from now on.', 'neutral'],
    [
      "Please stop sending these to my address - I've moved roles. The new contact for vendor tools is Aisha Khan, aisha.khan@tidewatersupply.com.",
      'wrong_person',
    ],
    ["No more sales emails please - just send the contract and we'll get it signed this week.", 'interested'],
    [
      "no need to keep Lisa in the group chat, she's on leave. but yes we're keen, what are the next steps?",
      'interested',
    ],
    [
      "No need to send anything else - I've got the brochure and the price list. Will review with the team.",
      'neutral',
    ],
  ])('a look-alike: %s', (text, label) => {
    expect(classify(text).label).toBe(label);
  });

  it('reads the new contact named after a stop to the old address', () => {
    const result = classify(
      "Please stop sending these to my address - I've moved roles. The new contact for vendor tools is Aisha Khan, aisha.khan@tidewatersupply.com.",
    );
    expect(result.referral).toEqual({
      name: 'Aisha Khan',
      email: 'aisha.khan@tidewatersupply.com',
      phone: null,
    });
  });

  it.each([
    'I was about to unsubscribe but then this one actually landed at the right time. What does it cost?',
    "Please stop sending me the generic brochure - I've read it. I want the enterprise pricing and a reference customer.",
    'Stop! I already sent the signed form this morning, check your inbox 🙂',
    "STOP! I've already paid the invoice.",
    "Ha, my 6 year old just read your subject line and shouted 'STOP!' at the screen. Anyway, forwarded to the team.",
    "I'm done with this form, sending it back now.",
    'No more than 10 seats for now.',
    'no more questions from me, thanks',
    'Make this the final version and send it over.',
    "This is the last email I'll send before my leave.",
  ])('is no opt-out: %s', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    'Can you delete my data?',
    'Delete this number from your system.',
    "Please stop emailing my address, I've reported you to abuse@yourisp.com",
    "Stop sending me your brochures, I'm not interested.",
    "Stop! I already told you I'm not interested.",
    'STOP. I already asked you twice.',
    'I almost unsubscribed. Please take me off your list now.',
    "I don't want to get charged, so please cancel my subscription to these emails.",
    'No more emails, just leave me alone.',
    "Please remove my number, I'm new to this company and never asked for this.",
  ])('the look-alikes leave a real opt-out standing: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
