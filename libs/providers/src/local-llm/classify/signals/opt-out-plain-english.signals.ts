import { s, type Signal } from './signal';

/**
 * English opt-outs said without a stop verb or a list named, as people text them: a block or a report stated as
 * done ("Blocking this number.", "Reported and blocked."), "let this be the last email you send me", "I'd like to
 * be left alone", "don't want it, don't send it", "Remove from list", "not interested in receiving texts",
 * "please discontinue texts to this number", a law quoted then claimed ("CAN-SPAM requires you to honor opt-outs.
 * Consider this mine.") and "Not interested. Do not contact" signed off without a full stop. The look-alikes stay
 * out: a slot blocked ("The calendar slot is blocked"), "let this be the last email before we sign", "don't
 * email me, call me", "not interested in getting a discount".
 */

const SENDER =
  '(you|u|this (number|sender|contact|address|account)|your (number|company|emails|e ?mails|messages|texts))';

// prettier-ignore
export const PLAIN_ENGLISH_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'blocks or reports them (done)', new RegExp(`(^|[.!?,;]\\s*)(now |just )?((this |your |the )?(number|sender|contact|account) )?(blocking|blocked|reported|reporting)( and (blocked|reported|blocking|reporting))?( ${SENDER})?\\s*[.!]*\\s*$|\\b(i|we) (am |are |have |just |now |have just |have now )*(blocking|blocked|reporting|reported) ${SENDER}\\b(?! (from|to the (calendar|meeting)))`, 'm')),
  s('unsubscribe', 4, 'the last message they want', /\b(let|make) (this|that|it) (be )?(the|your) (last|final) (e ?mail|email|message|text|call|one|time)( (you|u) (ever )?(send|write|text|call)( me| us)?| (i|we) (ever )?(get|receive|hear)( from (you|u))?| from (you|u))?\s*([.!]|$)|\b(this|that) (had )?better be the (last|final)\b/m),
  s('unsubscribe', 4, 'wants to be left alone', /\b(i|we) (would like|want|wish|would prefer|prefer|need|would love) to be left (alone|in peace|be)\b/),
  s('unsubscribe', 4, 'does not want it sent', /\b(do not|dont) want (it|this|them|that|any of it)\b[^.!?\n]{0,25}\b(do not|dont) (send|text|email|e ?mail|call|message)\b/),
  s('unsubscribe', 4, 'not interested in receiving them', /\bnot interested in (receiving|getting|hearing)( (any|these|your))?( more| further)? ((e ?mails|emails|messages|texts|calls|sms|newsletters|marketing|updates|offers)\b|from (you|u|your (company|team))\b)/, 'whole'),
  s('unsubscribe', 4, 'asks to discontinue the messages', /\b(discontinue|cease|halt) (sending )?(all |any |the |these |your |further |future )*(texts|calls|sms|mailings|messages|e ?mails|emails|marketing|communications?|correspondence|outreach|contact)\b(?! (with|to) (the|our|my|their) (customers?|clients?|patients?|users?|team))/),
  s('unsubscribe', 4, 'remove from list (bare)', /(^|[.!?]\s*)(please |pls |kindly )?(remove|delete|unsubscribe|take)( me| us)? (from|off) (the )?(list|mailing list|database|mailing)( please| thanks| thank you)?\s*[.!]*\s*$/m),
  s('unsubscribe', 4, 'claims the opt-out the law gives', /\bconsider this (my|our|a) (formal |official |final |written )?(request|notice|opt out|unsubscribe|removal|objection|demand)( request| notice)?\b(?! (for|about|to (book|schedule|meet|join|discuss|get|see|receive)))/),
  s('unsubscribe', 4, 'claims an opt-out named before', /\b(opt out|opt outs|unsubscribe|removal|do not contact|remove)\b[^\n]{0,80}\bconsider this (mine|ours|one|it|that request)\b/, 'whole'),
  s('unsubscribe', 4, 'signs off with do not contact', /(?<!\b(you|u|we|they|i|he|she|if|why|who|that|it|to|or|and) )\b(do not|dont) (call|email|e ?mail|text|contact|message|ring|write)( (again|anymore|any more|ever again))?\s*[.!]*\s*$/),
];
