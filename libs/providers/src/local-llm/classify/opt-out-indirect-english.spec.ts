import { labelReplyText } from './reply-classifier';

const classify = (text: string) => labelReplyText({ text, received_at: '2026-11-30T09:00:00Z' });

const QUOTED =
  '\n\nOn Tue, Nov 24, 2026 at 10:12 AM Dana Whitfield <dana@reachline.io> wrote:\n> Hi Sam, worth a quick call?\n> Dana';

describe('opt-outs without a stop verb (probe 16)', () => {
  it.each([
    [
      'We are a charity with no budget for this. I would really appreciate being taken off.',
      'appreciates removal',
    ],
    ["I'd like this address taken off your mailing list." + QUOTED, 'details off the list, above a quote'],
    ["Could my email be removed from whatever database you're using?", 'details off the list, asked'],
    ['Please purge all acme-farms.com contacts you hold.', 'a whole domain'],
    ["Let's agree this is where our correspondence ends.", 'the correspondence ended'],
    ["It'd be better for everyone if you stopped emailing.", 'better if they stopped'],
    ["We won't be needing any further emails, thanks.", 'no further messages needed'],
    ['I have zero desire to be approached by your reps.', 'no wish to be contacted'],
    ["There's no need to email me again.", 'no need to write again'],
    ['Just reported you to the FTC.', 'a report made'],
    ["I'm reporting your number to my phone carrier.", 'a report made, first person'],
    ['Another text from you goes straight to the FCC.', 'the next one reported'],
    ['Your messages violate the TCPA.', 'the law broken'],
    ['Further emails will be forwarded to our legal team.', 'further contact warned about'],
    ['Cease and desist.', 'cease'],
    ['no mor txts', 'SMS shorthand'],
    ['not intrstd. rmv', 'SMS shorthand remove'],
    ['pls delist me', 'delist'],
    ['stop txting me!!', 'SMS spelling of texting'],
    ['forget dis # ok', 'SMS: this number'],
    ["I'd be grateful if this were the final email.", 'the last one wished for'],
    ['Please see to it that I get nothing further from your team.', 'nothing further'],
    ['Make sure nobody else at your company texts me.', 'nobody else to write'],
    ['We have said no twice. Do not put us into a new sequence.', 'no new sequence'],
    ["Legal action will follow if this doesn't stop.", 'a threat if it goes on'],
    ['Four calls today. This is harassment.', 'harassment'],
    ['STOP 😂', 'a stop with a laugh and nothing else'],
    ["Yet another email. Please don't.", 'another message, please do not'],
    ['Please add me to your do not contact list.', 'onto the suppression list'],
  ])('is an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).toBe('unsubscribe');
  });

  it.each([
    [
      'Can we move to Thursday?\n\nPriya\n\nIf you no longer wish to receive emails from Priya Design Ltd., unsubscribe here: https://priya.design/u/81',
      'a list footer with a link',
    ],
    [
      "ok see you at 10\n- Dan @ Dan's Garage. Txt STOP to end alerts",
      'the opt-out instruction in an SMS signature',
    ],
    ['I hit unsubscribe without meaning to, please add me back.', 'unsubscribed without meaning to'],
    [
      'Not my budget. Please speak to finance@lowmoor.com and take me off this thread.',
      'a thread left, someone else named before',
    ],
    ['How many of our emails got reported as spam this week?', 'reports by others asked about'],
    ['Our agency got a TCPA complaint last spring. How do you handle consent?', 'a complaint told about'],
    ['Please cease the payment run until the PO is fixed.', 'a payment stopped'],
    ['No need to reply, I have the deck.', 'no need to reply'],
    ['How does opting out work for SMS?', 'how opting out works'],
    ['STOP! Just joking, yes send it over.', 'a capital stop taken back'],
    ['STOP, wrong chat! Ignore that.', 'a stop taken back as a slip'],
    [
      'Heads up: the unsubscribe page 404s. Not looking to unsubscribe, just letting you know.',
      'a broken page reported',
    ],
    [
      'Do you offer a suppression list feature we can sync from Salesforce?',
      'a suppression list asked about',
    ],
    ["stop! you're hilarious 😂 book me in for Friday", 'a stop laughed off'],
    ['We report to the FCC quarterly, can your tool export the logs?', 'a habit of reporting'],
    ["If this keeps going well we'll report the results to the board.", 'a good run reported'],
    ['Make sure nobody else at your firm emails me, I only want to deal with you.', 'one contact kept'],
  ])('is not an opt-out: %s (%s)', (text) => {
    expect(classify(text).label).not.toBe('unsubscribe');
  });
});
