import { CLOCK, s, type Signal } from './signal';

/**
 * Long replies of probe38 (a short message inside quoted history, footers, forwards and call transcripts). The
 * opt-out for a whole organisation ("stop sending these to all of our staff", "take all @clinic.com addresses off
 * your list", "remove all five clinics from every list you hold"); a past unsubscribe the writer has turned back
 * from ("I hit unsubscribe months ago, but things have changed"); a forward sent back to us, which hands nothing
 * over; "we're not going ahead", a refusal; "does it work with the system we already have?", a question and no
 * refusal; messages going out at a clock time, which tell what happened and propose no meeting; a spoken
 * hand-over ("you want um priya, she handles that"); how to remove contacts from the writer's own lists, a
 * question and no opt-out. Patterns read the normalised text (lowercase, no accents, "don't" → "do not", "she's"
 * → "shes").
 */

/** People and places of the writer's own organisation (not its customers or patients). */
const OWN_ORGANISATION =
  '(staff|team|teams|colleagues|employees|people|clinics|branches|offices|practices|sites|stores|shops|reception|receptions|front desks?|addresses|email addresses|inboxes|mailboxes)';

/** "Stop sending these to all of our staff": no more messages to anyone of the writer's organisation. */
const STOP_TO_OUR_ORGANISATION = new RegExp(
  `\\b(stop|quit|cease) (sending|emailing|mailing|texting|calling|contacting|messaging|spamming)( (these|them|this|those|your (emails|messages|sales emails|texts|mailings)|emails|messages))?( to)? (all( of)? |any( of)? |each( of)? |every( one of)? )?(our|my) ${OWN_ORGANISATION}\\b`,
);

/** "Take all @clinic.com addresses off your list", "remove all five clinics … from every list you hold". */
const ORGANISATION_OFF_YOUR_LISTS = new RegExp(
  `\\b(take|remove|delete|drop|wipe|purge|strike|erase)\\b (all|every|each|both|the whole)\\b([^.!?\\n]|\\.(?=\\S)){0,50}?\\b${OWN_ORGANISATION}\\b[^.!?\\n]{0,30}?\\b(off|from) (your|every|any|all( of)? your|each of your)( [a-z]+)? (list|lists|database|databases|system|systems|records|crm|outreach|mailing list|mailing lists|distribution list|contact list|contact lists)\\b`,
);

/** A past unsubscribe the writer turns back from: "I hit unsubscribe months ago, but things have changed". */
const PAST_UNSUBSCRIBE_TURNED = new RegExp(
  `\\b(i|we) (had |have )?(originally |previously |once |already |actually )?((hit|clicked|pressed|tapped|used)( on)? (the |your )?unsubscribe( link| button)?|unsubscribed|opted out)\\b[^.!?\\n]{0,60}?\\b(ago|before|back then|last (week|month|year)|in the past|a while back|at one point)\\b,? but (things have changed|circumstances have changed|now (i|we) (would like|want|am interested|are interested|need|am ready|are ready|am keen|are keen)|(i|we) would (like|love) to|(i|we) (am|are|have) (now )?(interested|keen|ready|changed (my|our) minds?))`,
);

/** Our message forwarded back to us, or to the writer's own records: no hand-over to anyone. */
const FORWARDED_BACK =
  /\b(forward(ing|ed)?|fwd|fw|sending|sent|bouncing) (this |it |that |your (email|message|note) )?(back to you|to myself|to my own (inbox|records))\b/;

/** "Does it work with the booking system we already have?": what they have is the question's subject. */
const WORKS_WITH_WHAT_WE_HAVE =
  /\b(does|will|would|can|could|do) (it|this|that|you|your (tool|system|product|platform|app|software)) (work|integrate|sync|connect|talk|plug in|hook up) (in )?with\b[^.?!\n]{0,60}?\b(we|i) already (have|use|run|pay for)\b/;

/** "SMS reminders going out at 3am": when messages were sent, not a time proposed for a call. */
const MESSAGES_SENT_AT = new RegExp(
  `\\b(reminders?|messages?|texts?|emails?|sms|notifications?|alerts?|campaigns?)\\b[^.!?\\n]{0,40}?\\b(going out|went out|go out|goes out|sent out|sent|arriving|arrived|arrive|delivered|landing|landed|firing|fired) (out )?at ${CLOCK}`,
);

/** A spoken hand-over: "you want to talk to um priya, she handles that", "no that would be um sandra, sandra cole. shes in on tuesdays". */
const SPOKEN_HANDOVER =
  /\b(you (would |will )?(want|need)( to (talk|speak) (to|with))?|you should (talk|speak) (to|with)|(talk|speak) to|ask for|no,? that would be|thats) (um |uh |er |erm |like )*(?!(you|me|us|them|him|her|it|someone|somebody|anyone|the|a|an|my|our|your|great|fine|good|perfect|nice|lovely|awesome|better|best|ideal|easier|helpful|brilliant|ok|okay|too|so|very|really)\b)[a-z]+( [a-z]+)?(, [a-z]+( [a-z]+)?)?[,.]? ((she|he) (handles|does|runs|looks after|deals with|manages|takes care|is (in|the|our|usually))|(shes|hes) (in|the|our|usually))\b/;

/** "We're not going ahead", "we have decided not to proceed with the proposal": a refusal of the offer. */
const NOT_GOING_AHEAD =
  /\b((we|i) (are|am|will|have decided|decided)( definitely)? not (be )?(going ahead|proceeding|moving forward|taking (this|it) (any )?further|pursuing (this|it))|(we|i) (have )?decided not to (go ahead|proceed|move forward|pursue (this|it)))\b(?=\s*([.!,;\n-]|$|with (this|it|you|your|reachline|the (purchase|proposal|project|trial|offer|quote|deal|subscription|contract|plan))\b))/;

/** "How do I remove bounced addresses from the list in my account?": the writer's own lists, a how-to question. */
const REMOVE_FROM_OWN_LIST =
  /\b(can|could|how (do|can|would|should)|is it possible to|is there a way to) (i|we)( [a-z]+)? (remove|delete|take|drop|exclude)\b[^.!?\n]{0,50}?\b(from|off|out of) ((the|a) [a-z ]{0,20}?(list|lists|campaign|sequence|audience|segment)\b[^.!?\n]{0,20}?\b(in|on|inside|within) (my|our|the) (account|dashboard|workspace|app|portal|crm|settings)|(my|our) (own )?[a-z ]{0,20}?(list|lists|campaign|campaigns|sequence|sequences|audience|segment|contacts))\b/;

export const PROBE38_GUARDS: Signal[] = [
  s('question', 2, 'asks how to remove contacts from their own lists', REMOVE_FROM_OWN_LIST, 'guard'),
  s('neutral', 0, 'a past unsubscribe turned back from', PAST_UNSUBSCRIBE_TURNED, 'guard'),
  s('neutral', 0, 'forwards it back', FORWARDED_BACK, 'guard'),
  s('question', 3, 'asks whether it works with what they have', WORKS_WITH_WHAT_WE_HAVE, 'guard'),
  s('neutral', 0, 'tells when messages went out', MESSAGES_SENT_AT, 'guard'),
];

export const PROBE38_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'stop contacting anyone of the organisation', STOP_TO_OUR_ORGANISATION, 'temporal'),
  s('unsubscribe', 4, 'take the organisation off the lists', ORGANISATION_OFF_YOUR_LISTS),
  s('wrong_person', 3, 'hands over on a call', SPOKEN_HANDOVER),
  s('not_interested', 3, 'is not going ahead', NOT_GOING_AHEAD),
];
