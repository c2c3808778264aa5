import { s, type Signal } from './signal';

/**
 * Very short chat replies (probe 39, SMS and WhatsApp, one to eight words), each read as a whole message:
 * - a carrier keyword misspelt by one keystroke ("stpo", "canecl", "unsubsrcibe", "opt ot", "no mroe", "remoev me");
 * - a keyword with chat filler or emoji around it ("BAJA 🙏", "berhenti ya", "sair da lista pfv", "no more 🙅", "stop
 *   txts"), and the Turkish and Hindi-romanised ones ("dur", "durdur", "band karo", "msg band karo", "bas karo");
 * - a bare yes ("ja gerne", "sí", "sure 👍", "mau kak", "haan"), a bare "don't stop", a bare later ("più tardi",
 *   "sonra", "busy, try next wk"), an Indonesian "ga minat", and the Turkish, Hindi and Indonesian okays ("tamam",
 *   "theek hai", "oke siap"), and a bare call-back ("arrêt de bus, je rappelle", "will call u back", "ti richiamo");
 * - the Indonesian "ga usah kirim lagi" / "jgn wa saya lagi" (don't send again): an opt-out;
 * - "stopp, falsche Nachricht, sorry": the writer stops their own message sent to the wrong chat, no opt-out.
 * Look-alikes stay out because most patterns span the whole message (60 characters at most, no question mark):
 * "stop by fri?", "end of wk works", "cancel my 2pm? 4pm ok?", "top 👍" (not a misspelt stop), "stop 😂" (laughing
 * emoji are no filler), "sure 🙄", "mau" alone (pt "bad"), "je vous rappelle que…" (a reminder, no call-back); the
 * Indonesian refusal leaves out "ga perlu kirim lagi" (an opt-out), and the wrong-chat guard leaves out "stop, wrong
 * number" (an opt-out in the dev half). Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */

/** Words a chat message wraps a keyword in: please, thanks and their short forms, and address terms. */
const FILLER =
  '(pls|plz|plse|please|pleas|por favor|porfa|pf|pfv|xfa|favor|svp|stp|aub|a u b|bitte|grazie|grz|per favore|thanks|thank you|thx|ty|tq|now|asap|already|ya|yah|kak|dong|deh|aja|dulu|yaar|bhai|ji|abi|lutfen|bro|mate|sis|ok|okay|merci|danke|gracias|obrigad[oa]|obg|bedankt|dank je|graag|alsjeblieft)';

/** Emoji that say stop or annoyance (never a laugh or a heart), with skin tones, gender joiners and variation selectors. */
const STOP_EMOJI =
  '(\\u{1F64F}|\\u{1F6D1}|\\u270B|\\u{1F6AB}|\\u26D4|\\u{1F4F5}|\\u{1F515}|\\u{1F645}|\\u{1F621}|\\u{1F620}|\\u{1F92C}|\\u{1F44E}|\\u{1F644}|\\u{1F624}|\\u{1F3FB}|\\u{1F3FC}|\\u{1F3FD}|\\u{1F3FE}|\\u{1F3FF}|\\u200D|\\u2640|\\u2642|\\uFE0F)';

/** A whole message: at most 60 characters, the core with only filler words, punctuation and (for an opt-out) stop emoji around it, no question mark. */
const whole = (core: string, stopEmoji = false) => {
  const around = `([\\s.,!]|${FILLER}(?![a-z])${stopEmoji ? `|${STOP_EMOJI}` : ''})*`;
  return new RegExp(`^(?=[^?]{1,60}$)${around}(${core})${around}$`, 'u');
};

/** The carriers' keywords and the plain opt-out phrases a misspelling is read from. */
const TYPO_KEYWORDS = [
  'stop',
  'stopall',
  'quit',
  'cancel',
  'revoke',
  'optout',
  'opt out',
  'unsub',
  'unsubscribe',
  'remove me',
  'no more',
];

/** Words one keystroke from a keyword that mean something else ("stoop", "evoke", "no mode"). */
const REAL_WORDS = new Set(['stoop', 'evoke', 'no mode', 'no mote', 'no ore']);

/** QWERTY neighbours, for a slipped key in the longer keywords. */
const NEIGHBOURS: Record<string, string> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

