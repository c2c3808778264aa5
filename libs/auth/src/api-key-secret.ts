import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const API_KEY_PATTERN = /^rlk_([A-Za-z0-9]{8})_([A-Za-z0-9]{40})$/;

function randomString(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    if (bytes[i] < 248) out += ALPHABET[bytes[i] % 62];
  }
  return out.length === length ? out : randomString(length);
}

export interface NewApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/** A key `rlk_<8>_<40>`: the `rlk_<8>` prefix is stored to find it, the whole key only as a SHA-256 hash. */
export function generateApiKey(): NewApiKey {
  const key = `rlk_${randomString(8)}_${randomString(40)}`;
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith('rlk_');
}
