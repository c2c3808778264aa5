import { s, type Signal } from './signal';

/**
 * English opt-outs said as an objection or a question rather than a request (probe18 families): the sender told it
 * has no right to write ("You have no right to message me"), a preference register named as the writer's ("I'm
 * registered with the TPS", "this number is TPS registered"), "pack it in" / "knock it off" said to the messages,
 * "who do I speak to about getting removed?", "can you take me off this please", "please don't waste your time
 * with further messages", "cancel whatever list I'm on" and a sarcastic invitation to carry on ("please keep
 * texting me every day, I just love it 🙄"). The look-alikes stay out: a right or a register asked about ("do we
 * have the right to text our customers?", "is your list checked against the TPS?"), "knock it off the invoice",
 * "can you take me off this thread", "don't waste your time on the proposal" and a keen "keep me posted".
 */

const CONTACTING =
  '(contact|contacting|message|messaging|text|texting|e ?mail|emailing|e ?mailing|call|calling|ring|ringing|phone|phoning|spam|spamming|bother|bothering|write to|writing to|whatsapp|whatsapping)';
const MESSAGES = '(e ?mails|emails|messages|texts|calls|whatsapps|voicemails|follow ups|sms)';
/** Telephone and mail preference registers, and do-not-call lists. */
const REGISTER =
  '(tps|ctps|telephone preference service|mps|mailing preference service|fps|(national )?(do not call|dnc) (list|registry|register))';
/** A sarcasm marker: an eye-roll, a facepalm, "/s", "said no one ever". */
const SARCASM = '(🙄|😒|😑|🤦|\\/s\\b|said no one( ever)?|said nobody( ever)?)';

// prettier-ignore
export const OBJECTION_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'says they have no right to contact them', new RegExp(`\\b(you|u|your (company|firm|team|people|reps?|agents?)) (have|has|had) no (right|business|permission|consent|authority) (to )?${CONTACTING} (me|us|this (number|address|phone|mobile))\\b`)),
  s('unsubscribe', 4, 'is on a preference register', new RegExp(`\\b(i am|im|we are|this (number|phone|line|mobile) is|my (number|phone|mobile|line) is)( (already|also|still|now))? ((registered|listed|signed up) )?(on|with|in|for) (the )?${REGISTER}\\b|\\b(i am|im|we are|(this|my) (number|phone|line|mobile) is) ${REGISTER} (registered|listed)\\b`)),
  s('unsubscribe', 4, 'tells them to pack it in', new RegExp(`(^|[.!?,;]\\s*)(just |so |please |now |ok |okay )?(pack it in|pack it up|knock it off|give it a rest)( with (the|these|your|all (the|these|your)) ${MESSAGES})?( (now|already|please|mate|ok|thanks))*\\s*([.!,]|$)`, 'm')),
  s('unsubscribe', 4, 'asks who removes them', /\b(who|whom|where) (do|can|should|would) (i|we) (speak|talk|write|go|turn|complain|contact|e ?mail|email|ask|call)( to| with)?( (about|for|regarding|re))?( to)? (get|getting|be|being) (removed|taken off|unsubscribed|opted out|deleted)\b(?! as (an? |the )?(admin|administrator|owner|user|member|approver|signatory|contact person)\b)/),
  s('unsubscribe', 4, 'asks them to take them off (a question)', /\b(can|could|would|will) (you|u) (please |pls |kindly )?(take|get|remove|drop|knock) (me|us) (off|from|out of)( (this|it|that))?( (please|thanks|thank you|asap|now))?\s*[.!?]*\s*$/m),
  s('unsubscribe', 4, 'tells them not to waste time on more messages', new RegExp(`\\b(do not|dont|no need to|stop|quit) wast(e|ing) (your|my|our) (time|breath|energy)( (or|and) (mine|ours|yours|my time|our time))? (with|on|by|in) (any |the |these |your )?(further |more |future )?(${MESSAGES}|sending|texting|emailing|e mailing|messaging|calling|writing|following up|follow ups?)\\b`)),
  s('unsubscribe', 4, 'cancels whatever list they are on', /\b(cancel|end|close|delete|scrap)( me from)? (whatever|any|every|all( the)?|each) (list|lists|mailing lists?|subscriptions?|mailings?|database|databases)( that)? (i am|im|we are|i have been|we have been|this (number|address|email) is)( (on|in|signed up (to|for)|subscribed to|added to))?\b/),
  s('unsubscribe', 4, 'invites them to keep messaging, sarcastically', new RegExp(`\\b(please|do|go on|sure|yes|by all means)\\b[^.!?\\n]{0,15}\\bkeep (on )?(texting|messaging|emailing|e mailing|calling|spamming|ringing|sending (me|us) (these|more|your))\\b[^\\n]{0,80}${SARCASM}|${SARCASM}[^\\n]{0,40}\\bkeep (on )?(texting|messaging|emailing|e mailing|calling|spamming|ringing) (me|us)\\b`), 'whole'),
];