/** Every spelling one keystroke away: two letters swapped, a letter doubled, and (past four letters) one dropped or slipped. */
export function oneKeystrokeAway(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    if (i + 1 < word.length && word[i] !== word[i + 1])
      out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    if (word[i] !== ' ') out.add(word.slice(0, i + 1) + word[i] + word.slice(i + 1));
    if (word.length > 4) out.add(word.slice(0, i) + word.slice(i + 1));
    if (word.length > 5)
      for (const n of NEIGHBOURS[word[i]] ?? '') out.add(word.slice(0, i) + n + word.slice(i + 1));
  }
  return [...out].filter(
    (w) => w !== word && !w.startsWith(' ') && !w.endsWith(' ') && !REAL_WORDS.has(w.trim()),
  );
}

const MISSPELT_KEYWORDS = [...new Set(TYPO_KEYWORDS.flatMap(oneKeystrokeAway))]
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Keywords said with chat filler or emoji around them, and the Turkish and Hindi-romanised ones. */
const KEYWORDS_IN_CHAT = [
  'stop|stopp|stopall|stop all|unsubscribe|unsub|opt out|optout|cancel|quit|end|revoke|remove me|no more|nomore',
  'stop (texting|messaging|sending)( (me|these|them))?',
  'stop (the )?(texts|text messages|messages|msgs|sms|whatsapps|emails|calls|promos|promotions|spam)',
  'baja|parar|para ya|no mas|sair|sair da lista|pare|chega|arret|arrete|abmelden|afmelden|uitschrijven|basta|berhenti|stop kirim',
  'dur|durdur|iptal|band karo|bas karo|((msg|msgs|message|messages|sms|call|calls|whatsapp) )?(band|bnd) (karo|kar do|kijiye)',
].join('|');

/** A bare yes, in the probe's languages, with what a keen short reply adds ("ja gerne", "sí claro", "mau kak"). */
const YES =
  '(yes|yess|yes yes|yep|yup|yeah|sure|si|sim|oui|ja|evet|haan|han ji|haan ji|iya|mau (kak|dong|banget)|boleh (kak|dong)|ja (gerne|graag|bitte|zeker|natuurlijk)|si (claro|porfa|por favor)|sim (quero|claro|por favor)|oui (volontiers|avec plaisir)|si (certo|grazie)|evet (lutfen|isterim))';

/** Okays of Turkish, Hindi-romanised and Indonesian chats. */
const LOCAL_OKAY =
  '(tamam|tamamdir|peki|olur|anladim|theek hai|thik hai|theek h|achha|acha|accha|oke siap|siap|baik|sip|ok siap)';

/** Later, said alone ("più tardi", "sonra", "baad mein"), or "busy, try next week". */
const LATER_ALONE =
  '(later|l8r|more tarde|mas tarde|mais tarde|depois|plus tard|piu tardi|dopo|spater|straks|later pls|nanti|sonra|daha sonra|baad mein|baad me|baad main|ntar)';

/** What keeps the writer from answering now ("busy", "driving", "arrêt de bus"), said before a call-back. */
const BUSY_NOW =
  '(busy|driving|in a (meeting|mtg)|at work|bus stop|arret de bus|en reunion|je conduis|in riunione|sto guidando|estoy manejando|manejando|em reuniao|dirigindo|ich fahre|im meeting|in een vergadering|ik rij)( rn| now| right now)?';

/** The writer will call or text back, with no time named ("will call u back", "je rappelle", "ti richiamo"). */
const CALLS_BACK =
  '(((i )?(will|shall|gonna|going to) )?(call|ring|text|txt) (you|u|ya) back( later| in a (bit|few|sec|min|minute)| in \\d+( ?(min|mins|minutes))?| shortly| soon)?|je (vous |te )?(rappelle|rappellerai)( plus tard| tout a l heure)?|(ti|la|vi) (richiamo|richiamero)( piu tardi| dopo| tra poco)?|(te|le|les) (llamo|llamare)( luego| despues| mas tarde| en un rato)|(te|lhe) (ligo|retorno)( depois| mais tarde| daqui a pouco)|(ich )?(rufe|melde mich) (dich |sie )?(zuruck|spater|gleich)( an)?|ik bel (je|jou|u) (straks |zo |later )?terug)';

