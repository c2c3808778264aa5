import { MONTHS, s, type Signal } from './signal';

/**
 * Customers, members and patients answering renewal offers, upsells, reminders and review requests (probe 74):
 * - a product cancelled, paused or changed is no opt-out: "unsubscribe me from the premium plan", "unsubscribe me
 *   from the wine club", "cancel my order", "stop my auto-renewal", "pause my membership", "close my account",
 *   "take the sports package off my bill" (a request the company acts on: a question);
 * - opt-outs that keep the service messages: "I only want service messages", "transactional emails only", "only
 *   message me about my orders", "keep the delivery texts, stop the sale ones", "turn off the promo messages", "no
 *   more promos on WhatsApp", "just the appointment reminders please, no marketing";
 * - opt-outs in this setting without the usual keywords: "stop reminding me to book my check-up", "stop the
 *   offers", "delete my profile and personal data", "stop calling me about upgrading, I'll let you know if I want to"
 *   (a promise that depends on wanting closes the door, like "if we ever need you");
 * - also: "already paid" / "renewed online this morning" (statements), "refund me" and "how do I return it"
 *   (questions, not an away reply), a past month of a charge or an opt-out ("cancelled in October", "she opted out
 *   of our reminders in October": probe 79), "remind me closer to the renewal date" (later).
 * A bare "cancel my subscription" / "cancel my membership" is left to the older rule that reads it as an opt-out
 * (in outreach it is mostly the emails); a named one ("my magazine subscription", "my gym membership") is not.
 * Patterns read the normalised text (lowercase, no accents, "don't" → "do not", "add-on" → "add on").
 */

/** What a customer holds or buys: a plan, an order, a box, a membership. Not a list of messages. */
const PRODUCT =
  '(subscriptions?|orders?|trial|account|membership|plan|tier|policy|contract|auto ?renew(al)?|renewal|direct debit|standing order|add ?ons?|deliveries|box|package|bundle|insurance|cover|warranty|licen[cs]e|top ?ups?|prescription|lessons|sessions|club|kit|parcels?|booking|broadband)';

/** Messages the sender sends: what an opt-out names. */
const MESSAGES =
  '(emails?|e mails?|newsletters?|lists?|mailings?|mailers?|messages|texts|sms|updates|offers|promos?|promotions?|promotional|marketing|communications?|notifications|reminders|surveys?|calls)';

/** Kinds of messages a customer would rather not get: offers, sales, surveys. */
const SALES_KIND =
  '(promo|promos|promotional|marketing|sales?|offers?|deals?|upsell|upgrade|review|survey|feedback|loyalty|special offers?|advertising|discount|win back)';

/** Messages a customer keeps: service, orders, appointments. */
const SERVICE_KIND =
  '(service|transactional|account|billing|order|delivery|appointment|booking|prescription|shipping|essential|important|operational)';

export const PROBE74_CUSTOMER_GUARDS: Signal[] = [
  s(
    'question',
    3,
    'unsubscribes from a product, not from messages',
    new RegExp(
      `\\bunsubscribe( me| us)?( from)? (the|my|our|your) ([a-z]+ ){0,2}(plan|tier|club|box|membership|package|bundle|add ?on|kit|trial|deliveries)\\b(?! ([a-z]+ ){0,2}${MESSAGES}\\b)`,
    ),
    'guard',
  ),
  s(
    'question',
    3,
    'asks to cancel, pause or change a product',
    new RegExp(
      `\\b(?!(cancel|end|terminate) (my|our|the) (subscription|membership)\\b)(cancel|stop|end|close|terminate|deactivate|pause|freeze|suspend|hold|skip|remove|take off|switch off|turn off|downgrade|do not renew) (my|the|our|next weeks?|this weeks?|next months?) ([a-z]+ ){0,3}${PRODUCT}\\b(?! (users?|seats?|logins?|accounts?|address(es)?|numbers?)\\b)(?![^.!?;\\n]{0,40}\\b${MESSAGES}\\b)|\\btake (the|my) ([a-z]+ ){0,2}${PRODUCT} off (my|the|our) (bill|account|plan|order)\\b|\\b(skip|pause|hold|cancel) (my|next weeks?|this weeks?|tomorrows?) ([a-z]+ ){0,2}delivery\\b`,
    ),
    'guard',
  ),
  s(
    'question',
    2,
    'asks how to return an item',
    /\bhow (do|can|should) (i|we) (return|send back) (it|this|that|them|these|the|my|our)\b/,
    'guard',
  ),
  s(
    'question',
    0,
    'a past month of a cancellation or a charge',
    new RegExp(
      `\\b(cancelled|canceled|charged|billed|paid|ordered|bought|renewed|joined|signed up|upgraded|downgraded|paused|opted out|unsubscribed|subscribed|opted in)( (of|from|to|for) (our|the|their|your|my|his|her|its|this|that) [a-z]+( [a-z]+)?)? (again |still |only |it |that )?(in|on|back in|last|early|late|at the (start|end) of) ${MONTHS}\\b`,
    ),
    'guard',
  ),
  s(
    'neutral',
    0,
    'will say so if they ever want it',
    /\b(i|we) will (let you know|tell you|ask|get in touch|reach out|call you|contact you) if (i|we) (ever )?(want|wish|decide to|choose to|feel like)( it| to| one| more| anything| that)?\b/,
    'guard',
  ),
];

