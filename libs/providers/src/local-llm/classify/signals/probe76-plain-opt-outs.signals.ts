import { s, type Signal } from './signal';

/**
 * Opt-outs written as plain statements without the usual keywords (probe 76):
 * - the messages unwanted where they land: "not something I want landing in my inbox", "I don't want these
 *   turning up on my phone";
 * - a kind of message refused outright: "I don't want sales messages on it, ever", "we do not want cold emails";
 * - "please don't send more" with nothing named after it, "not comfortable getting messages from you", "a hard
 *   pass on any future messages", "keep this number out of your campaigns", "being texted at 7am… don't do it
 *   again", "I don't wish to get them";
 * - German "bitte keine weiteren Anfragen an mich", Hindi in Latin script "dobara mat bhejna".
 * A time limit after them keeps them pauses (temporal); a channel named for instead is read by opt-out-scope.
 * Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */

const MESSAGES =
  '(messages|emails|e mails|mails|texts|sms|calls|pitches|outreach|newsletters|mailers|whatsapps|voicemails|dms)';
const WHERE = '(inbox|phone|mobile|mailbox|whatsapp|email|e mail|feed|notifications|screen)';

/**
 * Papers of a customer relation stopped ("Reminder to all suppliers: please stop sending paper invoices, we only accept
 * PDF now", "stop sending the statements by post"): a format or a process, not contact (probe 76).
 */
export const PROBE76_PLAIN_OPT_OUT_GUARDS: Signal[] = [
  s(
    'question',
    0,
    'stops the product notifications for some events',
    new RegExp(
      [
        '\\bstop (getting|receiving) (the |all the |all |my )?(notifications?|alerts?|push notifications?|copies|cc s|ccs|digests?|summaries|reports?)( emails?)? (for|of|about|when|on|every|each|whenever)\\b',
        '\\b(dejar de recibir|deixar de receber|smettere di ricevere|ne plus recevoir) (las |as |le |les |os )?(notificaciones|notificacoes|notifiche|notifications|alertas|avvisi|alertes)( [a-z]+)? (de|di|da|du|des|do|della|para|per|pour) (cada|ogni|chaque|todas? las|tutte le|nuev[oa]s?|nuov[ie]|nov[oa]s?|nouve(aux|lles?)|los leads|i lead|os leads|les leads|respuestas|risposte|respostas|reponses)\\b',
      ].join('|'),
    ),
    'guard',
  ),
  s(
    'neutral',
    0,
    'stops sending papers',
    /\b(stop sending|do not send|no more|stop posting) (me |us )?(the |any |your |those |these )?(paper |printed |hard copy |postal |posted )?(invoices|statements|receipts|bills|cheques|checks|delivery notes|purchase orders|faxes|remittances?|credit notes)\b/,
    'guard',
  ),
];

