/** A file's own name: no directories, no control characters, at most 255 characters; none when empty. */
export function attachmentFileName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const name = (value.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name ? name.slice(0, 255) : null;
}

/** A MIME type, `type/subtype` lower-cased without parameters; anything else is `application/octet-stream`. */
export function attachmentType(value: unknown): string {
  const type = typeof value === 'string' ? value.split(';')[0].trim().toLowerCase() : '';
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) && type.length <= 255
    ? type
    : 'application/octet-stream';
}
