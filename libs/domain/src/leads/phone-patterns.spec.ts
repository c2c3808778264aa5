import { getCountries, getCountryCallingCode, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { normalizePhone, phoneDigitForms } from './phone-normalizer';
import { cachePhonePatterns, matchesEntirelyCached, PATTERN_HELPER } from './phone-patterns';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const helper = require(PATTERN_HELPER) as { default: unknown };

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Numbers as files carry them, in every country the metadata has: half its example mobile number with the last four
 * digits drawn (mostly valid), half 6 to 12 digits drawn (mostly not), some with a trunk 0; written national, after
 * "+<code>", after "00<code>" spaced out, or bracketed; with the row's country, another one or none.
 */
function sample(count: number): [string, string | null][] {
  const next = random(20261204);
  const countries = getCountries();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  const out: [string, string | null][] = [];
  for (let i = 0; i < count; i++) {
    const country = pick(countries);
    const example = getExampleNumber(country, examples)?.nationalNumber;
    const drawn =
      example && next() < 0.5 ? `${example.slice(0, -4)}${digits(4)}` : digits(6 + Math.floor(next() * 7));
    const national = `${next() < 0.3 ? '0' : ''}${drawn}`;
    const code = getCountryCallingCode(country);
    const written = pick([
      national,
      `+${code}${national}`,
      `00${code} ${national.slice(0, 3)} ${national.slice(3)}`,
      `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`,
    ]);
    out.push([written, pick([country, country, 'US', 'GB', null])]);
  }
  return out;
}

describe('cached phone patterns', () => {
  it('replace the helper libphonenumber-js checks every pattern with, once phones are normalised', () => {
    expect(helper.default).toBe(matchesEntirelyCached);
    expect(typeof cachePhonePatterns()).toBe('function');
  });

  it('give the answers of the library’s own helper for 50,000 numbers of every country', () => {
    const numbers = sample(50_000);
    const read = () =>
      numbers.map(([raw, country]) => {
        const parsed = normalizePhone(raw, country);
        return parsed.ok ? [parsed.phone, phoneDigitForms(parsed.phone.e164)] : parsed.reason;
      });
    const cached = read();
    helper.default = cachePhonePatterns();
    let library: unknown[];
    try {
      library = read();
    } finally {
      helper.default = matchesEntirelyCached;
    }
    expect(cached).toEqual(library);
    // The sample reaches both answers in bulk: numbers taken and numbers refused.
    expect(cached.filter((r) => typeof r !== 'string').length).toBeGreaterThan(5_000);
    expect(cached.filter((r) => typeof r === 'string').length).toBeGreaterThan(5_000);
  });
});
