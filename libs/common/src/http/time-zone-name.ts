import { getAllTimezones } from 'countries-and-timezones';

// Nest, class-validator and class-transformer stay out of this file: the import's staging thread
// (libs/domain/src/imports/stage.thread.ts) loads it alone.

let spellings: Map<string, string> | undefined;

/**
 * Every zone name in its canonical spelling, keyed by the name in lower case: the runtime's list, then the current
 * IANA names (countries-and-timezones), which win where the runtime's ICU still spells a renamed zone the old way
 * (`Asia/Kolkata`, not `Asia/Calcutta`; `Europe/Kyiv`, not `Europe/Kiev`).
 */
function loadSpellings(): Map<string, string> {
  const names = new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  for (const zone of Object.values(getAllTimezones())) names.set(zone.name.toLowerCase(), zone.name);
  return names;
}

/**
 * A time zone in its canonical spelling: a current IANA name in any case takes its spelling (`america/new_york` →
 * `America/New_York`, `asia/kolkata` → `Asia/Kolkata`); an alias takes the zone the runtime resolves it to
 * (`US/Eastern` → `America/New_York`). Null for no zone at all.
 */
export function canonicalTimeZone(zone: string): string | null {
  spellings ??= loadSpellings();
  const listed = spellings.get(zone.toLowerCase());
  if (listed) return listed;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
