import { POSTSCRIPT } from './postscript';

/**
 * Where the writer's own signature starts in the new text of a reply, so that a referral is not read from it: the
 * phone and address under "Tom Fraser | Managing Partner" are Tom's, not those of the colleague he hands over to.
 * isolate-reply already cuts "-- " lines, "Sent from my iPhone" and closing lines standing alone; what is left to
 * find here is a signature with no such marker: a block that opens with the writer's name (or "Thanks, Tom") below
 * the message, and a sign-off written inline ("… alicia@x.io. Thanks, Tom Fraser +1 415 555 0180", "… -- Tom").
 */

const NAME_WORD = "\\p{Lu}[\\p{L}'’.-]*";
/** "Tom Fraser", "— Ravi", "Jane Doe, CFO", "Tom Fraser | Managing Partner": a name, a title after a separator. */
const NAME_LINE = new RegExp(
  `^\\s*(?:[-–—~]+\\s*)?(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3})\\s*(?:(?:[|,·•/]|\\s[-–—]\\s)[^\\n]{0,80})?$`,
  'u',
);
// prettier-ignore
const SIGN_OFF_WORDS = [
  'thanks', 'thank you', 'many thanks', 'cheers', 'best', 'regards', 'best regards', 'kind regards', 'warm regards',
  'sincerely', 'saludos', 'cordialement', 'gr[üu](?:ß|ss)e', 'obrigad[oa]', 'grazie', 'groeten',
];
/** Case-insensitive by hand: the `i` flag would let \p{Lu} match small letters too. */
const anyCase = (w: string) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`;
const SIGN_OFF = `(?:${SIGN_OFF_WORDS.map(anyCase).join('|')})`;
/** The writer's name, then nothing but contact details: the end, a separator, a digit, a bracket. */
const SIGNED_NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}(?=\\s*(?:$|[|,/(+\\d]|[-–—]))`;
/** "Thanks, Tom" or "Cheers - Ravi Shah" alone on a line: the sign-off that opens a signature. */
const SIGN_OFF_LINE = new RegExp(
  `^\\s*${SIGN_OFF}\\s*[,!.-]?\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})\\s*[,.]?\\s*$`,
  'u',
);
/** A sign-off or a "--" written inline, then the writer's name: everything from there on is the signature. */
const INLINE_SIGNATURE = new RegExp(
  `(?:[.!?]\\s+|\\s)(?:${SIGN_OFF}\\s*[,!-]\\s*|--\\s+)(?=${SIGNED_NAME})`,
  'u',
);
/** A line of a contact card: short, no question, no more than a few words. */
const CARD_LINE = /^[^?!]{0,80}$/;
const MAX_CARD_WORDS = 8;
/** Words that open a line without being a name ("Direct: …", "Please …"). */
const NOT_A_NAME =
  /^(Direct|Mobile|Phone|Tel|Cell|Office|Email|E-mail|Please|Thanks|Thank|Hi|Hello|Dear|The|This|My|Our|I|We|P\.?S)\b/;

/**
 * The text without the writer's signature. A block introduced by a colon ("Her details:") or naming the person
 * handed over to (`referred`, found above it) is theirs, not the writer's, and stays; so does a postscript below it
 * ("Lucy Grant / Accounts Payable / PS — Harriet looks after marketing, harriet@…").
 */
export function withoutWritersSignature(text: string, referred: (above: string) => string | null): string {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const start = signatureNameAt(lines, i);
    if (start === null) continue;
    const above = lines.slice(0, i).join('\n');
    const lastAbove = above.trimEnd();
    if (!lastAbove || lastAbove.endsWith(':')) continue;
    const name = referred(above);
    if (name && start.includes(name.replace(/^\S+\.\s+/, ''))) continue;
    const postscript = lines.findIndex((line, at) => at > i && POSTSCRIPT.test(line));
    return postscript < 0 ? inlineCut(above) : `${inlineCut(above)}\n\n${lines.slice(postscript).join('\n')}`;
  }
  return inlineCut(text);
}

/** The name opening a signature block at line `i` (the rest of the text a contact card), or null. */
function signatureNameAt(lines: string[], i: number): string | null {
  const line = lines[i];
  const name =
    SIGN_OFF_LINE.exec(line)?.[1] ?? (NOT_A_NAME.test(line.trim()) ? undefined : NAME_LINE.exec(line)?.[1]);
  if (!name) return null;
  const previous = lines[i - 1].trim();
  if (previous && !/[.!?)]$/.test(previous)) return null;
  const card = lines.slice(i + 1).filter((l) => l.trim());
  if (
    !card.length ||
    !card.every((l) => CARD_LINE.test(l.trim()) && l.trim().split(/\s+/).length <= MAX_CARD_WORDS)
  )
    return null;
  return name;
}

function inlineCut(text: string): string {
  const m = INLINE_SIGNATURE.exec(text);
  return m ? text.slice(0, m.index) : text;
}
