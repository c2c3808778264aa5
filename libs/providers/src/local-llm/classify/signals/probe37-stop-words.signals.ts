import { s, type Signal } from './signal';

/**
 * English words of stopping that are not opt-outs, and opt-outs without them (probe 37). Look-alikes, each read with
 * what makes it one: a question about how the vendor deletes data ("do you delete our data when the contract
 * ends?"), a refusal only if the trial shows it ("how do I cancel if it's not for us?"), a shared inbox or a colleague unsubscribed from a thread, the writer taken off an invite,
 * "Stop! I already sent it", an unsubscribe almost clicked ("I almost hit
 * unsubscribe before I saw it was you"), "don't want to get charged", an address or number dropped for a new one
 * given in the reply, a document no longer wanted with something else asked for, "no more emails, just send the
 * contract", and "no need to" about a colleague kept in the loop or material already received. Opt-outs without the
 * usual words: "I'm done with these", a bare "No more, please.", "make this the last email", "delete everything you
 * have on me". Patterns read the normalised text (lowercase, no accents, "I've" → "i have").
 */

/** A new address or number written in the reply. */
const NEW_ADDRESS =
  '(@[a-z0-9-]+\\.[a-z]|\\+?\\d[\\d ()-]{6,}\\d|\\b(new|right|correct|current) (contact|person|point of contact)\\b)';
/** Words that send the conversation to that new address. */
const REDIRECT =
  '\\b(instead|use|from now on|going forward|now at|new|(reach|message|contact|email|e ?mail|text|call|write to|whatsapp) me)\\b';

/** Something the writer wants in place of the document they stop: "I've read it", "I want the pricing". */
const WANTS_ELSE =
  '(i have (read|seen|got) (it|them|that)|already (have|read|seen) (it|them|that)|instead|i (want|need|would like)|(send|email|forward) (me|us|over)|can (i|we|you) (get|have|send))';

/** A paper that closes a deal. */
const CLOSING_PAPER =
  '(contract|agreement|paperwork|order form|invoice|po|purchase order|proposal|quote|pricing|docusign|signing link|link to sign)';

/** A document sent by the vendor. */
const DOCUMENT =
  '(brochures?|decks?|slides?|presentations?|one pagers?|whitepapers?|white papers?|case stud(y|ies)|catalogu?es?|flyers?|spec sheets?|sales sheets?|price lists?|pdfs?)';

