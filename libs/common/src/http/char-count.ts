// No imports: the import's staging thread (libs/domain/src/imports/stage.thread.ts) loads this file alone.

/**
 * The characters of a text as Postgres counts them for `varchar(n)`: code points. An emoji beyond the BMP (two
 * UTF-16 units) is one; the variation selector of "❤️" (U+2764 U+FE0F) is one more, which validator.js's
 * `isLength` (behind class-validator's `MaxLength` and `Length`) leaves out, so 200 of them passed a 200 check and
 * Postgres refused them with no field named.
 */
export function charCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      pairs++;
      i++;
    }
  }
  return text.length - pairs;
}