export const PROBE76_PLAIN_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'does not want the messages landing in the inbox',
    new RegExp(
      `\\b((not something|nothing) (i|we) (want|need|wish to see)|(i|we) do not want (these|this|that|them|it|your [a-z]+|any of (this|these|it)|${MESSAGES}))( [a-z]+)? ((landing|arriving|turning up|showing up|popping up|coming|ending up|piling up) )?(in|on|into) (my|our) ([a-z]+ )?${WHERE}\\b`,
    ),
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'does not want sales messages',
    new RegExp(
      `\\b(i|we) (do not|never) want (any |your )?(more )?(sales|marketing|promotional|cold|advertising|commercial|vendor|unsolicited|spam)( [a-z]+)? ${MESSAGES}\\b`,
    ),
    'negatable',
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'do not send more, nothing named',
    /(^|[.!,;:]\s*|\b(so|and|but|just|kindly|please|pls) )(please |pls |kindly )?(do not|never) send (me |us )?(any ?more|more|anything more|anything else|anything further|anything again)( (please|pls|thanks|thank you))?\s*([.!]|$)/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'not comfortable getting messages from the sender',
    new RegExp(
      `\\bnot (comfortable|happy|ok|okay|alright|keen) (with )?(getting|receiving|being sent) (your |any |these |such )?(${MESSAGES}|this stuff|these) from (you|your (company|team|firm))\\b`,
    ),
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'passes on any future messages',
    new RegExp(
      `\\b(take a |taking a )?(hard )?pass on (any|all) (future|further|more) (${MESSAGES}|contact|correspondence)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'keeps the number out of the campaigns',
    /\bkeep (this|my|our) (number|email|e mail|address|inbox|phone|mobile|details|name|contact details) (out of|off) (your|all your|any of your|the) ([a-z]+ )?(campaigns|lists|list|mailings|database|system|crm|sequences?|outreach|marketing|records)\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'being messaged, do not do it again',
    /(?<=\bbeing (messaged|texted|emailed|e mailed|called|rung|contacted|spammed|pinged|cold called|cold emailed|chased|whatsapped)\b[^\n]{0,60}?)\b(do not|never) do (it|that|this) (again|ever again)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'does not wish to get them',
    /\b(do not|no longer) (wish|want|care) to (get|receive|be sent) (them|these|those|any (more|of (these|them|those|it))|this stuff|any of this)( any ?more| again| from you)?\s*([.!,;]|$|\b(please|thanks|so|and)\b)/,
  ),
  s(
    'unsubscribe',
    4,
    'bitte keine weiteren Anfragen (de)',
    /\bbitte keine (weiteren |weitere )?(anfragen|angebote|akquise|kaltakquise|verkaufsanfragen|werbeanfragen)( (mehr|an mich|an uns))*\b|\bkeine (weiteren |weitere )?(anfragen|angebote|akquise) (mehr )?an (mich|uns)\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'dobara mat bhejna (hi)',
    /\b(dobara|dubara|phir se|fir se|phirse|firse|kabhi) (mat|na|nahi) (bhejna|bhejo|bhejiye|bhejein|karna|karo|kijiye)\b/,
  ),
];

/**
 * More of the same shape, written as siblings of the probe's replies: "not keen on hearing from you again", "your
 * messages are not welcome here", "I don't take sales contacts on it", "don't include me going forward", "please don't
 * use this number for marketing", "I'd rather not be on your radar", "sick of getting these", "I'd appreciate it if this
 * was the last one", "No more please, I've had plenty", Hindi "message na bheje", "ab aur messages nahi chahiye".
 */
export const PROBE76_SIBLING_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'does not want to find more of these',
    new RegExp(
      `\\b((would|d) rather not|do not want to|never want to|do not wish to) (find|see|get|receive|come back to|open) (any )?more (of (these|this|them|your [a-z]+)|${MESSAGES})( from (you|your [a-z]+))?\\b`,
    ),
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'would rather they did not follow up',
    /\b(i|we) (would|d) (rather|prefer( it if)?) you (did not|do not|would not|never) (follow up|contact|e ?mail|email|text|call|message|write|reach out|get in touch|chase)\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'would rather not be reached at all',
    /\brather not (be|get) (reached|contacted|messaged|emailed|e mailed|called|texted|pitched)( by (you|your [a-z]+))?( (at all|again|any ?more|ever))\b/,
  ),
  s(
    'unsubscribe',
    4,
    'does not want to be part of the campaigns',
    /\b(i|we) do not want to be (part of|in|on|included in|added to) (your|any of your|these|any|the) ([a-z]+ )?(campaigns?|lists?|mailing lists?|sequences?|database|mailings|outreach|marketing|drip|cadences?)\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'forget about me',
    /\b(please |and |just |so )forget (about )?(me|us)\b(?! (for|on|in|at|until|till|this|that|today|now))/,
  ),
  s(
    'unsubscribe',
    4,
    'the address takes no marketing',
    /\b(this|my|our) (address|inbox|number|email|e mail|mailbox|phone|mobile|line) (does not|do not|will not|is not (set up|meant|for)( to)?) (accept|take|receive|want|handle)? ?(any )?(marketing|sales|promotions|promotional [a-z]+|advertising|cold [a-z]+|unsolicited [a-z]+)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'ab bas karo (hi)',
    /\b(ab|bhai ab|please ab|yaar ab) bas (karo|kijiye|karein|kar do|kardo)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'not keen on further contact',
    /\bnot (keen on|interested in|up for|wanting) (hearing from (you|your (company|team|firm))|any (further|more) (contact|messages|emails|texts|calls|correspondence|outreach)|further (contact|correspondence|outreach)|being (contacted|messaged|emailed|texted|called) (again|any ?more|further))\b/,
    'temporal',
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'does not take sales contacts',
    new RegExp(
      `\\b(i|we) do not (take|accept|entertain|answer|welcome) (any )?(sales|marketing|cold|unsolicited|vendor|promotional)( [a-z]+)? (${MESSAGES}|contacts?|approaches|enquiries|inquiries)\\b`,
    ),
    'negatable',
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'do not include me going forward',
    /\b(do not|never) include (me|us|this (number|address|email)) (going forward|from now on|any ?more|again|in future|in the future)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'do not use this number for marketing',
    /\b(do not|never) use (this|my|our) (number|email|e mail|address|phone|mobile|contact details|details) for (marketing|sales|promotions?|advertising|adverts|this|outreach|campaigns|anything like this)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'would rather not be on the radar',
    /\b(rather|prefer|like) not (to )?be on (your|any of your|the) (radar|list|lists|books|database|mailing list|call list|system)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'sick of getting these',
    new RegExp(
      `\\b(sick|fed up)( and tired)? (of|with) (getting|receiving|these|your|all (these|your|the))( [a-z]+)?( ${MESSAGES}| ones| things)?\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'wants this to be the last one',
    /(?<=\b(appreciate it|be grateful|prefer it|like it) if )(this|that) (was|were|is) (the|your) (last|final)( one| message| email| e mail| text| time)?\b/,
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'no more please, had plenty',
    /^\s*no more,? (please|pls|thanks|thank you)[,.!]*\s*(i (have|ve) had (plenty|enough)|(that is|thats) enough|enough now)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'message na bheje (hi)',
    /\b(message|messages|msg|msgs|sms|mail|mails|email|emails|call|calls) (na|mat) (bheje|bhejen|bhejein|bhejiye)\b|\b(aur|koi|ab aur|zyada) (message|messages|msg|msgs|sms|mail|mails|email|emails|call|calls) nahi chahiye\b/,
  ),
];

