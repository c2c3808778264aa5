/**
 * Normalisation for matching: lowercase, no accents (Polish ł and Turkish ı become l and i; Cyrillic, Arabic and
 * Devanagari stay in their script, Arabic and Devanagari each spelled one way, the Devanagari danda a full stop), apostrophes folded ("don't" → "dont", "m'écrire" → "m ecrire"),
 * hyphens and punctuation runs simplified, letters repeated for emphasis collapsed ("pleeease" → "please") and the
 * common misspellings of the words the classifier looks for corrected. Patterns are written against this form.
 */

const CONTRACTIONS: Record<string, string> = { re: 'are', ve: 'have', ll: 'will', d: 'would', m: 'am' };

/** Digits written for letters. */
const LEET: Record<string, string> = { '0': 'o', '3': 'e', '5': 's' };

/** Misspellings and chat shorthand → the word the patterns expect. */
const TYPOS: Record<string, string> = {
  pls: 'please',
  nn: 'non',
  plz: 'please',
  plse: 'please',
  plez: 'please',
  pleas: 'please',
  plese: 'please',
  pleae: 'please',
  pleaes: 'please',
  pleasee: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  tnx: 'thanks',
  tks: 'thanks',
  ty: 'thanks',
  tx: 'thanks',
  ur: 'your',
  yr: 'your',
  msg: 'message',
  dnt: 'do not',
  snd: 'send',
  agn: 'again',
  nt: 'not',
  msgs: 'messages',
  txt: 'text',
  txts: 'texts',
  txting: 'texting',
  txtin: 'texting',
  textin: 'texting',
  msging: 'messaging',
  msgin: 'messaging',
  messgin: 'messaging',
  messagin: 'messaging',
  mesagin: 'messaging',
  emailin: 'emailing',
  emial: 'email',
  emai: 'email',
  emal: 'email',
  emials: 'emails',
  mails: 'emails',
  unsub: 'unsubscribe',
  stpo: 'stop',
  sotp: 'stop',
  tsop: 'stop',
  stoo: 'stop',
  canel: 'cancel',
  cancle: 'cancel',
  unsubscibed: 'unsubscribed',
  intrested: 'interested',
  intersted: 'interested',
  interessted: 'interested',
  interrested: 'interested',
  intereted: 'interested',
  insterested: 'interested',
  interesed: 'interested',
  intrigued: 'intrigued',
  intresting: 'interesting',
  intersting: 'interesting',
  interessting: 'interesting',
  recieve: 'receive',
  recieving: 'receiving',
  tommorow: 'tomorrow',
  tomorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  calender: 'calendar',
  calandar: 'calendar',
  meating: 'meeting',
  meetting: 'meeting',
  meeing: 'meeting',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  lemme: 'let me',
  gimme: 'give me',
  pricng: 'pricing',
  prcing: 'pricing',
  pirce: 'price',
  sched: 'schedule',
  schedual: 'schedule',
  shedule: 'schedule',
  scedule: 'schedule',
  availabe: 'available',
  availble: 'available',
  avaliable: 'available',
  definately: 'definitely',
  definitly: 'definitely',
  adress: 'address',
  contcat: 'contact',
  conatct: 'contact',
  contat: 'contact',
  offcie: 'office',
  ofice: 'office',
  vacaton: 'vacation',
  vacatoin: 'vacation',
  intrest: 'interest',
  wierd: 'weird',
  alot: 'a lot',
  abt: 'about',
  b4: 'before',
  bc: 'because',
  cuz: 'because',
  k: 'ok',
  kk: 'ok',
  okay: 'ok',
  okey: 'ok',
  okk: 'ok',
  yep: 'yes',
  yup: 'yes',
  yeah: 'yes',
  yea: 'yes',
  yess: 'yes',
  noo: 'no',
  nope: 'no',
  mre: 'more',
  enuff: 'enough',
  enuf: 'enough',
  nah: 'no',
  stopp: 'stop',
  stoop: 'stop',
  sstop: 'stop',
  spamm: 'spam',
  remvoe: 'remove',
  reomve: 'remove',
  remov: 'remove',
  remoe: 'remove',
  rmove: 'remove',
  reove: 'remove',
  numbr: 'number',
  nubmer: 'number',
  agian: 'again',
  agin: 'again',
  mesage: 'message',
  mesages: 'messages',
  mesaging: 'messaging',
  messageing: 'messaging',
  qtr: 'quarter',
  ppl: 'people',
  til: 'until',
  xmas: 'christmas',
  wk: 'week',
  wks: 'weeks',
  nxt: 'next',
  mnth: 'month',
  rn: 'right now',
  atm: 'at the moment',
  obv: 'obviously',
  mtg: 'meeting',
  mins: 'minutes',
  nich: 'nicht',
  xfa: 'por favor',
  porfa: 'por favor',
  porfavor: 'por favor',
  jgn: 'jangan',
  tdk: 'tidak',
  // Chat shorthand of the European languages (it, es, pt, fr).
  qst: 'questo',
  qsto: 'questo',
  qsta: 'questa',
  xke: 'perche',
  xche: 'perche',
  cmq: 'comunque',
  msj: 'mensaje',
  msjs: 'mensajes',
  xq: 'porque',
  tmb: 'tambien',
  vc: 'voce',
  vcs: 'voces',
  jveux: 'je veux',
  jsuis: 'je suis',
  dsl: 'desole',
  // English negations typed without their apostrophe ("didnt", "shouldnt"), read as "didn't" is ("dont": see
  // foldSpellingsOfOtherLanguages).
  didnt: 'did not',
  doesnt: 'does not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  wont: 'will not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  couldnt: 'could not',
  havent: 'have not',
  hasnt: 'has not',
  neednt: 'need not',
  // The words guards and negations read, misspelt (probe 46): whom, what, where, which interest.
  persn: 'person',
  peson: 'person',
  perosn: 'person',
  preson: 'person',
  worng: 'wrong',
  wrng: 'wrong',
  rigth: 'right',
  emals: 'emails',
  emils: 'emails',
  newsleter: 'newsletter',
  newsleters: 'newsletters',
  compnay: 'company',
  compay: 'company',
  detials: 'details',
  misstake: 'mistake',
  holliday: 'holiday',
  hollidays: 'holidays',
  vaction: 'vacation',
  vacaction: 'vacation',
  offce: 'office',
  anual: 'annual',
  intreseted: 'interested',
  intresse: 'interesse',
  interesato: 'interessato',
  interesata: 'interessata',
  intersa: 'interesa',
  interza: 'interesa',
  kien: 'kein',
  kiene: 'keine',
  meher: 'mehr',
  anrufn: 'anrufen',
  nachrichen: 'nachrichten',
  yamen: 'llamen',
  resivir: 'recibir',
  mensages: 'mensajes',
  vacasiones: 'vacaciones',
  ofisina: 'oficina',
  mensagems: 'mensagens',
  recever: 'receber',
  berichen: 'berichten',
  ontvagen: 'ontvangen',
  gegvens: 'gegevens',
};

