/**
 * A small stop-word count over the normalised text (en, es, fr, de, pt, it, nl, and pl, tr, id and Hindi written in
 * Latin script), helped by a few letters; each Cyrillic word counts for Russian, each word in Arabic script for
 * Arabic, in Devanagari for Hindi, in Greek for Greek, in Hangul for Korean and in kana or kanji for Japanese, the
 * only languages of those scripts the classifier reads (signals/more-languages.signals.ts, probe32-languages.signals.ts). A word
 * shared by several languages ("de", "a", "la", "en") is listed under each and counts for each in part; the
 * stop words of pl, tr, id and hi are ones no earlier language lists, so a reply in those seven reads as before.
 */

const STOP_WORDS: Record<string, string> = {
  en: 'the and you is we are not for this that me my please with our thanks it of have be will your on at to i just would can next hi hello thank back out what how who no yes sure sounds call us do am',
  es: 'el los las que y por favor gracias mi es una para con su lo estoy tenemos nos pero muy mas hola del al esta este usted ustedes ya podemos quiero correo correos vuelta hasta cuando como buenas saludos si de la a en o se',
  fr: 'le les des et je vous est pas merci pour une nous ne ce mon au du avec suis sur bonjour plus cette votre vos mais bien serai oui qui quoi jusqu retour ca tres moi c j n d l qu de la a en que se',
  de: 'der die das und ich sie nicht ist bitte danke mit wir ein eine zu fur auf mich mir uns ihr ihre bin sind kein keine hallo guten tag bis wieder im vom zum auch aber noch sehr gerne ja nein den dem es',
  pt: 'os que e em nao obrigado obrigada por favor para com um uma meu minha voce voces estou temos mais do da no na ola sim ate dia estarei seu sua podemos quero muito tambem ja isso pelo pela de a o se',
  it: 'il lo gli di che e non grazie per con un una mi sono siamo ci del della ho abbiamo piu questo ciao buongiorno si sara saro fino al alla vi vostra vostro anche ma molto io noi li le la a',
  nl: 'de het een en ik je u niet van met voor op dank bedankt wij ons mij graag geen zijn ben wel maar dat dit hallo goedemorgen tot weer ook nog jullie uw kunnen wil ja nee groet heb hebben er',
  pl: 'nie prosze mnie nas ze jest sa czy dziekuje dzieki ale jestesmy jestem tak juz bardzo wiecej moze mozemy mozna pan pani panstwa nam dla przez jak tylko bede jutro dzien dobry pozdrawiam',
  tr: 'lutfen bana beni bize bizi bir daha artik icin ile tesekkurler tesekkur ederim ama cok evet hayir biz siz sizin bizim merhaba iyi gunler degil var yok simdi sonra kadar gibi',
  id: 'saya tidak mau terima kasih kami tapi belum hapus jangan kirim pesan lagi ini itu tolong dari daftar maaf dengan untuk yang dan bisa akan sudah kita anda bapak ibu selamat pagi sampai nanti ada tdk gak nggak',
  hi: 'mujhe mat bhejo karo kar karna karein kijiye dijiye aur mera meri mere naam hata hatao hai hain nahi nahin kya aap hum hamara ko ka ke ki bhi abhi kal baje dobara bas yaar roz chahiye hoon kripya dhanyavad shukriya',
};

const INDEX = new Map<string, string[]>();
for (const [lang, list] of Object.entries(STOP_WORDS)) {
  for (const word of list.split(' ')) INDEX.set(word, [...(INDEX.get(word) ?? []), lang]);
}

const LETTER_HINTS: Array<[RegExp, string, number]> = [
  [/ñ|¿|¡/, 'es', 3],
  [/[ãõ]/, 'pt', 3],
  [/ß|[äöü]/, 'de', 2],
  [/[èìò]/, 'it', 1],
  [/[êâîûœ]|ç(?!ão|ões)/, 'fr', 1],
  [/ç(ão|ões)/, 'pt', 2],
  [/\bij\w|\w+ij\b/, 'nl', 1],
  [/[ąęłśźżćń]/, 'pl', 2],
  [/[ışğ]/, 'tr', 3],
];

/**
 * Words in the other scripts the classifier reads, each a vote for the one language it reads in that script (kanji
 * without kana count for Japanese: Chinese is not read).
 */
const SCRIPT_WORDS: Array<[RegExp, string]> = [
  [/[\u0400-\u04ff]+/g, 'ru'],
  [/[\u0600-\u06ff]+/g, 'ar'],
  [/[\u0900-\u097f]+/g, 'hi'],
  [/[\u0370-\u03ff]+/g, 'el'],
  [/[\uac00-\ud7af]+/g, 'ko'],
  [/[\u3041-\u30ff\u4e00-\u9fff]+/g, 'ja'],
];

/** The ISO 639-1 code of the most likely language, or null when no word gives a hint. */
export function detectLanguage(original: string, normalisedWords: string[]): string | null {
  const scores: Record<string, number> = {};
  for (const word of normalisedWords) {
    const langs = INDEX.get(word);
    if (!langs) continue;
    for (const lang of langs) scores[lang] = (scores[lang] ?? 0) + 1 / langs.length;
  }
  const lower = original.toLowerCase();
  for (const [re, lang, weight] of LETTER_HINTS)
    if (re.test(lower)) scores[lang] = (scores[lang] ?? 0) + weight;
  for (const [re, lang] of SCRIPT_WORDS) {
    const count = lower.match(re)?.length ?? 0;
    if (count) scores[lang] = (scores[lang] ?? 0) + count;
  }
  let best: string | null = null;
  let bestScore = 0;
  for (const lang of [...Object.keys(STOP_WORDS), 'ru', 'ar', 'el', 'ko', 'ja']) {
    const score = scores[lang] ?? 0;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return bestScore >= 0.5 ? best : null;
}
