/**
 * The sending window of DESIGN §3b and §7.2: a campaign's hours and days in the lead's local time, never outside
 * 08:00-21:00 local; where the lead may be in several zones, open only when open in every one of them.
 */

/** The bound no campaign window can pass (DESIGN §7.2), in minutes after local midnight. */
export const EARLIEST_LOCAL_MINUTE = 8 * 60;
export const LATEST_LOCAL_MINUTE = 21 * 60;
/** How far ahead the next opening is looked for; a window that never opens in every zone has none. */
const HORIZON_DAYS = 8;

export interface SendWindow {
  /** 'HH:MM' or 'HH:MM:SS'; default 08:00. */
  start?: string | null;
  /** 'HH:MM' or 'HH:MM:SS'; default 21:00. */
  end?: string | null;
  /** ISO weekdays (1 = Monday ... 7 = Sunday); null or empty: every day. */
  days?: readonly number[] | null;
}

export type WindowState = { open: true } | { open: false; next_open_at: Date | null };

/** A zone's wall clock at an instant: its date, the minute after midnight, the ISO weekday (1 = Monday). */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Each zone's last answer, for the UTC minute it was asked in (most asks are of now, many per minute). */
const lastLocal = new Map<string, { minute: number; local: LocalTime }>();
/**
 * From here on every zone's offset is whole minutes (the last with seconds, Liberia's, ended in 1972), so one UTC
 * minute is one local minute: an answer holds for its whole UTC minute.
 */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1980, 0, 1);

export function localTime(at: Date, zone: string): LocalTime {
  const ms = at.getTime();
  if (ms < WHOLE_MINUTE_OFFSETS_FROM) return readLocalTime(at, zone);
  const minute = Math.floor(ms / 60_000);
  const last = lastLocal.get(zone);
  if (last?.minute === minute) return { ...last.local };
  const local = readLocalTime(at, zone);
  lastLocal.set(zone, { minute, local: { ...local } });
  return local;
}

function readLocalTime(at: Date, zone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday],
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The zone's offset from UTC at an instant, in milliseconds (to the minute, as `localTime` reads the clock). */
function offsetAt(zone: string, at: number): number {
  const local = localTime(new Date(at), zone);
  return (
    Date.UTC(local.year, local.month - 1, local.day, 0, local.minute) - Math.floor(at / MINUTE_MS) * MINUTE_MS
  );
}

/**
 * The instant at which the zone's wall clock shows the given local date and minute. A time the clock skips (a DST
 * gap) reads as the instant the gap ends at plus its distance into the gap, so a day whose midnight is skipped
 * (Beirut, Havana: 00:00 -> 01:00) starts at its first instant; a time the clock shows twice is its first showing.
 * The zone's offsets a day before and after are the only ones near the time (zones change at most once a day).
 */
export function instantOf(zone: string, year: number, month: number, day: number, minute: number): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  if (before === after) return new Date(wall - before);
  const [earlier, later] = [wall - Math.max(before, after), wall - Math.min(before, after)];
  for (const at of [earlier, later]) if (at + offsetAt(zone, at) === wall) return new Date(at);
  return new Date(later);
}

function minuteOf(value: string | null | undefined, fallback: number): number {
  if (!value) return fallback;
  const [h, m] = value.split(':').map(Number);
  return h * 60 + (m || 0);
}

/** The window's opening and closing minutes, clamped to 08:00-21:00. */
export function effectiveWindow(window: SendWindow): { from: number; to: number; days: Set<number> | null } {
  return {
    from: Math.max(minuteOf(window.start, EARLIEST_LOCAL_MINUTE), EARLIEST_LOCAL_MINUTE),
    to: Math.min(minuteOf(window.end, LATEST_LOCAL_MINUTE), LATEST_LOCAL_MINUTE),
    days: window.days?.length ? new Set(window.days) : null,
  };
}

function openIn(at: Date, zone: string, w: ReturnType<typeof effectiveWindow>): boolean {
  const local = localTime(at, zone);
  if (w.days && !w.days.has(local.weekday)) return false;
  return local.minute >= w.from && local.minute < w.to;
}

/**
 * Whether `at` is inside the window in every zone, and if not, the first instant within eight days when it is
 * (every zone's own opening is a candidate: the window opens everywhere at the latest of them).
 */
export function windowState(window: SendWindow, zones: readonly string[], at: Date): WindowState {
  const w = effectiveWindow(window);
  if (w.from >= w.to || !zones.length) return { open: false, next_open_at: null };
  if (zones.every((z) => openIn(at, z, w))) return { open: true };
  const candidates: number[] = [];
  for (const zone of zones) {
    const today = localTime(at, zone);
    for (let d = 0; d <= HORIZON_DAYS; d++) {
      const date = new Date(Date.UTC(today.year, today.month - 1, today.day + d));
      const opening = instantOf(
        zone,
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        w.from,
      );
      if (opening.getTime() > at.getTime()) candidates.push(opening.getTime());
    }
  }
  candidates.sort((a, b) => a - b);
  const next = candidates.find((t) => zones.every((z) => openIn(new Date(t), z, w)));
  return { open: false, next_open_at: next === undefined ? null : new Date(next) };
}