/** Lowercase, accents and emphasis removed, typos fixed; keeps punctuation that matters (? ! . , : @ / digits). */
export function normaliseText(raw: string): string {
  let t = raw
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb\u201e]/g, '"')
    .replace(/[\u2013\u2014]/g, ' - ')
    .replace(/\u00df/g, 'ss')
    .replace(/\u00e6/g, 'ae')
    .replace(/\u0153/g, 'oe')
    .replace(/[\u0141\u0142]/g, 'l')
    .replace(/\u0131/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  t = foldEastAsianAndGreek(t);
  const kept = keepAddresses(t);
  t = kept.text;
  t = unfoldGermanUmlauts(t);
  t = foldArabic(t);
  t = foldDevanagari(t);
  // English contractions are spelled out ("don't" → "do not", "we'd" → "we would"); a possessive loses its
  // apostrophe ("john's" → "johns"); elisions become a space ("m'écrire" → "m ecrire").
  // Single quotes used as quotation marks become double ones ('not interested' → "not interested").
  t = t.replace(/(^|[\s(])'([^'\n]{1,80}?)'(?=[\s.,!?;:)]|$)/g, '$1"$2"');
  t = t
    .replace(/\bo{3,}\b/g, 'out of office')
    .replace(/\bain't\b/g, 'is not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bshan't\b/g, 'shall not')
    .replace(/([a-z])n't\b/g, '$1 not')
    .replace(
      /\b(i|you|we|they|he|she|it|that|who|there)'(re|ve|ll|d|m)\b/g,
      (_, w: string, c: string) => `${w} ${CONTRACTIONS[c]}`,
    )
    .replace(/([a-z])'s\b/g, '$1s')
    .replace(/'/g, ' ');
  // Hyphenated imperatives and compounds ("retirez-moi", "e-mail", "follow-up") read as words.
  t = t.replace(/\be-mail/g, 'email').replace(/([a-z])-(?=[a-z])/g, '$1 ');
  // Emphasis: a letter three or more times becomes two ("pleeease" → "pleease"; then the typo table).
  t = t.replace(/([a-z])\1{2,}/g, '$1$1');
  t = t.replace(/([!?.])\1+/g, '$1');
  // Leetspeak inside a word ("st0p", "r3move", "un5ub", "$top") and a short message spelled out ("s t o p", "s.t.o.p").
  t = t
    .replace(/(?<=[a-z])[035](?=[a-z])/g, (d) => LEET[d])
    .replace(/(^|\s)\$(?=[a-z]{2})/g, '$1s')
    .replace(/^([a-z](?:[ .][a-z]){2,7})[ .!]*$/, (word) => word.replace(/[ .]/g, ''));
  // "un subscribe" as two words; txt-speak "r" for "are" after a subject ("ur texts r harassment", "u r spam").
  t = t
    .replace(/\bun subscribe\b/g, 'unsubscribe')
    .replace(/\b(u|you|we|they|these|those|[a-z]{3,}s) r (?=[a-z])/g, '$1 are ')
    // "#" for "number" in chat after a determiner ("wrong #", "this # is private", "lose my #"), not "# 214".
    .replace(
      /\b(this|that|my|your|ur|the|wrong|new|same|old|work|cell|a|whose|which) ?#(?![ ]?\d)/g,
      '$1 number',
    );
  // One-word sentences in a row are one phrase said with emphasis: "Leave. Me. Alone." → "leave me alone".
  t = t.replace(
    /(^|[.!?] )((?:[a-z]{1,12}\. ){2,}[a-z]{1,12})(?=[.!]|$)/gm,
    (_, before: string, run: string) => `${before}${run.replace(/\. /g, ' ')}`,
  );
  t = t.replace(
    /[a-z0-9]+/g,
    (word) =>
      TYPOS[word] ??
      (nearUnsubscribe(word) ? 'unsubscribe' : (swappedKeyword(word) ?? collapseDoubles(word))),
  );
  t = foldRomanceShorthand(t);
  t = foldSpellingsOfOtherLanguages(t);
  // A slip of one letter after taking someone off a list: "take me of your list", "remove me form the list".
  t = t
    .replace(
      /\b(take|get|drop|knock) (me|us) of (?=(your|the|this|that|these|those|all|any) )/g,
      '$1 $2 off ',
    )
    .replace(
      /\b(remove|delete|take|get|drop|unsubscribe|erase) (me|us) form (?=(your|the|this|that|these|those|all|any) )/g,
      '$1 $2 from ',
    )
    // "numer" is Polish for number: an English one only after an English word ("wrong numer", "this numer").
    .replace(/\b(wrong|this|that|my|your|the|same|new|old) numer\b/g, '$1 number')
    // More slips of one letter, only where the phrase makes them plain: "tak me off", "leave me alon", "do not cal
    // me", "bitte austrgen", "darme de vaja" ("tak" alone is Polish for yes, "Alon" a name).
    .replace(/\btak (me|us) (off|of|out)\b/g, 'take $1 $2')
    .replace(/\bleave (me|us) alon\b/g, 'leave $1 alone')
    .replace(/\b(do not|dont|never|please|stop|no) cal (me|us)\b/g, '$1 call $2')
    .replace(/\b(austrgen|austagen|asutragen)\b/g, 'austragen')
    .replace(/\b(de|la) vaja\b/g, '$1 baja');
  return kept.restore(
    t
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim(),
  );
}

/**
 * Spellings that are words of another language, folded only where they cannot be: "dont" is "do not" except before
 * what follows the French "dont" (whose, of which: "dont je", "dont la"); "interese" is "interesse" (fr "pas
 * interesé", pt "não tenho interese", nl "geen interese") except as the Spanish subjunctive ("que me interese").
 */
function foldSpellingsOfOtherLanguages(text: string): string {
  return text
    .replace(
      /\bdont\b(?! (je|j|tu|il|ils|elle|elles|on|nous|vous|le|la|les|l|un|une|des|ce|cet|cette|ces|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre|vos|leur|leurs|certains|certaines|plusieurs|deux|trois|quelques|chacun|aucun|seulement|notamment)\b)/g,
      'do not',
    )
    .replace(/(?<!\b(me|te|le|nos|os|les|se|lo|la) )\binterese\b/g, 'interesse');
}

/** "x" for por / per before the words it governs in Spanish and Italian chat ("x favor", "x ahora", "x favore"). */
const X_FOR_POR = /\bx (?=(favor|ahora|ahorita|el momento|lo pronto)\b)/g;
const X_FOR_PER = /\bx (?=(favore|piacere|ora|adesso|il momento)\b)/g;

/**
 * Spanish and Italian "x" for por / per, and French written as it sounds: "j veux" ("j'veux") and "je veut" are
 * "je veux", "je peut" is "je peux".
 */
function foldRomanceShorthand(text: string): string {
  return text
    .replace(X_FOR_POR, 'por ')
    .replace(X_FOR_PER, 'per ')
    .replace(/\bj (?=(veux|veut|peux|peut|suis)\b)/g, 'je ')
    .replace(/\bje (ne |n )?veut\b/g, 'je $1veux')
    .replace(/\bje (ne |n )?peut\b/g, 'je $1peux');
}

/**
 * The opt-out and away words of the European languages, for a slip of two neighbouring letters ("nciht" → "nicht",
 * "mesnajes" → "mensajes"): only a swap, only words of five letters or more, which rarely makes another word.
 */
const SWAP_KEYWORDS = new Set([
  'nicht',
  'bitte',
  'keine',
  'schreiben',
  'schicken',
  'nachrichten',
  'abmelden',
  'austragen',
  'jamais',
  'arretez',
  'ecrire',
  'messages',
  'contacter',
  'desinscrire',
  'mensajes',
  'escriban',
  'manden',
  'contacten',
  'messaggi',
  'scrivete',
  'mandate',
  'cancellate',
  'mensagens',
  'parem',
  'mandem',
  'berichten',
  'afmelden',
  'uitschrijven',
  // Where the writer is away (probe 46: "Urluab", "feire", "vakanite", "materntiy").
  'urlaub',
  'ferie',
  'vakantie',
  'vacaciones',
  'vacances',
  'holiday',
  'maternity',
  'paternity',
  'office',
]);

function swappedKeyword(word: string): string | undefined {
  if (word.length < 5 || SWAP_KEYWORDS.has(word)) return undefined;
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (SWAP_KEYWORDS.has(swapped)) return swapped;
  }
  return undefined;
}

/** An e-mail address, a web address with its path, or a bare host name under a common top-level domain. */
const ADDRESS =
  /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}|\b(?:https?:\/\/|www\.)[^\s<>"'()]*[^\s<>"'().,;:!?]|\b[a-z0-9]+(?:[.-][a-z0-9]+)*\.(?:com|org|net|io|co|ai|app|dev|info|biz|eu|uk|de|fr|es|it|nl|pt|br|us|ca|au|in)\b(?:\/[^\s<>"'()]*[^\s<>"'().,;:!?])?/g;
/** Private-use characters stand in for the addresses while the words around them are rewritten. */
const STAND_IN = 0xe000;
const STAND_INS = /[\ue000-\uf8ff]/g;
const STAND_INS_AVAILABLE = 0xf8ff - STAND_IN + 1;

/**
 * E-mail and web addresses set aside, to be put back as they are: the chat expansions and hyphen splitting are for
 * words ("k" → "ok" would turn "sam.k@acme.com" into "sam.ok@…", "acme-group.com" would lose its hyphen).
 */
function keepAddresses(text: string): { text: string; restore: (t: string) => string } {
  const addresses: string[] = [];
  const masked = text.replace(STAND_INS, '').replace(ADDRESS, (address) => {
    if (addresses.length >= STAND_INS_AVAILABLE) return address;
    addresses.push(address);
    return String.fromCharCode(STAND_IN + addresses.length - 1);
  });
  return {
    text: masked,
    restore: (t) =>
      addresses.length ? t.replace(STAND_INS, (c) => addresses[c.charCodeAt(0) - STAND_IN] ?? '') : t,
  };
}

/**
 * German written without umlauts ("loeschen", "moechte", "hoeren Sie auf", "kuenftig") spelled as the patterns
 * read it ("loschen"): only the stems of the words the classifier looks for, with their German prefixes, since ae,
 * oe and ue are ordinary letters elsewhere ("does", "goed", "fuera").
 */
const GERMAN_SPELLED_OUT =
  /\b(auf|ab|an|ge|zu|ver|ent|un|aus|be|weiter|wieder)?(loesch|hoer|moecht|kuenftig|kuendig|belaestig|wuensch|unverzueglich|gemaess|persoenlich|zusaetzlich|naechst|spaeter|zurueck|ausdruecklich|empfaeng|waehrend|koenn|muess|wuerd|haett|ueber|fuer(?=\b))[a-z]*/g;

function unfoldGermanUmlauts(text: string): string {
  return text.replace(GERMAN_SPELLED_OUT, (word) =>
    word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'),
  );
}

/**
 * Scripts whose letters the decomposition above splits or spells two ways, put back as they are read: Hangul
 * syllables and Japanese voiced kana (their marks lie in the kana block) are composed again, as NFD splits them
 * into parts no pattern could list; the Vietnamese đ (which has no decomposition) is a d like its other accented
 * letters, the Greek final sigma a sigma.
 * CJK full-width punctuation and the Greek question mark (";" on a Greek line) read as the ASCII marks the
 * question and sentence patterns expect.
 */
function foldEastAsianAndGreek(text: string): string {
  let t = text.replace(/\u0111/g, 'd');
  if (/[\u1100-\u11ff\u3040-\u30ff]/.test(t))
    t = t.replace(/[\u1100-\u11ff\u3040-\u30ff]+/g, (run) => run.normalize('NFC'));
  if (/[\u3000-\u303f\uff01-\uff1f]/.test(t))
    t = t.replace(/[\u3001\u3002\uff01\uff0c\uff1a\uff1b\uff1f]/g, (c) => CJK_PUNCTUATION[c]);
  // Greek writes its question mark as ";" (a semicolon is "·"): on a line with Greek letters, a ";" after a Greek
  // letter or ending a sentence ("Παίζει και σε Android;") is a question mark.
  if (/[\u0370-\u03ff]/.test(t))
    t = t
      .replace(/\u03c2/g, '\u03c3')
      .replace(/^[^\n]*[\u0370-\u03ff][^\n]*$/gm, (line) =>
        line.replace(/(?<=[\u0370-\u03ff]) ?;|;(?=\s|$)/g, '?'),
      );
  return t;
}

const CJK_PUNCTUATION: Record<string, string> = {
  '\u3001': ', ',
  '\u3002': '. ',
  '\uff01': '! ',
  '\uff0c': ', ',
  '\uff1a': ': ',
  '\uff1b': '; ',
  '\uff1f': '? ',
};

/**
 * Arabic spelled one way: short vowels and the elongation mark dropped, the alef forms, alef maqsura and taa
 * marbuta folded ("أرجو إزالة" → "ارجو ازاله"), as writers use them interchangeably.
 */
function foldArabic(text: string): string {
  if (!/[\u0600-\u06ff]/.test(text)) return text;
  return text
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647');
}

/**
 * Devanagari spelled one way: the nukta dropped ("ज़रूरत" → "जरूरत", "फ़ोन" → "फोन"), candrabindu read as anusvara
 * ("हूँ" → "हूं"), zero-width joiners gone, as writers use them interchangeably; the danda (।, ॥) ends a sentence as
 * a full stop does, so clauses and sentences are read as in the other scripts.
 */
function foldDevanagari(text: string): string {
  if (!/[\u0900-\u097f]/.test(text)) return text;
  return text
    .replace(/[\u093c\u200c\u200d]/g, '')
    .replace(/\u0901/g, '\u0902')
    .replace(/[\u0964\u0965]/g, '.');
}

/** Emphasised words whose doubled letter is not in the word ("stopp", "plss") when the single form is known. */
const EMPHASIS_ROOTS = new Set([
  'please',
  'stop',
  'no',
  'yes',
  'so',
  'thanks',
  'hi',
  'hey',
  'ok',
  'great',
  'sure',
]);

function collapseDoubles(word: string): string {
  if (!/([a-z])\1/.test(word)) return word;
  const single = word.replace(/([a-z])\1+/g, '$1');
  if (EMPHASIS_ROOTS.has(single)) return single;
  const trimmed = word.replace(/([a-z])\1+$/, '$1');
  return EMPHASIS_ROOTS.has(trimmed) ? trimmed : word;
}

/** "unsubscribe" and its own forms, which are not slips of it. */
const UNSUBSCRIBE = 'unsubscribe';
const UNSUBSCRIBE_FORMS = /^unsubscri(bed|bes|bing|bers?|ptions?)$/;

/**
 * "unsubscribe" with one or two slips ("unsubcsribe", "ubsubscribe", "unsusbcribe", "unscubscribe"), found by their
 * distance rather than listed one by one. The first letter must be the u: "subscribe" and "resubscribe" are two
 * edits away too, and mean the opposite.
 */
function nearUnsubscribe(word: string): boolean {
  return (
    word.startsWith('u') &&
    word.length >= 9 &&
    word.length <= 13 &&
    !UNSUBSCRIBE_FORMS.test(word) &&
    editDistance(word, UNSUBSCRIBE) <= 2
  );
}

/** Edits between two words (insert, delete, replace, or swap two neighbouring letters: optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** Words of a normalised text. */
export function words(normalised: string): string[] {
  return normalised.match(/[a-z]+/g) ?? [];
}
