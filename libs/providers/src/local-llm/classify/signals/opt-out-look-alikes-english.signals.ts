import { s, type Signal } from './signal';

/**
 * English look-alikes of an opt-out that keep the conversation going (probe 19): "stop" as delight ("stop!! this
 * is amazing", "ok stop, you've convinced me"), a stop to chasing because the answer is yes ("you can stop
 * chasing, the answer is yes"), a stop to one format with the thing wanted instead ("pls stop with the long emails
 * and just give me a call", "stop sending the brochure, I read it"), a stop to apologising, one number or address
 * dropped for another ("stop texting my work phone, use this one", "remove my landline, mobile is best", "don't
 * send anything to the info@ address, this one is fine") and a subscription cancelled with another vendor ("we had
 * to cancel our subscription to Outreachly"). Each is read only with what makes it a look-alike: the praise, the
 * yes, the thing asked for, the address kept, a subscription elsewhere; without it the stop stays an opt-out. Also
 * mailing footers a reply forwards or carries ("No longer want these emails? Unsubscribe.", "To unsubscribe, manage
 * your preferences here") and opt-outs talked about as a metric or a feature ("our unsubscribe rate", "do you support
 * opt-out lists per brand?").
 */

/** Delight after the stop ("this is amazing", "you had me at", "you've convinced me", "where do I sign"). */
const DELIGHT =
  '((this|that|it|you|these|those|(the|that|this|your) (price|pricing|demo|deal|offer|product|tool|idea|feature))( is| are| was| were| looks?| sounds?)? (so |just |literally |absolutely )?(amazing|awesome|incredible|perfect|brilliant|fantastic|so good|too good|genius|gold)\\b|(this|that|it) is exactly what|exactly what (we|i)|you (had|have) me at|you (have |ve )?(convinced|sold|won) (me|us)|you got (me|us)|take my money|where do i sign)';
/** A yes after a stop to chasing ("the answer is yes", "we're in"). */
const YES = `(${DELIGHT}|(the answer is|it is a|that is a) yes|yes\\b|(i|we) (am|are) (in|sold|convinced|interested|keen|ready)\\b)`;

// prettier-ignore
export const ENGLISH_LOOK_ALIKE_GUARDS: Signal[] = [
  s('interested', 2, 'stop as delight', new RegExp(`(^|[.!?,]\\s*)(omg |oh my god |oh |ok |okay |wow |no |seriously )?stop( it| right there| the press)?\\s*(!+|,|\\.|-)?\\s*(?=[^\\n]{0,6}${DELIGHT})`, 'm'), 'guard'),
  s('interested', 2, 'stops chasing, the answer is yes', new RegExp(`\\b(can|may|could) (now |just )?stop (chasing|following up|nudging|pinging|bumping (this|it)|checking in|apologi[sz]ing)( (me|us))?\\s*[.!,;-]*\\s*(?=[^\\n]{0,12}${YES})`), 'guard'),
  s('neutral', 0, 'stops apologising', /\b(stop|quit) (apologi[sz]ing|saying sorry|worrying|feeling bad|overthinking it)\b/, 'guard'),
  s('meeting_request', 2, 'stops one format, asks for a call', /\bstop (with )?(the |these |those |all (the|these) |your )?([a-z]+ ){0,2}(e ?mails|emails|texts|messages|decks|pdfs|attachments|essays|novels|walls of text|back and forth)\b[^.!?\n]{0,20}\b(and|,|but)\s*(just |instead |rather |please )*(give (me|us) a (call|ring|buzz)|(call|ring|phone) (me|us))\b/, 'guard'),
  s('neutral', 0, 'stops sending one document', /\b(stop sending|do not send|no need to send|no more) (me |us )?(the |that |this |those |these |more |any more |anymore )?(brochures?|decks?|slides?|slide decks?|presentations?|one pagers?|whitepapers?|white papers?|case stud(y|ies)|catalogu?es?|flyers?|spec sheets?|sales sheets?|price lists?|proposals?)\b/, 'guard'),
  s('neutral', 0, 'drops one number or address, keeps another', /\b(stop|do not|dont|please do not|remove|delete|drop)( [a-z]+){0,3} (my|our|the|that) ([a-z]+ )?(work|office|old|home|personal|landline|desk|shared|other|info|generic|team)( (phone|number|mobile|cell|line|email|e ?mail|address|inbox))?\b(?=[^\n]{0,100}\b(use this|this one|this number|instead|is (best|better|fine|preferred)|works (best|better)|(mobile|cell|whatsapp|email|text) is (best|better|fine)|reach me (on|at)|(text|call) me (on|at))\b)/, 'guard'),
  s('neutral', 0, 'cancelled a subscription elsewhere', /\b(had to cancel|have cancel+ed|cancel+ed|ended|terminated|dropped|stopped) (our|my) ([a-z]+ )?(subscription|contract|plan|account|licen[cs]e)s? (to|with|at|for) (?!(you|your|this|these|the (list|newsletter|e ?mails?|emails?|mailing|messages|texts))\b)[a-z]+/, 'guard'),
  // Mailing footers a reply quotes or forwards ("Don't want these emails anymore? Unsubscribe.", "To unsubscribe from
  // Lyrix news, update your preferences here.") and opt-outs talked about as a metric or a feature.
  s('neutral', 0, 'a footer asking if the mails are wanted', /\b(do not|dont|no longer) (want|wish) (to (receive|get) )?(these|our|such|this|future) (e ?mails|emails|messages|updates|newsletters?|mailings?)( (anymore|any more|from us))?\s*\?\s*(unsubscribe|opt out|click|manage)\b(?! (me|us)\b)/, 'guard'),
  s('neutral', 0, 'a footer pointing to preferences', /\b(to )?(unsubscribe|opt out)( (from|of) [a-z ]{1,40}?)?,? (update|manage|change|edit|adjust|set) (your |the )?(e ?mail |email |subscription |communication )?(preferences|settings|subscriptions?)\b/, 'guard'),
  s('question', 1, 'opt-outs as a metric', /\b(our|my|the|your|an?|their) (average |monthly |weekly )?(unsubscribe|opt out) (rates?|numbers?|stats|statistics|metrics|counts?|volumes?|percentages?)\b/, 'guard'),
  s('question', 2, 'asks about opt-out lists as a feature', /\b(do|does|can|could|will|would|is|are) (you|your [a-z]+|it|the (platform|tool|system|product)|reachline)( (also|even))? (support|have|handle|offer|allow|keep|manage|sync|import|respect)( [a-z]+){0,2} (opt out|unsubscribe|suppression|do not contact|dnc) (lists?|per|by|for|across)\b(?![^\n]{0,60}\b(put|add|place|include) (me|us)\b)/, 'guard'),
];

// prettier-ignore
export const ENGLISH_LOOK_ALIKE_OPT_OUT_SIGNALS: Signal[] = [
  // "Please remove me from the cc and from your list": the cc guard takes the first half, the list is an opt-out.
  s('unsubscribe', 4, 'off the cc and off the list', /\b(remove|take|drop|delete) (me|us) (off|from) (the |this )?(cc|thread|chain|loop|invite)( and| as well as| plus)( also)? (off |from )?(your|the|this|any|all( of)? your) ([a-z]+ )?(list|lists|database|system|records|mailing list)\b/, 'whole'),
];
