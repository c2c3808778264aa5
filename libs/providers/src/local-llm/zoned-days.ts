/** Calendar days and hours in a lead's IANA zone, for the times the local writer and agent propose. */

/** `zone` when it is an IANA zone this runtime knows, else UTC. */
export function zoneOrUtc(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/**
 * The next `count` business days (Monday to Friday) after the date `instant` falls on in `zone`, each as that
 * calendar day at noon UTC (its weekday and date read the same wherever they are read).
 */
export function businessDaysAfter(instant: number, zone: string, count: number): Date[] {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(instant)
    .split('-')
    .map(Number);
  const days: Date[] = [];
  for (let i = 1; days.length < count; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i, 12));
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day);
  }
  return days;
}

/** The instant that calendar day `day` (at noon UTC) reads `hour`:00 in `zone`. */
export function atLocalHour(day: Date, hour: number, zone: string): Date {
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour);
  // The zone's offset at a first guess, then at the instant it gives (the two differ across a DST change).
  const first = wall - offsetMs(wall, zone);
  return new Date(wall - offsetMs(first, zone));
}

/** The zone's short name at `instant`: "EST", "GMT+1", "UTC". */
export function zoneName(instant: Date, zone: string): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  );
}

/** "Tuesday 8 December": calendar day `day` (at noon UTC). */
export function dayName(day: Date): string {
  return day.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}
