/**
 * HTML character references read as the characters they stand for: in an HTML body, and in a text part a mail
 * client converted badly ("N&atilde;o quero", "Got&nbsp;it", "I&#39;m"). Numeric references of any code point;
 * named ones for the marks and the accented Latin letters of the languages the classifier reads.
 */

// prettier-ignore
const NAMED: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a',
  ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e', laquo: '\u00ab', raquo: '\u00bb', ndash: '\u2013',
  mdash: '\u2014', hellip: '\u2026', middot: '\u00b7', bull: '\u2022', euro: '\u20ac', pound: '\u00a3',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', iexcl: '\u00a1', iquest: '\u00bf',
  ordf: '\u00aa', ordm: '\u00ba', szlig: '\u00df', shy: '',
};

/** The accent of each named letter reference ("eacute" → e + acute) as its combining mark. */
const ACCENTS: Record<string, string> = {
  grave: '\u0300',
  acute: '\u0301',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  ring: '\u030a',
  cedil: '\u0327',
};
const LETTER_REFERENCE = /^([a-zA-Z])(grave|acute|circ|tilde|uml|ring|cedil)$/;
const LIGATURES: Record<string, string> = {
  aelig: 'æ',
  AElig: 'Æ',
  oelig: 'œ',
  OElig: 'Œ',
  oslash: 'ø',
  Oslash: 'Ø',
};

const REFERENCE = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;

function character(reference: string): string | null {
  if (reference.startsWith('#')) {
    const code = /^#[xX]/.test(reference) ? parseInt(reference.slice(2), 16) : Number(reference.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  const named = NAMED[reference] ?? NAMED[reference.toLowerCase()] ?? LIGATURES[reference];
  if (named !== undefined) return named;
  const letter = LETTER_REFERENCE.exec(reference);
  return letter ? `${letter[1]}${ACCENTS[letter[2]]}`.normalize('NFC') : null;
}

/** The text with its character references decoded; an unknown one ("&foo;") stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(REFERENCE, (whole, reference: string) => character(reference) ?? whole);
}