/** The writer's own message sent to the wrong chat ("stopp, falsche Nachricht", "oops wrong chat", "mensaje equivocado"). */
const OWN_WRONG_MESSAGE =
  '((stop|stopp|wait|oops|sorry|sry|dur|espera|attends|warte|aspetta|wacht)[ ,!.]+)?((wrong|falsche|falscher|falsches|verkeerde|verkeerd) (chat|convo|conversation|thread|group|gruppe|groep|nachricht|message|msg|text|bericht|gesprek|app)|(mensaje|mensagem|messaggio|chat|conversa|conversacion|conversazione) (equivocad[oa]|errad[oa]|sbagliat[oa])|mauvaise? (conversation|message|discussion|groupe|destinataire)|salah (kirim|chat|grup)|yanlis (kisiye|mesaj|sohbet|gruba))\\b';

// prettier-ignore
export const PROBE39_SHORT_FORM_GUARDS: Signal[] = [
  s('neutral', 3, 'its own message sent to the wrong chat', new RegExp(`(^|[.!?,;\\n]\\s*)${OWN_WRONG_MESSAGE}`)),
];

// prettier-ignore
export const PROBE39_SHORT_FORM_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'an opt-out keyword misspelt by one keystroke', whole(MISSPELT_KEYWORDS, true), 'whole'),
  s('unsubscribe', 4, 'an opt-out keyword with chat filler or emoji', whole(KEYWORDS_IN_CHAT, true), 'whole'),
  s('unsubscribe', 4, 'do not send again (id, chat)', /\b(ga|gak|nggak|enggak|ngga|tidak|tdk|jangan|jgn) (usah |perlu )?(kirim|kirimin|di ?kirimi?|chat|wa|sms|hubungi|telpon|telp|spam)( [a-z]+){0,3} (lagi|lg)\b/),
];

// prettier-ignore
export const PROBE39_SHORT_FORM_SIGNALS: Signal[] = [
  s('interested', 3, 'a bare yes', whole(`${YES}( (please|pls|plz|sure|interested|send (it|info|details)))?(\\s*(\\u{1F44D}|\\u{1F44C}|\\u{1F64C}|\\u{1F525}|\\u{2705}|\\u{1F3FB}|\\u{1F3FC}|\\u{1F3FD}|\\u{1F3FE}|\\u{1F3FF}))*`), 'whole'),
  s('interested', 3, 'a bare do not stop', whole('(do not|dont|never) stop( (it|them|these|this|now|lol|haha|sending( (these|them|more))?))*([ ,!.]+(send more|more please|more pls|keep (them|em) coming))?'), 'whole'),
  s('not_now', 3, 'later, said alone', whole(`((busy|swamped|driving|in a (meeting|mtg))( rn| now)?[ ,.]+)?${LATER_ALONE}`), 'whole'),
  s('not_now', 3, 'busy, try another time', /\b(busy|swamped|slammed|flat out|in a (meeting|mtg))\b[^.!?\n]{0,15}\b(try|ping|hit me up|write|msg|message)( me| us)?( again| back)? (next (week|month)|tomorrow|tmrw|tmr|later|another (day|time))\b/),
  s('not_now', 3, 'will call back, said alone', whole(`(${BUSY_NOW}[ ,.!-]+)?${CALLS_BACK}`), 'whole'),
  s('not_interested', 3, 'not interested (id, chat)', /\b(ga|gak|nggak|enggak|ngga|engga|tdk|ndak) (minat|butuh|perlu)\b(?! (di ?kirim|kirim|hubungi|telp|telpon|telepon|wa|chat|sms|pesan|email|spam|lagi)\b)/),
  s('neutral', 5, 'a plain okay (tr/hi/id)', whole(`${LOCAL_OKAY}( (kak|ji|bhai|abi|hocam|tesekkurler|sagol|dhanyavad|makasih|terima kasih))*(\\s*(\\u{1F44D}|\\u{1F44C}|\\u{1F3FB}|\\u{1F3FC}|\\u{1F3FD}|\\u{1F3FE}|\\u{1F3FF}))*`), 'whole'),
];