/**
 * Opt-outs asked as questions, siblings of probe 76's ("how do I stop getting these?" is one by convention): "Is there
 * a way I can stop these for good?", "Is it possible to not receive these?", "Who do I ask to be left alone?", Hindi
 * "kya aap message bhejna band kar sakte ho?", whom to turn to, in five languages ("A chi devo scrivere per non ricevere più
 * questi messaggi?", "An wen muss ich mich wenden, damit das aufhört?": probe 79). The sender's messages are named ("these", "your emails"), not how the
 * product works ("Is there any way to stop your app logging me out?").
 */
export const PROBE76_ASKED_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks whether these can be stopped',
    new RegExp(
      `\\b(is there (a|any) way|is it possible|any way)( for me)?( (i|we) (can|could))?( to)?( just| simply)? (stop|block|not (receive|get)|no longer (receive|get)|stop (getting|receiving)) (these|this|them|your [a-z]+ ?${MESSAGES}|your ${MESSAGES}|all (these|this|of (these|this|them)))\\b|\\b(is there (a|any) way|is it possible|any way)( for me)?( (i|we) (can|could))?( to)? (get off|get out of|come off|be taken off|be removed from) (this|these|it|that|(the|this|your) ([a-z]+ )?list)( list)?\\b(?! (as|from) (an? |the )?(admin|user|owner|group|chat|channel|thread|call|meeting)s?\\b)`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks whom to ask to be left alone',
    /\b(who|where) (do|should|can|must) (i|we) (ask|talk to|write to|contact|go|speak to|email|call)( to)? (to )?(be|get) (left alone|removed|taken off|unsubscribed|deleted|off (this|your|the) list)\b(?! (as|from) (an? |the |my |our )?(admin|administrator|user|owner|approver|member|team|account|workspace|project|group|channel|chat|thread|call|invite|meeting)s?\b)|\b(someone|somebody|anyone|anybody|a person) (i|we) (can|could|should) (talk|speak|write) to (about|to) (not (getting|receiving)|stop(ping)? (getting|receiving)|getting off|being (removed|taken off)|unsubscribing from) (these|this|them|your)\b|\ba chi (devo|dobbiamo|posso) (scrivere|rivolgermi|chiedere|dirlo) (per|affinche|perche)\b[^.!?\n]{0,20}\b(non ricevere piu|smettere di ricevere|essere (cancellat|tolt|rimoss)\w*|finiscano|smettano)\b|\ban wen (muss|soll|kann) ich mich wenden,? (damit|um)\b[^.!?\n]{0,30}\b(aufhort|aufhoren|aufhoert|abzumelden|in ruhe|keine [a-z]+ mehr|nichts mehr)\b|\bcom quem (eu )?(falo|devo falar|tenho que falar|posso falar) (pra|para)( (voces|vcs))? (parar de receber|pararem|sair da lista|me descadastrar|nao receber mais)\b|\bbij wie (moet|kan) ik (zijn|me melden) om (hier ?van af te komen|me af te melden|geen [a-z]+ meer te (krijgen|ontvangen)|niets meer te (krijgen|ontvangen))\b/,
  ),
  s(
    'unsubscribe',
    4,
    'message bhejna band kar sakte ho (hi)',
    /\b(message|messages|msg|msgs|sms|mail|mails|email|emails|call|calls|whatsapp)( bhejna| karna| bhejne| karne)? band (kar|kr) (sakte|sakti|sakenge|skte|dijiye|do|dena)( ho| hain| hai| hoo)?\b/,
  ),
];
