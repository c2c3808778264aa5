import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in constant time, whatever their lengths: both are hashed to 32 bytes first, so neither the
 * content nor the length of the expected value leaks through timing.
 */
export function safeEqual(expected: string | Buffer, presented: string | Buffer | undefined | null): boolean {
  if (presented === undefined || presented === null) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b) && Buffer.byteLength(expected) === Buffer.byteLength(presented);
}

/** The first value of a header as Node or Fastify hand it over (string, array or absent). */
export function headerValue(value: string | string[] | undefined | null): string | undefined {
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}
