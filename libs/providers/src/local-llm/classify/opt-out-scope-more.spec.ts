import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

describe('opt-out look-alikes (probe 14)', () => {
  it.each([
    ["Don't text me, but I would happily take a quick call on Monday.", 'a text refused, a call offered'],
    ["I'd rather not get texts. Could you email me the contract?", 'a text refused, an email asked for'],
    [
      'Stop texting please, I prefer email. Send me the case study.',
      'email preferred (read before the guards)',
    ],
    ['Support note: the client says replying did not end the SMS reminders.', "someone else's report"],
    ['Does your platform handle STOP and END replies?', 'keywords asked about'],
    ['Does it honour UNSUBSCRIBE, STOP or QUIT?', 'a list of keywords'],
    ["Drop me off the Friday invite and add me to Monday's session instead.", 'one invitation'],
    [
      'Our reps keep texting after opt-out, that is why I want pricing for your tool.',
      'the opt-out as a moment',
    ],
    [
      'Unsubscribe me from the product tips, but please keep the invoices coming.',
      'one mailing, another kept',
    ],
    ['Please unsubscribe my old hotmail, the new address is ana@quorra.com.', 'an old address replaced'],
    [
      'quit sending me invoices to the old address, use billing@acme.com',
      'an old address replaced, inside the opt-out clause',
    ],
    [
      'stop emailing me at the old gmail, this one is better: ana@x.com',
      'an old address replaced, inside the opt-out clause',
    ],
    [
      'I was going to ask you to take me off, then I read the case study. Send the pricing.',
      'an intention given up',
    ],
    ['Do you automatically remove contacts who mark your emails as spam?', 'how it works, asked'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });

  it.each([
    'Stop texting me.',
    'Remove my old number and do not contact me again.',
    'stop sending me emails to my old address and never contact me again',
    'Take me off your invite list for every event.',
    'Can your system stop texting me?',
    'I asked you to remove me, then you texted again!',
    'STOP',
    'STOP. Customer service is useless.',
  ])('stays an opt-out: %s', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });
});
