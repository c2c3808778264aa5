import type { WorkingHours } from '@app/db';
import { localTime } from '../contact-policy/send-window';

/**
 * An agent's weekly hours (seed 001: `{ monday: { start: "09:00", end: "17:00" }, ... }`), read on the wall clock
 * of their zone. A day that is not listed is not worked; a range whose end is not after its start runs past
 * midnight into the next day (22:00-06:00), and start = end is a whole 24 hours from start. `end` may be "24:00".
 */
export const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

const MINUTES_PER_DAY = 24 * 60;
const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;

/** The weekday (0 = Monday) and the minute after midnight that the zone's wall clock shows at `at`. */
function wallClock(at: Date, zone: string): { weekday: number; minute: number } {
  const local = localTime(at, zone);
  return { weekday: local.weekday - 1, minute: local.minute };
}

/** "HH:MM" (or "HH:MM:SS", seconds ignored) as minutes after midnight, 0..1440; null when it is not a time. */
export function minuteOfDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = TIME.exec(value.trim());
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minute > MINUTES_PER_DAY) return null;
  return minute;
}

/** A day's range as a start minute and a length in minutes (1..1440); null when it is missing or malformed. */
function rangeOf(hours: WorkingHours, day: WeekdayName): { start: number; length: number } | null {
  const range = hours[day];
  if (!range) return null;
  const start = minuteOfDay(range.start);
  const end = minuteOfDay(range.end);
  if (start === null || end === null || start === MINUTES_PER_DAY) return null;
  return { start, length: (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY || MINUTES_PER_DAY };
}

/**
 * Whether `now` falls inside the agent's working hours, on the wall clock of `timezone` (the agent's zone, else
 * the tenant's; null reads UTC). `workingHours` null or undefined means always. Today's range counts from its
 * start; yesterday's counts too when it runs past midnight. Pure: the dialer uses it as well.
 */
export function withinWorkingHours(
  workingHours: WorkingHours | null | undefined,
  timezone: string | null | undefined,
  now: Date,
): boolean {
  if (!workingHours) return true;
  const { weekday, minute } = wallClock(now, timezone || 'UTC');
  const today = rangeOf(workingHours, WEEKDAY_NAMES[weekday]);
  if (today && minute >= today.start && minute - today.start < today.length) return true;
  const yesterday = rangeOf(workingHours, WEEKDAY_NAMES[(weekday + 6) % 7]);
  return !!yesterday && minute + MINUTES_PER_DAY - yesterday.start < yesterday.length;
}