// prettier-ignore
export const PROBE37_STOP_WORD_GUARDS: Signal[] = [
  s('question', 2, 'asks how the vendor deletes data', /\b(do|does) (you|it|they|the (platform|system|tool|app|product)|reachline)( (automatically|actually|also|ever|still))? (delete|erase|remove|wipe|purge|keep|retain) (our|my|the|their|customer|patient|all) ([a-z]+ )?(data|records|details|recordings|contacts|information|info)\b[^\n?]{0,80}(?=\?)/, 'guard'),
  s('neutral', 0, 'a refusal only if it turns out so', /\bif (we (decide|find|feel|think|realise|realize)( that)? |it turns out )?(it is|its|it s|this is|that) not (for us|for me|a (good |great )?fit|the right fit|right for us)\b/, 'guard'),
  s('neutral', 0, 'stop, it was already done', /(^|[.!?\n]\s*)stop\s*[!.,-]+\s*(?=i (have )?(already|just) (sent|signed|paid|submitted|booked|returned|uploaded|filled in|done)\b)/, 'guard'),
  s('neutral', 0, 'took themselves off an invite', /\bi (have )?(removed|taken|dropped) myself (from|off) (the |this |your )?([a-z]+ )?(invite|invitation|meeting|call|thread|cc)\b/, 'guard'),
  s('neutral', 0, 'takes a shared inbox or a colleague off a thread', /\b(unsubscribed|removed|dropped|taken|deleted) (our|the|my)( [a-z@.]+){1,3} (from|off) (this|the) (thread|chain|cc|conversation|e ?mail chain|group chat|invite)\b/, 'guard'),
  s('neutral', 0, 'almost unsubscribed', /\b(almost|nearly|was about to|was going to|about to) (hit|click|clicked|press|pressed|tap|tapped|unsubscribe|unsubscribed|delete|deleted|block|blocked)( (on )?(the |your )?(unsubscribe|delete|block)( (button|link))?)?\b(?=[^.!?\n]{0,30}\b(before|until|when|but|then)\b)/, 'guard'),
  s('neutral', 0, 'does not want to be charged', /\b(do not|dont|never) want to (get|be) (charged|billed|invoiced|stuck|locked in|caught out|surprised)\b/, 'guard'),
  s('neutral', 2, 'drops an address for a new one', new RegExp(`\\b(please )?(stop (sending|emailing|texting|messaging|calling|ringing)( (these|this|them|it|anything))?( (to|on))? (my|this|that) ([a-z]+ )?(address|number|email|e ?mail|inbox|phone|mobile|cell)|(delete|remove|drop) (this|my|that) ([a-z]+ )?(number|address|email|e ?mail|phone|mobile|cell)( from your (system|list|records|database|crm))?|take (this|my|that) ([a-z]+ )?(number|address|email|e ?mail|phone|mobile|cell) (off|out of) (your |the )?(system|list|records|database|crm|file))\\b(?=[^\\n]{0,140}${NEW_ADDRESS})(?=[^\\n]{0,140}${REDIRECT})`), 'guard'),
  s('neutral', 0, 'stops a document, wants something else', new RegExp(`\\b(stop sending|do not send|no more) (me |us )?(the |that |this |those |these |your )?([a-z]+ ){0,2}${DOCUMENT}\\b(?=[^\\n]{0,80}${WANTS_ELSE})`), 'guard'),
  s('interested', 2, 'no more emails, just send the contract', new RegExp(`\\b(no more|stop|enough( of)?) ([a-z]+ ){0,2}(e ?mails|emails|calls|messages|texts|follow ?ups|chasing|emailing|calling|back and forth)( please)?\\s*[-,.;:!]*\\s*(?=(and )?(just |please |simply )*(send|email|forward)( me| us| over)* (the |a |your )?${CLOSING_PAPER}\\b)`), 'guard'),
  s('neutral', 0, 'no need to keep a colleague in the loop', /\bno need to (keep|cc|copy|include|loop in|add|invite) (?!(me|us|in touch|contacting|sending)\b)[a-z]+( [a-z]+)? (in|on|from)\b/, 'guard'),
  s('neutral', 1, 'no need to send more, has it', /\bno need to send (anything|more|it|them|that|this)( else| more| again| over)?\b(?=[^\n]{0,40}\bi (have|already have|have already) (got|received|read|seen|it|them|the)\b)/, 'guard'),
];

// prettier-ignore
export const PROBE37_STOP_WORD_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'is done with these messages', /\b(i am|im|i m|we are|were|we re)( (so|just|really|totally|officially|completely))? done with (these|you|you (people|guys|lot)|(this|these|your|all (these|your|the)) (e ?mails|emails|messages|texts|calls|newsletters|follow ?ups|sequences|spam|updates|mailings))\s*([.!,;]|$)/),
  s('unsubscribe', 4, 'a bare no more', /(^|[.!?\n]\s*)no more\s*[,.!]*\s*(please|thanks|thank you)?\s*([.!]+|$)/),
  s('unsubscribe', 4, 'the last message wanted', /\b(make|let) this (the|your) (last|final) (one|e ?mail|email|message|text|time)( (you send|to me|from you))?\b|\bthis is the (last|final) (e ?mail|email|message|text|one) (i (want|wish|need|would like|care) (to (get|receive|see) )?(from you|from your|to (get|receive|see))|i will (accept|read|take) from)/),
  s('unsubscribe', 4, 'erase everything you hold on me', /(?<!\b(do|does) (you|it|they) )\b(delete|erase|wipe|remove|purge|destroy|get rid of) (everything|anything|whatever|all( the)? (data|info|information|details|records)) (that )?(you|your company|reachline)( have| hold| store| keep| have got| got| have (collected|gathered|stored))( [a-z]+)? (on|about|of|regarding) (me|us)\b/),
  s('wrong_person', 3, 'names the new contact', /\bthe (new|right|correct|current) (contact|person|point of contact|poc)( for [a-z ]{1,40}?)? (is|will be) (?!me\b|us\b|myself\b)[a-z]+/),
];
