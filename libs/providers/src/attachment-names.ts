/**
 * A file's own name: no directories, no control characters, a lone surrogate (half an emoji) as U+FFFD, at most 255
 * characters (code points, as `varchar(255)` counts them: never half a character); none when empty.
 */
export function attachmentFileName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = (value.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\ud800-\udfff]/gu, '\ufffd')
    .trim();
  return name ? Array.from(name).slice(0, 255).join('') : null;
}

/** A MIME type, `type/subtype` lower-cased without parameters; anything else is `application/octet-stream`. */
export function attachmentType(value: unknown): string {
  const type = typeof value === 'string' ? value.split(';')[0].trim().toLowerCase() : '';
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) && type.length <= 255
    ? type
    : 'application/octet-stream';
}
