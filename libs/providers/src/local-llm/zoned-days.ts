/** Calendar days and hours in a lead's IANA zone, for the times the local writer and agent propose. */
import { canonicalTimeZone } from '@app/common';
import { zoneOffsetMinutes } from './classify/return-date';

/** `zone` when it is an IANA zone this runtime knows (in its canonical spelling), else UTC. */
export function zoneOrUtc(zone: string | null | undefined): string {
  return (zone && canonicalTimeZone(zone)) || 'UTC';
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
  const first = wall - zoneOffsetMinutes(zone, new Date(wall)) * 60_000;
  return new Date(wall - zoneOffsetMinutes(zone, new Date(first)) * 60_000);
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
