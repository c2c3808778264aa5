/**
 * One byte range of a `Range` header (RFC 9110 §14.1.2): `first-last`, `first-` (to the end), or `-suffix` (the last
 * `suffix` bytes).
 */
export type ByteRangeRequest = { first: number; last: number | null } | { suffix: number };

/** The bytes a partial answer holds: `start` to `end` inclusive, of `total`. */
export interface ServedRange {
  start: number;
  end: number;
  total: number;
}

/** The range asked for lies wholly past the representation's end (RFC 9110 §15.5.17): a 416, with its length. */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly total: number | null) {
    super('Range Not Satisfiable');
  }
}

const SINGLE = /^bytes=\s*(?:(\d{1,15})-(\d{1,15})?|-(\d{1,15}))\s*$/i;

/**
 * The one range a `Range` header asks for; undefined for none, and for what a server may ignore and answer whole
 * (RFC 9110 §14.2): another unit, several ranges, a malformed one, `last` before `first`.
 */
export function parseRange(header: string | undefined): ByteRangeRequest | undefined {
  const match = header ? SINGLE.exec(header) : null;
  if (!match) return undefined;
  const [, first, last, suffix] = match;
  if (suffix !== undefined) return { suffix: Number(suffix) };
  const range = { first: Number(first), last: last === undefined ? null : Number(last) };
  return range.last !== null && range.last < range.first ? undefined : range;
}

/** The bytes a range selects of `total`; throws RangeNotSatisfiableError when it selects none. */
export function resolveRange(range: ByteRangeRequest, total: number): ServedRange {
  if ('suffix' in range) {
    if (range.suffix === 0 || total === 0) throw new RangeNotSatisfiableError(total);
    return { start: Math.max(0, total - range.suffix), end: total - 1, total };
  }
  if (range.first >= total) throw new RangeNotSatisfiableError(total);
  return { start: range.first, end: Math.min(range.last ?? total - 1, total - 1), total };
}

/** The range as a `Range` header's value, to ask a provider for it. */
export function rangeHeader(range: ByteRangeRequest): string {
  return 'suffix' in range ? `bytes=-${range.suffix}` : `bytes=${range.first}-${range.last ?? ''}`;
}

/** A `Content-Range: bytes start-end/total` header read back; undefined for anything else. */
export function parseContentRange(header: unknown): ServedRange | undefined {
  const match = typeof header === 'string' ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim()) : null;
  return match ? { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) } : undefined;
}

/** The length a `Content-Range: bytes *\/total` header of a 416 gives; null when it gives none. */
export function unsatisfiedLength(header: unknown): number | null {
  const match = typeof header === 'string' ? /^bytes \*\/(\d+)$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : null;
}
