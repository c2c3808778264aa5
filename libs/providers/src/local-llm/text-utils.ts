import { cutText } from '@app/common';
import { createHash } from 'node:crypto';

/** A string field as text: null, undefined and the words "null"/"undefined" become ''. */
export function clean(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(/\s+/g, ' ').trim();
  return /^(null|undefined|nan)$/i.test(text) ? '' : text;
}

/** A stable number from the given parts, to pick among template variants deterministically. */
export function stableHash(...parts: unknown[]): number {
  return createHash('sha256')
    .update(parts.map((p) => clean(p)).join('\u0001'))
    .digest()
    .readUInt32BE(0);
}

export function pick<T>(options: readonly T[], seed: number, salt = 0): T {
  return options[(seed + salt * 7919) % options.length];
}

/** Cuts `text` to `max` characters at a word boundary, ending with "…" when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return cutText(text, Math.max(0, max));
  const room = cutText(text, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > max * 0.6 ? room.slice(0, space) : room).replace(/[\s,;:–-]+$/, '')}…`;
}

/** The first sentence of a text (up to `max` characters). */
export function firstSentence(text: string, max = 160): string {
  const sentence = clean(text).split(/(?<=[.!?])\s+/)[0] ?? '';
  return truncate(sentence, max);
}

export const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);
export const upperFirst = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
/** "a, b and c" */
export function listText(items: string[], and = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
