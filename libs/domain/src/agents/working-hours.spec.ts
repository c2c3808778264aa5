import { minuteOfDay, withinWorkingHours } from './working-hours';

describe('withinWorkingHours', () => {
  const NY = 'America/New_York';
  const weekdays = {
    monday: { start: '09:00', end: '17:00' },
    tuesday: { start: '09:00', end: '17:00' },
  };

  it('is always true without working hours', () => {
    expect(withinWorkingHours(null, NY, new Date('2026-12-06T03:00:00Z'))).toBe(true);
    expect(withinWorkingHours(undefined, null, new Date('2026-12-06T03:00:00Z'))).toBe(true);
  });

  it("reads the hours on the zone's wall clock, start inclusive and end exclusive", () => {
    // Monday 2026-11-30; New York is UTC-5 in winter.
    expect(withinWorkingHours(weekdays, NY, new Date('2026-11-30T13:59:00Z'))).toBe(false);
    expect(withinWorkingHours(weekdays, NY, new Date('2026-11-30T14:00:00Z'))).toBe(true);
    expect(withinWorkingHours(weekdays, NY, new Date('2026-11-30T21:59:00Z'))).toBe(true);
    expect(withinWorkingHours(weekdays, NY, new Date('2026-11-30T22:00:00Z'))).toBe(false);
    // The same instant is 14:00 in UTC: inside when the hours are read in UTC (no zone).
    expect(withinWorkingHours(weekdays, null, new Date('2026-11-30T14:00:00Z'))).toBe(true);
    expect(withinWorkingHours(weekdays, 'Asia/Tokyo', new Date('2026-11-30T14:00:00Z'))).toBe(false);
  });

  it('treats a day that is not listed as a day off', () => {
    // Wednesday 2026-12-02 at 10:00 New York, Saturday 2026-12-05 at 10:00.
    expect(withinWorkingHours(weekdays, NY, new Date('2026-12-02T15:00:00Z'))).toBe(false);
    expect(withinWorkingHours(weekdays, NY, new Date('2026-12-05T15:00:00Z'))).toBe(false);
    expect(withinWorkingHours({}, NY, new Date('2026-11-30T15:00:00Z'))).toBe(false);
  });

  it('runs an overnight range into the next day, even when that day is not listed', () => {
    const nights = { friday: { start: '22:00', end: '06:00' } };
    // Friday 2026-12-04 23:00, Saturday 03:00 and 06:00, Sunday 03:00 (New York).
    expect(withinWorkingHours(nights, NY, new Date('2026-12-05T04:00:00Z'))).toBe(true);
    expect(withinWorkingHours(nights, NY, new Date('2026-12-05T08:00:00Z'))).toBe(true);
    expect(withinWorkingHours(nights, NY, new Date('2026-12-05T11:00:00Z'))).toBe(false);
    expect(withinWorkingHours(nights, NY, new Date('2026-12-06T08:00:00Z'))).toBe(false);
    // Friday 21:59 is before the start; Thursday night is not worked.
    expect(withinWorkingHours(nights, NY, new Date('2026-12-05T02:59:00Z'))).toBe(false);
    expect(withinWorkingHours(nights, NY, new Date('2026-12-04T08:00:00Z'))).toBe(false);
  });

  it('wraps the week: a Sunday night range runs into Monday morning', () => {
    const sunday = { sunday: { start: '22:00', end: '02:00' } };
    expect(withinWorkingHours(sunday, 'UTC', new Date('2026-12-07T01:30:00Z'))).toBe(true);
    expect(withinWorkingHours(sunday, 'UTC', new Date('2026-12-07T02:00:00Z'))).toBe(false);
  });

  it('reads "24:00" as the end of the day and start = end as 24 hours', () => {
    const late = { monday: { start: '18:00', end: '24:00' } };
    expect(withinWorkingHours(late, 'UTC', new Date('2026-11-30T23:59:00Z'))).toBe(true);
    expect(withinWorkingHours(late, 'UTC', new Date('2026-12-01T00:00:00Z'))).toBe(false);
    const allDay = { monday: { start: '00:00', end: '00:00' } };
    expect(withinWorkingHours(allDay, 'UTC', new Date('2026-11-30T00:00:00Z'))).toBe(true);
    expect(withinWorkingHours(allDay, 'UTC', new Date('2026-11-30T23:59:00Z'))).toBe(true);
    expect(withinWorkingHours(allDay, 'UTC', new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });

  it('follows daylight saving time: the wall clock, not a fixed offset', () => {
    const sundays = { sunday: { start: '09:00', end: '17:00' } };
    // 13:30Z is 08:30 EST on 2026-03-01 but 09:30 EDT on 2026-03-08 (clocks went forward at 02:00).
    expect(withinWorkingHours(sundays, NY, new Date('2026-03-01T13:30:00Z'))).toBe(false);
    expect(withinWorkingHours(sundays, NY, new Date('2026-03-08T13:30:00Z'))).toBe(true);
    // 21:30Z is 16:30 EST but 17:30 EDT.
    expect(withinWorkingHours(sundays, NY, new Date('2026-03-01T21:30:00Z'))).toBe(true);
    expect(withinWorkingHours(sundays, NY, new Date('2026-03-08T21:30:00Z'))).toBe(false);
    // Back in November: 13:30Z is 09:30 EDT on 2026-10-25 and 08:30 EST on 2026-11-01.
    expect(withinWorkingHours(sundays, NY, new Date('2026-10-25T13:30:00Z'))).toBe(true);
    expect(withinWorkingHours(sundays, NY, new Date('2026-11-01T13:30:00Z'))).toBe(false);
  });

  it('ends an overnight range on the wall clock across a DST change', () => {
    const saturdayNight = { saturday: { start: '22:00', end: '06:00' } };
    // Sunday 2026-03-08 05:30 EDT (09:30Z) is inside; 06:30 EDT (10:30Z) is not, though it is 05:30 EST.
    expect(withinWorkingHours(saturdayNight, NY, new Date('2026-03-08T09:30:00Z'))).toBe(true);
    expect(withinWorkingHours(saturdayNight, NY, new Date('2026-03-08T10:30:00Z'))).toBe(false);
    // 01:30 and 03:30 local on either side of the skipped hour are both inside.
    expect(withinWorkingHours(saturdayNight, NY, new Date('2026-03-08T06:30:00Z'))).toBe(true);
    expect(withinWorkingHours(saturdayNight, NY, new Date('2026-03-08T07:30:00Z'))).toBe(true);
  });

  it('ignores a malformed day rather than opening it', () => {
    const broken = { monday: { start: 'nine', end: '17:00' } };
    expect(withinWorkingHours(broken, 'UTC', new Date('2026-11-30T10:00:00Z'))).toBe(false);
  });

  it('throws for a zone Intl does not know', () => {
    expect(() => withinWorkingHours(weekdays, 'Mars/Olympus', new Date())).toThrow(RangeError);
  });
});

describe('minuteOfDay', () => {
  it('reads HH:MM, HH:MM:SS and 24:00, and nothing else', () => {
    expect(minuteOfDay('09:30')).toBe(570);
    expect(minuteOfDay('9:05:59')).toBe(545);
    expect(minuteOfDay('24:00')).toBe(1440);
    expect(minuteOfDay('24:01')).toBeNull();
    expect(minuteOfDay('12:60')).toBeNull();
    expect(minuteOfDay('noon')).toBeNull();
    expect(minuteOfDay(900)).toBeNull();
  });
});
