import { s, type Signal } from './signal';

/**
 * Opt-outs in the English of SMS and WhatsApp written by regional and non-native speakers, and in the languages
 * mixed into it (probe22): Indian English "pls don't disturb me again", "stop disturbing me", "remove my mail id",
 * "I am on DND"; a bare "don't msg" or "don't send again" closing a reply; Singlish "dun msg me", "stop la", "u stop
 * msg me can?"; Taglish "wag nyo na ako i-text", "tigil nyo na pag text", "pakitanggal na po ako"; Hinglish
 * "message karna band karo", "number delete karo". Look-alikes stay out: a pause for a time ("don't disturb between
 * 1-2pm, call after"), another channel kept ("don't msg, call me"), "DND is on for calls, so WhatsApp only", a
 * name taken off an invoice.
 */

const MESSAGE = '(message|messages|text|texts|sms|smses|whatsapp|whatsapps|mail|mails|email|emails)';
/** Another channel or time offered after the refusal ("don't msg, call me", "don't text before 6"). */
const OTHER_WAY_AFTER =
  '(?![^.!?\\n]{0,40}\\b(instead|call me|email me|e mail me|whatsapp me|ring me|just call|only|after|before|until|till|during|between)\\b)';

// prettier-ignore
export const REGIONAL_ENGLISH_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'do not disturb me again', /\b(do not|dont|stop|quit) disturb(ing)? (me|us)( (again|anymore|any more|again and again|further|with (these|this|your|such|the) [a-z]+|everyday|every day|daily))+\b|\bstop disturbing (me|us)\b/),
  s('unsubscribe', 4, 'on the DND register', /\b(i am|am|we are|my number is|this number is|number is|registered|registred|already)( already)? (on|in|under|for) (the )?dnd\b|(^|[.!?,;]\s*)(please )?dnd( please)?\s*[.!]*\s*$/m),
  s('unsubscribe', 4, 'a bare do not message', new RegExp(`(^|[.!?,;]\\s*)(please |kindly |so )*(do not|dont|dun|never) (send|${MESSAGE})( (me|us|this number|to this number))?( (again|anymore|any more|further|ya|ah|lah|la|already))*\\s*(please\\s*)?([.!]|$)${OTHER_WAY_AFTER}`, 'm')),
  s('unsubscribe', 4, 'dun message me (Singlish)', new RegExp(`\\b(dun|don|dont) (send|${MESSAGE}|call|disturb)( me| us)\\b${OTHER_WAY_AFTER}`)),
  s('unsubscribe', 4, 'stop la (Singlish)', /^\s*(please )?stop (la|lah|leh|liao)\s*[.!]*\s*$/),
  s('unsubscribe', 4, 'you stop messaging me, can? (Singlish)', new RegExp(`\\b(you|u) (stop|dont|do not|dun) (send|sending|${MESSAGE}|messaging|texting) (me|us)( (anymore|already|liao))? can\\b`), 'whole'),
  s('unsubscribe', 4, 'stop sending messages to my number', new RegExp(`\\bstop (sending|send) ${MESSAGE} (to|on) (my|this) (number|phone|mobile|whatsapp|line|email|id|mail id)\\b(?![^.!?\\n]{0,40}\\b(use|instead|try|call me|email me)\\b)`), 'whole'),
  s('unsubscribe', 4, 'remove my mail id', /\b(remove|delete) (my|our) (e ?mail|mail|email) id\b(?![^.!?\n]{0,40}\b(use|instead|new|from now|going forward|and add|replace)\b)/),
  s('unsubscribe', 4, 'wag na mag-text (tl)', /\b(wag|huwag|hwag)( na)?( po)?( nyo| niyo| mo| kayo| na kayo)?( na)?( po)?( ako| kami| akong| sakin| samin)?( na)?( po)? (i ?text|itext|mag ?text|magtext|i ?message|imessage|mag ?message|magmessage|tumawag|i ?text pa|mag ?sms)\b/),
  s('unsubscribe', 4, 'tigil na ang text (tl)', /\b(tigil|itigil|tigilan)( nyo| niyo| mo| na)*( po)?( na)?( ang| pag| sa| yung| na)* ?(text|pagtext|pag text|message|pagmessage|pag message|sms|pagte ?text)\w*\b|\bayoko na( po)? (ng|sa|ng mga) (text|message|sms)\w*\b|\bpaki ?tanggal( na)?( po)? (ako|number ko|ang number ko|yung number ko|ang pangalan ko)\b/),
  s('unsubscribe', 4, 'karna band karo (hi)', new RegExp(`\\b(${MESSAGE}|msg|call|calls|phone)( karna| karne| bhejna| bhejne)? band (karo|kar do|kardo|karein|kijiye|kariye)\\b|\\b(mera |my )?(number|no|contact) (delete|remove) (karo|kar do|kardo|kijiye|karein)\\b|\\bdobara (${MESSAGE}|msg|call) (mat|na) (karna|karo|bhejna|bhejo)\\b`)),
];

// prettier-ignore
export const REGIONAL_ENGLISH_LOOK_ALIKE_GUARDS: Signal[] = [
  s('not_now', 0, 'do not disturb for a time', /\b(please )?(do not|dont) disturb( me| us)? (between|before|after|till|until|during|from|in the|at) (\d|morning|afternoon|evening|lunch|office hours|work hours|night|weekends?)/),
  s('neutral', 1, 'a name taken off a document', /\b(remove|delete|drop|take) (my|our) (name|number|email|address|details)( off| out of| from) (the|this|that|your) (invoice|bill|quote|quotation|receipt|contract|agreement|proposal|certificate|form|document|po|purchase order|draft|slide|deck|report)\b/),
  s('neutral', 1, 'DND on one channel, another kept', /\bdnd (is )?(on|active|activated)( for| on)? (calls|my calls|sms|the calls)\b(?=[^\n]{0,60}\b(whatsapp|email|e mail|text|message|sms)\b)/),
];
