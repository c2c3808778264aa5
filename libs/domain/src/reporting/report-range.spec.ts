import { AppError } from '@app/common';
import { reportRange } from './report-range';

const fields = { from: 'date_from', to: 'date_to' };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const read = (from: string | undefined, to: string | undefined, zone: string) => {
  const range = reportRange({ from, to }, zone, fields);
  return { from: iso(range.from), to: iso(range.to) };
};

describe('reportRange', () => {
  it("reads a bare date as a whole day of the tenant's zone", () => {
    expect(read('2025-01-01', '2025-01-31', 'America/New_York')).toEqual({
      from: '2025-01-01T05:00:00.000Z',
      to: '2025-02-01T04:59:59.999Z',
    });
    expect(read('2025-01-01', '2025-01-01', 'UTC')).toEqual({
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-01T23:59:59.999Z',
    });
  });

  it('a day across a DST change keeps its local midnights (23 hours in New York on 9 March 2025)', () => {
    expect(read('2025-03-09', '2025-03-09', 'America/New_York')).toEqual({
      from: '2025-03-09T05:00:00.000Z',
      to: '2025-03-10T03:59:59.999Z',
    });
  });

  // Zones whose clocks skip midnight in 2026 (00:00 -> 01:00, checked with Intl): the day starts at 01:00, its first
  // instant, and the day before ends just before it. East of UTC (Beirut, Cairo) the start read an hour early.
  it.each([
    ['Asia/Beirut', '2026-03-28', '2026-03-29', '2026-03-28T22:00:00.000Z', '2026-03-29T20:59:59.999Z'],
    ['Africa/Cairo', '2026-04-23', '2026-04-24', '2026-04-23T22:00:00.000Z', '2026-04-24T20:59:59.999Z'],
    ['America/Havana', '2026-03-07', '2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.999Z'],
    ['America/Santiago', '2026-09-05', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T02:59:59.999Z'],
    ['Atlantic/Azores', '2026-03-28', '2026-03-29', '2026-03-29T01:00:00.000Z', '2026-03-29T23:59:59.999Z'],
  ])('in %s, a day whose midnight the clock skips starts at its 01:00', (zone, eve, day, start, end) => {
    expect(read(day, day, zone)).toEqual({ from: start, to: end });
    expect(read(eve, eve, zone).to).toBe(new Date(new Date(start).getTime() - 1).toISOString());
  });

  it('a day whose midnight the clock shows twice starts at the first (Havana, 1 November 2026)', () => {
    // 00:00-00:59 twice: first at UTC-4, then at UTC-5; the day is 25 hours long.
    expect(read('2026-11-01', '2026-11-01', 'America/Havana')).toEqual({
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-11-02T04:59:59.999Z',
    });
    expect(read('2026-10-31', '2026-10-31', 'America/Havana').to).toBe('2026-11-01T03:59:59.999Z');
  });

  it('a date-time without an offset is a time on the zone clock; with one, that instant', () => {
    expect(read('2025-01-10T09:30', '2025-01-10T17:00:05.250', 'Europe/Lisbon')).toEqual({
      from: '2025-01-10T09:30:00.000Z',
      to: '2025-01-10T17:00:05.250Z',
    });
    expect(read('2025-07-10T09:30', undefined, 'Europe/Lisbon')).toEqual({
      from: '2025-07-10T08:30:00.000Z',
      to: null,
    });
    expect(read('2025-07-10T09:30:00+02:00', '2025-07-10T10:00:00Z', 'America/New_York')).toEqual({
      from: '2025-07-10T07:30:00.000Z',
      to: '2025-07-10T10:00:00.000Z',
    });
  });

  it.each([
    ['2025-02-30', undefined, 'date_from'],
    [undefined, '2025-13-01', 'date_to'],
    ['2025-02-01T24:00', undefined, 'date_from'],
    ['yesterday', undefined, 'date_from'],
    ['2025-01-01T10:00-99:99', undefined, 'date_from'],
    [undefined, '2025-01-01T10:00:00+24:00', 'date_to'],
    ['2025-02-02', '2025-02-01', 'date_to'],
  ])('refuses from %s to %s, naming %s', (from, to, field) => {
    let error: unknown;
    try {
      reportRange({ from, to }, 'UTC', fields);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual([expect.objectContaining({ field })]);
    // Worded as every other refused input (the validation pipe's).
    expect((error as AppError).message).toMatch(new RegExp(`^Invalid input: ${field} must `));
  });
});
