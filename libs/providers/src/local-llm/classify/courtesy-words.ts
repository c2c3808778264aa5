import { normaliseText } from './normalise-text';

/**
 * A first line that only greets ("Hi Dana,", "Bonjour,", "Hallo Frau Berger", "Hola!", "Dear team"): in the
 * normalised form, a greeting of one of our languages and up to three more words, before a comma, a colon, an
 * exclamation mark or nothing; those words must be names (see greetsOnly).
 */
const GREETING_LINE =
  /^(hi|hii|hello|hey|heya|hiya|dear|good (morning|afternoon|evening|day)|morning|greetings|bonjour|bonsoir|salut|coucou|hallo|hallochen|guten (morgen|tag|abend)|moin|servus|gruss gott|hola|buenos dias|buenas( tardes| noches)?|estimad[oa]s?|ola|oi|bom dia|boa (tarde|noite)|prezad[oa]s?|ciao|buongiorno|buonasera|salve|gentile|hoi|goedemorgen|goedemiddag|goedenavond|beste|dag|dzien dobry|czesc|merhaba|selam|halo|hai|здравствуите|здравствуйте|привет|добрыи день|добрый день|hej|hei|buna( ziua)?|dobry den|ahoj)((?: [\p{L}.'-]+){0,3})\s*[,:!.]*$/u;

/** Who a greeting may name besides a person: "Hi team", "Dear Sir", "Bonjour Madame", "Hallo zusammen". */
const ADDRESSEE =
  /^(team|all|there|everyone|folks|sir|madam|mr|mrs|ms|dr|herr|frau|monsieur|madame|mademoiselle|senor|senora|sr|sra|signor|signora|sig|meneer|mevrouw|zusammen|a todos|tous|tutti|allemaal)\.?$/;

/**
 * The line only greets: a greeting, then nothing but names (capitalised words, in a line not all in capitals) or
 * addressees — "Hi please stop" greets and asks, "Hi Dana" only greets.
 */
function greetsOnly(line: string): boolean {
  const m = GREETING_LINE.exec(normaliseText(line));
  if (!m) return false;
  const named = m[m.length - 1].trim().split(' ').filter(Boolean);
  if (named.length === 0) return true;
  const raw = line
    .trim()
    .replace(/[\s,:!.]+$/, '')
    .split(/\s+/)
    .slice(-named.length);
  const shouted = !/\p{Ll}/u.test(line);
  return named.every((w, i) => ADDRESSEE.test(w) || (!shouted && /^\p{Lu}/u.test(raw[i] ?? '')));
}

/** A chat abbreviation of thanks or please closing the reply ("… go away thx", "dnd pls pls"). */
const CLOSING_FILLER = /[\s,]+(thx|thnx|tnx|ty|tx|pls|plz)[\s.!]*$/i;

/**
 * The reply without what only greets or fills around it: a first line that only greets, when more follows it
 * ("Hola,\nbaja" is the keyword alone, as "baja" is), and a closing chat "thx" or "pls" after other words ("can I
 * be removed please thx"). Otherwise the reply as it is.
 */
export function dropCourtesies(body: string): string {
  const lines = body.trim().split('\n');
  const greets = lines.length > 1 && greetsOnly(lines[0]);
  const text = greets ? lines.slice(1).join('\n').trim() : body;
  const closed = text.replace(CLOSING_FILLER, '');
  return /[\p{L}\p{N}\p{So}]/u.test(closed) ? closed : text;
}
