import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsTimeZone } from 'class-validator';

let spellings: Map<string, string> | undefined;

/**
 * A time zone as the runtime spells it: a name of its IANA list in any case takes the list's spelling
 * (`america/new_york` → `America/New_York`); an alias the list leaves out takes the zone it names (`US/Eastern` →
 * `America/New_York`). Null for no zone at all.
 */
export function canonicalTimeZone(zone: string): string | null {
  spellings ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const listed = spellings.get(zone.toLowerCase());
  if (listed) return listed;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An IANA time zone, taken in any case and kept in its canonical spelling (canonicalTimeZone). */
export const IanaTimeZone = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? (canonicalTimeZone(value) ?? value) : value)),
    IsTimeZone(),
  );
