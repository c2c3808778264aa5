import { s, type Signal } from './signal';

/**
 * English opt-outs said without a stop verb or a list named, as people text them: a block or a report stated as
 * done ("Blocking this number.", "Reported and blocked."), "let this be the last email you send me", "I'd like to
 * be left alone", "don't want it, don't send it", "Remove from list", "not interested in receiving texts",
 * "please discontinue texts to this number", a law quoted then claimed ("CAN-SPAM requires you to honor opt-outs.
 * Consider this mine.") and "Not interested. Do not contact" signed off without a full stop. The look-alikes stay
 * out: a slot blocked ("The calendar slot is blocked"), "let this be the last email before we sign", "don't
 * email me, call me", "not interested in getting a discount".
 * Probe14 families: "why do you keep texting me?" / "why am I getting these??" (the messages themselves, not
 * "these invoices"), a removal asked for someone else ("Please don't message him.", "Kindly remove her address.",
 * "remove all @acme.co addresses from your outreach"), "don't include me in future mailings", "not interested in
 * being on this sequence", "I've asked twice to be taken off", "my address is to be deleted", erasure or a stop to
 * processing of one's own data ("I request erasure of my personal data", "cease using my personal information"),
 * "these aren't wanted", "im blocking u", "can I get removed", "f off with these texts", "leave me outta this", "nomore", "plz remve me".
 */

const SENDER =
  '(you|u|this (number|sender|contact|address|account)|your (number|company|emails|e ?mails|messages|texts))';

