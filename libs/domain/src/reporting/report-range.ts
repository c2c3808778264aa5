import { AppError, invalidInput } from '@app/common';
import { instantOf } from '../contact-policy/send-window';

/** A report bound as the API takes it: `2025-02-01`, `2025-02-01T10:00`, `2025-02-01T10:00:00.000Z`, `...+02:00`. */
export const REPORT_DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const REPORT_DATE_MESSAGE =
  'must be an ISO-8601 date (2025-02-01) or date-time (2025-02-01T10:00:00Z)';
/** How the API documents a bound's reading. */
export const REPORT_DATE_RULE =
  "a bare date is a whole day of the tenant's time zone, a date-time without an offset a time on its clock";

/** A report's window, both ends inclusive (to the millisecond); null: unbounded. */
export interface ReportRange {
  from: Date | null;
  to: Date | null;
}

/**
 * A report's window from its two bounds, read the same way by every report (calls, agents, campaigns, AI): a bare
 * date is a whole day of the tenant's zone (`from` its first moment, `to` its last), a date-time without an offset is
 * a wall-clock time in that zone, one with an offset that instant. An impossible date (2025-02-30) or a window that
 * ends before it starts is a 400 naming the field.
 */
export function reportRange(
  bounds: { from?: string; to?: string },
  zone: string,
  fields: { from: string; to: string },
): ReportRange {
  const range = {
    from: bound(bounds.from, 'from', zone, fields.from),
    to: bound(bounds.to, 'to', zone, fields.to),
  };
  if (range.from && range.to && range.from.getTime() > range.to.getTime())
    throw invalidField(fields.to, `must not be before ${fields.from}`);
  return range;
}

function bound(text: string | undefined, end: 'from' | 'to', zone: string, field: string): Date | null {
  if (text === undefined) return null;
  const match = REPORT_DATE_PATTERN.exec(text);
  if (!match) throw invalidField(field, REPORT_DATE_MESSAGE);
  const [, y, m, d, hh, mm, ss, fraction, offset] = match;
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const hour = hh === undefined ? 0 : Number(hh);
  const minute = mm === undefined ? 0 : Number(mm);
  const second = ss === undefined ? 0 : Number(ss);
  if (
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    throw invalidField(field, REPORT_DATE_MESSAGE);
  if (hh === undefined) {
    // The day's first moment, or the last millisecond before the next day's.
    return end === 'from'
      ? instantOf(zone, year, month, day, 0)
      : new Date(instantOf(zone, year, month, day + 1, 0).getTime() - 1);
  }
  if (offset) {
    // An offset past ±23:59 (-99:99) reads as no instant at all.
    const at = Date.parse(text);
    if (Number.isNaN(at)) throw invalidField(field, REPORT_DATE_MESSAGE);
    return new Date(at);
  }
  const ms = fraction ? Math.floor(Number(fraction) * 1000) : 0;
  return new Date(instantOf(zone, year, month, day, hour * 60 + minute).getTime() + second * 1000 + ms);
}

/** A refused bound, worded as every refused input is ("Invalid input: date_to must ..."). */
function invalidField(field: string, reason: string): AppError {
  return invalidInput([{ field, reason }]);
}
