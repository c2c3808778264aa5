import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type MatchesEntirely = (text: string | undefined, pattern: string) => boolean;

/**
 * libphonenumber-js checks a number against its metadata's patterns with one helper, `matchesEntirely`, which
 * compiles `new RegExp('^(?:' + pattern + ')$')` on every call: a number's validity and country try a dozen of them,
 * some kilobytes long (the US fixed-line one), and their compiling was a quarter of an import's staging CPU. The
 * helper is replaced by one that compiles each pattern once: a RegExp without flags keeps no state between
 * `test()`s, so every answer is the library's own.
 *
 * The helper is not exported (`exports` in its package.json), so its file is loaded by path; every caller in the
 * library reads the module's `default` at each call, so replacing it reaches them all. A release that moves or
 * reshapes the file leaves the library as it was (slower, same answers), and phone-patterns.spec.ts fails.
 */
export const PATTERN_HELPER = join(
  dirname(require.resolve('libphonenumber-js/package.json')),
  'build',
  'helpers',
  'matchesEntirely.js',
);

const compiled = new Map<string, RegExp>();

export function matchesEntirelyCached(text: string | undefined, pattern: string): boolean {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    regexp = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, regexp);
  }
  return regexp.test(text || '');
}

/** The library's helper before cachePhonePatterns replaced it. */
let library: MatchesEntirely | undefined;

/**
 * Replaces the library's helper with matchesEntirelyCached, once; answers the library's own helper (undefined when
 * the file is not where this release keeps it, and nothing was replaced).
 */
export function cachePhonePatterns(): MatchesEntirely | undefined {
  if (library || !existsSync(PATTERN_HELPER)) return library;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const helper = require(PATTERN_HELPER) as { default?: MatchesEntirely };
  if (typeof helper.default !== 'function') return undefined;
  library = helper.default;
  helper.default = matchesEntirelyCached;
  return library;
}
