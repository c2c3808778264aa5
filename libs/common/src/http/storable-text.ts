import type { FieldIssue } from '../errors/app-error';

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const MAX_DEPTH = 32;

/** Why a text cannot be taken: Postgres stores no NUL, and a lone surrogate is no character at all. */
function fault(text: string): string | undefined {
  if (text.includes(NUL)) return 'contains a NUL character, which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate, which is not valid Unicode';
  return undefined;
}

/** Every string of `value` (keys too) that cannot be stored, with where it is. */
function faults(value: unknown, field: string, depth = 0): FieldIssue[] {
  if (typeof value === 'string') {
    const reason = fault(value);
    return reason ? [{ field: field || 'body', reason }] : [];
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  if (Array.isArray(value))
    return value.flatMap((v, i) => faults(v, field ? `${field}.${i}` : String(i), depth + 1));
  return Object.entries(value).flatMap(([key, v]) => {
    const reason = fault(key);
    // A key that cannot be stored is reported on its object: the key itself is not fit to print.
    if (reason) return [{ field: field || 'body', reason: `has a key that ${reason}` }];
    return faults(v, field ? `${field}.${key}` : key, depth + 1);
  });
}

/**
 * Text no field can hold, in a value a client sent: a NUL character (Postgres text cannot store it) or an unpaired
 * UTF-16 surrogate (JSON allows `\ud800`; it is not Unicode, and validators that URI-encode a value throw on it).
 * One issue per field that holds such text (a key too), named by its path in the value.
 */
export function unstorableText(value: unknown): FieldIssue[] {
  return faults(value, '');
}

/**
 * Text as it can be stored, for what a provider sent (kept, not refused): each NUL and each unpaired surrogate (an
 * emoji cut in half by a truncating gateway) becomes U+FFFD, the replacement character.
 */
export function storableText(text: string): string {
  return text.split(NUL).join('\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

/**
 * A JSON value as it can be stored (text, or jsonb, which refuses `\u0000` and lone surrogates alike): storableText
 * on every string in it, keys included. What is already storable comes back as it is.
 */
export function storableValue<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => storableValue(v)) as T;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [storableText(k), storableValue(v)]),
  ) as T;
}

/**
 * The first `max` UTF-16 units of a text, one fewer where the cut would keep half of an emoji (a high surrogate
 * without its pair): a lone surrogate is no character, and jsonb refuses it.
 */
export function cutText(text: string, max: number): string {
  const kept = text.slice(0, max);
  return kept.length === max && /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
}
