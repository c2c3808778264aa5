import type { ReplyLabel } from '../../llm/llm-tasks';

/**
 * English opt-outs without STOP and their look-alikes, in our own wording (none taken from the labelled set):
 * chat shorthand ("dnt", "agn", "nt"), a no-phones or muted-bell emoji alone, a block or report stated as done, "no
 * more, please", "forget my number", "remove from list", "can I be removed please", a law quoted then claimed,
 * "let this be the last", "left alone", "don't want it, don't send it", "discontinue texts", "not interested in
 * receiving emails"; and what must stay something else: a text refused for a call, a time of day or the weekend
 * refused, a mailing left while a person is kept, a waiting list left to buy, good timing, "circle back next
 * month", a question about what they already have, another number or address given instead, "no more reminders
 * needed", fewer messages rather than none, copying someone stopped, post refused for email, a plan changed;
 * a wait named ("give us three weeks", "ahora mismo no"). [text, expected]; `not_unsub` means anything but
 * unsubscribe.
 */
// prettier-ignore
export const OPT_OUT_PLAIN_ENGLISH_EXAMPLES: Array<[string, ReplyLabel | 'not_unsub']> = [
  ['plz dnt call agn', 'unsubscribe'],
  ['nt interested, dnt text', 'unsubscribe'],
  ['📵', 'unsubscribe'],
  ['🔕🔕', 'unsubscribe'],
  ['Number blocked.', 'unsubscribe'],
  ['I have blocked this sender.', 'unsubscribe'],
  ['No more, thanks.', 'unsubscribe'],
  ['Not sure who shared my number with you, but please forget it.', 'unsubscribe'],
  ['Please remove from list', 'unsubscribe'],
  ['Could I be removed please', 'unsubscribe'],
  ['The GDPR gives me the right to opt out. Consider this mine.', 'unsubscribe'],
  ['Consider this my formal request to be removed.', 'unsubscribe'],
  ['Make this the last text you send me.', 'unsubscribe'],
  ['That had better be the final email.', 'unsubscribe'],
  ['We would like to be left alone.', 'unsubscribe'],
  ["Don't want it, so don't email me about it.", 'unsubscribe'],
  ['Kindly discontinue all texts to this phone.', 'unsubscribe'],
  ['We are not interested in receiving further emails from your company.', 'unsubscribe'],
  ['Not interested. Do not contact', 'unsubscribe'],
  ["Please don't email, just call me on 020 7946 0000 after lunch.", 'meeting_request'],
  ["Don't ring me in the evenings, I'm at home with the kids. Tuesday at 10 is good.", 'not_unsub'],
  ["Please don't text at weekends — weekdays are fine, send the brochure.", 'not_unsub'],
  ['Take us off the product newsletter please. We do still want Anna to call about the renewal.', 'not_unsub'],
  ['Remove me from the waiting list, I want to order today.', 'not_unsub'],
  ['Honestly the timing is right, we just lost our SDR. What does it cost?', 'question'],
  ['Give us three weeks, we are still comparing vendors.', 'not_now'],
  ['Ahora mismo no, hablamos después de las fiestas.', 'not_now'],
  ['We renewed with our vendor last week. Check back next year.', 'not_now'],
  ['Does it import the contact lists we already have?', 'question'],
  ['I discontinued our old plan, so I need a new tool. Price for 5 users?', 'not_unsub'],
  ['Not interested in getting a discount, just tell me the list price.', 'not_unsub'],
  ["Don't text me the address, email it instead.", 'not_unsub'],
  ["No more reminders needed, I'll be there Thursday at 10.", 'not_unsub'],
  ['Please stop ringing reception, my mobile is 07700 900222.', 'not_unsub'],
  ['Quit emailing my work inbox and use my gmail one instead, still keen.', 'not_unsub'],
  ['Please stop copying my manager on these, reply to me only.', 'not_unsub'],
  ['Stop chasing so often, once a fortnight is plenty. Still interested.', 'not_unsub'],
  ['No catalogues in the post please, email works fine.', 'not_unsub'],
  ["Cancel our subscription on the basic plan, we're switching to Enterprise.", 'not_unsub'],
  ['Drop us from the events newsletter, but please keep the quarterly reviews.', 'not_unsub'],
  ['Stop calling me, my mobile is for family only.', 'unsubscribe'],
  ['We do not need more newsletters, we need a price list.', 'not_unsub'],
  ['Quit texting and start ringing, I never read these. Free after 4.', 'not_unsub'],
  ['I do not want any more emails, I want nothing from you.', 'unsubscribe'],
  ['Stop texting me every day. Remove my number.', 'unsubscribe'],
];