// prettier-ignore
export const PLAIN_ENGLISH_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'blocks or reports them (done)', new RegExp(`(^|[.!?,;]\\s*)(now |just )?((this |your |the )?(number|sender|contact|account) )?(blocking|blocked|reported|reporting)( and (blocked|reported|blocking|reporting))?( ${SENDER})?\\s*[.!]*\\s*$|\\b(i|we) (am |are |have |just |now |have just |have now )*(blocking|blocked|reporting|reported) ${SENDER}\\b(?! (from|to the (calendar|meeting)))`, 'm')),
  s('unsubscribe', 4, 'the last message they want', /\b(let|make) (this|that|it) (be )?(the|your) (last|final) (e ?mail|email|message|text|call|one|time)( (you|u) (ever )?(send|write|text|call)( me| us)?| (i|we) (ever )?(get|receive|hear)( from (you|u))?| from (you|u))?\s*([.!]|$)|\b(this|that) (had )?better be the (last|final)\b/m),
  s('unsubscribe', 4, 'wants to be left alone', /\b(i|we) (would like|want|wish|would prefer|prefer|need|would love) to be left (alone|in peace|be)\b/),
  s('unsubscribe', 4, 'does not want it sent', /\b(do not|dont) want (it|this|them|that|any of it)\b[^.!?\n]{0,25}\b(do not|dont) (send|text|email|e ?mail|call|message)\b/),
  s('unsubscribe', 4, 'not interested in receiving them', /\b(not interested|(have |has )?(no|zero) (interest|desire|wish)) in (receiving|getting|hearing)( (any|these|your|them|this|such))?( more| further)?( (e ?mails|emails|messages|texts|calls|sms|newsletters|marketing|updates|offers)\b| from (you|u|your (company|team))\b|(?<= (these|them|this))\b)/, 'whole'),
  s('unsubscribe', 4, 'asks to discontinue the messages', /\b(discontinue|cease|halt) (sending )?(all |any |the |these |your |further |future )*(texts|calls|sms|mailings|messages|e ?mails|emails|marketing|communications?|correspondence|outreach|contact)\b(?! (with|to) (the|our|my|their) (customers?|clients?|patients?|users?|team))/),
  s('unsubscribe', 4, 'remove from list (bare)', /(^|[.!?]\s*)(please |pls |kindly )?(remove|delete|unsubscribe|take)( me| us)? (from|off) (the )?(list|mailing list|database|mailing)( please| thanks| thank you)?\s*[.!]*\s*$/m),
  s('unsubscribe', 4, 'claims the opt-out the law gives', /\bconsider this (my|our|a) (formal |official |final |written )?(request|notice|opt out|unsubscribe|removal|objection|demand)( request| notice)?\b(?! (for|about|to (book|schedule|meet|join|discuss|get|see|receive)))/),
  s('unsubscribe', 4, 'claims an opt-out named before', /\b(opt out|opt outs|unsubscribe|removal|do not contact|remove)\b[^\n]{0,80}\bconsider this (mine|ours|one|it|that request)\b/, 'whole'),
  s('unsubscribe', 4, 'signs off with do not contact', /(?<!\b(you|u|we|they|i|he|she|if|why|who|that|it|to|or|and) )\b(do not|dont) (call|email|e ?mail|text|contact|message|ring|write)((,? (or|and|nor)|,) (call|email|e ?mail|text|contact|message|ring|write|whatsapp|phone|sms))*( (again|anymore|any more|ever again))?\s*[.!]*\s*$/),
  s('unsubscribe', 4, 'asks why they keep being messaged', /\bwhy (do|does|are|do you|is) (you|u|ya|your (company|team|firm)|this (number|company)) (still |even |always )?(keep (on )?|continue to |keep trying to )?(texting|messaging|emailing|e mailing|calling|spamming|contacting|sending me|bothering|hitting)\b(?![^\n]{0,100}\b(frequency|fewer|less often|less frequently|how often|once a (week|month))\b)|\bwhy (am i|are we|do i|do we) (still |even |constantly )?(keep )?(getting|receiving) (these|this|all these|so many|your (texts|emails|e mails|messages|calls|sms))(?! (?!texts|emails|e mails|messages|calls|sms|mails|from|again|every|all|constantly|anymore|still)[a-z]{2,})/),
  s('unsubscribe', 4, 'asks that someone else not be messaged', /(^|[.!?,;]\s*)(please |pls |kindly |so )?(do not|dont|stop|never) (message|text|email|e mail|call|contact|ring|write to|bother) (him|her|them)( (again|anymore|any more|ever again|at all))?\s*([.!]|$)/m),
  s('unsubscribe', 4, 'asks to remove someone else from the lists', /\b(remove|delete|erase|take off|drop) (his |her |their |all (of )?(our|the) (@\S+ )?|all @\S+ |every @\S+ )(number|phone number|cell|mobile|email|email address|e mail|address|addresses|details|contact details|emails|contacts)\b(?! (from|off|in|on) (the|this|that) (thread|invoice|contract|cc|form|document|doc|deck|proposal|slide|order|file|sheet|report))/),
  s('unsubscribe', 4, 'asks not to be included in future mailings', /\b(do not|dont|never) (include|add|put|keep) (me|us|my (email|address|number)) (in|on|to) (any |your |the |future |further |more )*(mailings|mailing lists?|lists?|campaigns?|sequences?|outreach|emails|e mails|communications|distribution lists?|blasts?)\b/),
  s('unsubscribe', 4, 'not interested in being on the sequence', /\bnot interested in being (on|in|part of) (this|your|the|any) (sequence|list|mailing list|campaign|cadence|drip|distribution list|mailing)\b/, 'whole'),
  s('unsubscribe', 4, 'tells them to go away with the messages', /\b(f off|piss off|get lost|go away|back off|buzz off|bugger off|sod off|clear off) with (these|your|the|ur|all (these|your|the)) (texts|emails|e mails|messages|calls|spam|sms|mails)\b|(^|[.!?]\s*)(just |please |pls |so )?leave me (outta|out of) (this|it|these|all this)\s*[.!]*\s*$/m),
  s('unsubscribe', 4, 'asks whether they can get removed', /\b(can|could) (i|we) (please )?get (removed|taken off|unsubscribed|deleted|opted out)\b(?! (from|off) (the|this|that) (thread|invite|meeting|call|cc|chat|group|channel|webinar|event))/),
  s('unsubscribe', 4, 'no more or remove me, misspelt', /(^|[.!?]\s*)(pls |plz |please )?nomore( (pls|plz|please|thanks|thx))?\s*[.!]*\s*$|\b(remve|remov|rmove|remvoe|reomve|remoev) (me|us|my (number|email|name))\b/m),
  s('unsubscribe', 4, 'has asked to be taken off before', /\b(i|we) (have |had |already |now )*asked( you)?( (twice|three times|\w+ times|before|already|repeatedly|again|multiple times|several times))* to be (taken off|removed|unsubscribed|deleted|opted out|left alone)\b/),
  s('unsubscribe', 4, 'their contact is to be deleted', /\bmy (email |e mail )?(address|number|email|e mail|details|data|contact details|information) (is|are) to be (deleted|removed|erased|purged)\b/),
  s('unsubscribe', 4, 'erasure or a stop to processing of their own data', /\b(request|requesting|demand|demanding|want)( the)? (erasure|deletion) of (all )?(my|our) (personal )?(data|information|details)\b|\bcease (using|processing|holding|storing|sharing) (all )?(my|our) (personal )?(data|information|details|info)\b/),
  s('unsubscribe', 4, 'says the messages are not wanted', /\b(these|they|your (texts|emails|e mails|messages|calls)) (are not|arent|were never) wanted\b/),
  s('unsubscribe', 4, 'is blocking them (chat form)', /(^|[.!?,;]\s*)(ok |k |well |so )?(im|i am|ima) (blocking|gonna block|going to block|reporting) (u|you|this number|ur number)\b/m),
];