export const PROBE74_CUSTOMER_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'wants only the service messages',
    new RegExp(
      [
        `\\bonly (want|need|wish to (get|receive)|want to (get|receive|hear about)) (the |my )?${SERVICE_KIND}( [a-z]+)? (messages|emails|e mails|notices|notifications|texts|updates|reminders|alerts|confirmations|info)\\b`,
        `\\b${SERVICE_KIND} (messages|emails|e mails|notices|notifications|texts|updates|alerts|communications?) only\\b`,
        `\\bonly (message|contact|email|e mail|text|write to|call|notify) (me|us) (about|regarding|with|for) (my|our|the) ([a-z]+ ){0,2}(orders?|account|appointments?|bookings?|prescriptions?|deliveries|delivery|bills?|billing|invoices?|policy|parcels?)\\b`,
      ].join('|'),
    ),
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'no more marketing, as a request of its own',
    new RegExp(
      `(^|[.!,;:]\\s*|\\b(please|pls|but|and|just|so) )(no (more )?(marketing|promos?|promotions?|promotional [a-z]+|sales (calls|emails|e mails|texts|messages))|no more (offers|deals|special offers|surveys|review requests|adverts|ads))( (texts|emails|e mails|messages|calls|content|stuff|please|pls|thanks|thank you|on [a-z]+|by [a-z]+|from (you|now on)))*\\s*([.!,;]|$)`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'stops one kind of sales message',
    new RegExp(
      `\\b(stop|turn off|switch off|disable|end) (the |your |all |all the |these |those |any )?([a-z]+ )?${SALES_KIND}( [a-z]+){0,2} (texts|emails|e mails|messages|calls|mails|ones|notifications|alerts|requests|mailers)\\b|\\b(stop|turn off|switch off) (the |your |all |all the |these |those |sending (me |us )?)(offers|deals|promos|promotions|specials|special offers|upsells|adverts|ads)\\b`,
    ),
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'asks the sender to stop reminding or nagging',
    /\bstop (reminding|nagging|pestering|hassling|bugging|prompting|badgering) (me|us)\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'asks for a profile and personal data deleted',
    /\b(delete|erase|remove|wipe|purge) (my|all my|our) ([a-z]+ )?(profile|account|details|records?)( and| plus|,)( all)?( of)?( my| our| the)? (personal |contact )?(data|information|info|details)\b/,
    'negatable',
  ),
];

export const PROBE74_CUSTOMER_SIGNALS: Signal[] = [
  s(
    'not_now',
    3,
    'asks to be reminded nearer the renewal',
    /\bremind (me|us) (closer to|nearer( to)?) (the|my|our) ([a-z]+ )?(date|time|renewal|expiry|end)\b/,
  ),
  s('question', 3, 'asks for a refund', /\b(refund|reimburse) (me|it|us|the|my|one|that|this)\b/),
  s(
    'neutral',
    3,
    'says it is already paid, renewed or cancelled',
    /^(i |we )?(have )?(already )?(paid|renewed|upgraded|cancelled|canceled)( (it|that|this|online|already|in the app|through the app|on the website|last week|this morning|yesterday|today))*[.!,]*( (thanks|thank you|ta|cheers)[.!]*)?$/,
  ),
];
