/**
 * A file's own name: no directories, no control characters, no bidirectional controls (an override that shows
 * "invoice\u202Efdp.exe" as "invoiceexe.pdf" dresses a program as a document), a lone surrogate (half an emoji)
 * as U+FFFD, at most 255 characters (code points, as `varchar(255)` counts them: never half a character); none
 * when empty.
 */
export function attachmentFileName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = (value.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\ud800-\udfff]/gu, '\ufffd')
    .trim();
  return name ? Array.from(name).slice(0, 255).join('') : null;
}

/**
 * The file name of a multipart/form-data part as browsers (and curl since 7.81) send it: the HTML standard writes
 * `"` as `%22` and CR / LF as `%0D` / `%0A` there, and nothing else, so those three are read back (a line break,
 * then, is dropped as any control character is); a name as the user sees it is what is stored.
 */
export function formFileName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return attachmentFileName(
    value.replace(/%(22|0d|0a)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

/** A MIME type, `type/subtype` lower-cased without parameters; anything else is `application/octet-stream`. */
export function attachmentType(value: unknown): string {
  const type = typeof value === 'string' ? value.split(';')[0].trim().toLowerCase() : '';
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) && type.length <= 255
    ? type
    : 'application/octet-stream';
}
