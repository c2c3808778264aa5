import { localTime, windowState } from './send-window';

describe('sending window in the lead local time', () => {
  const ny = ['America/New_York'];

  it('is open inside the campaign hours and closed outside them', () => {
    const w = { start: '09:00:00', end: '17:00:00' };
    // 2026-12-01 is a Tuesday; New York is UTC-5 in December.
    expect(windowState(w, ny, new Date('2026-12-01T15:00:00Z'))).toEqual({ open: true });
    expect(windowState(w, ny, new Date('2026-12-01T13:59:00Z'))).toEqual({
      open: false,
      next_open_at: new Date('2026-12-01T14:00:00Z'),
    });
    // After the close: the next morning.
    expect(windowState(w, ny, new Date('2026-12-01T22:00:00Z'))).toEqual({
      open: false,
      next_open_at: new Date('2026-12-02T14:00:00Z'),
    });
  });

  it('never passes 08:00-21:00 local, whatever the campaign says', () => {
    const w = { start: '06:00', end: '23:30' };
    expect(windowState(w, ny, new Date('2026-12-01T12:30:00Z'))).toEqual({
      open: false,
      next_open_at: new Date('2026-12-01T13:00:00Z'),
    });
    expect(windowState(w, ny, new Date('2026-12-02T02:00:00Z')).open).toBe(false);
    expect(windowState({}, ny, new Date('2026-12-02T01:59:00Z'))).toEqual({ open: true });
  });

  it('skips the days the campaign does not send on', () => {
    // Saturday 2026-12-05 10:00 in New York; weekdays only -> Monday 09:00.
    const w = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
    expect(windowState(w, ny, new Date('2026-12-05T15:00:00Z'))).toEqual({
      open: false,
      next_open_at: new Date('2026-12-07T14:00:00Z'),
    });
  });

  it('opens only when open in every candidate zone', () => {
    const zones = ['America/New_York', 'America/Los_Angeles'];
    const w = { start: '09:00', end: '17:00' };
    // 10:00 in New York is 07:00 in Los Angeles: wait for 09:00 in Los Angeles (17:00Z).
    expect(windowState(w, zones, new Date('2026-12-01T15:00:00Z'))).toEqual({
      open: false,
      next_open_at: new Date('2026-12-01T17:00:00Z'),
    });
    expect(windowState(w, zones, new Date('2026-12-01T18:00:00Z'))).toEqual({ open: true });
    // Zones twelve hours apart never share a 09:00-17:00 window.
    expect(windowState(w, ['Asia/Tokyo', 'America/New_York'], new Date('2026-12-01T15:00:00Z'))).toEqual({
      open: false,
      next_open_at: null,
    });
  });

  it('follows daylight saving time', () => {
    // 2026-03-08: New York moves to UTC-4; 09:00 local is 13:00Z that day.
    expect(windowState({ start: '09:00' }, ny, new Date('2026-03-08T12:00:00Z'))).toEqual({
      open: false,
      next_open_at: new Date('2026-03-08T13:00:00Z'),
    });
  });
});

describe('localTime', () => {
  it('answers each instant of its own minute, zone by zone, however often it is asked', () => {
    const before = new Date('2026-03-08T06:59:59.999Z');
    const after = new Date('2026-03-08T07:00:00.000Z');
    expect(localTime(before, 'America/New_York')).toMatchObject({ day: 8, minute: 1 * 60 + 59 });
    expect(localTime(before, 'Asia/Kolkata')).toMatchObject({ day: 8, minute: 12 * 60 + 29 });
    // New York's clock skips 02:00-03:00 that morning: the next minute reads 03:00.
    expect(localTime(after, 'America/New_York')).toMatchObject({ day: 8, minute: 3 * 60, weekday: 7 });
    expect(localTime(before, 'America/New_York')).toMatchObject({ minute: 1 * 60 + 59 });
    const asked = localTime(after, 'Asia/Kolkata');
    asked.minute = 0;
    expect(localTime(after, 'Asia/Kolkata')).toMatchObject({ minute: 12 * 60 + 30 });
  });

  it('reads an offset with seconds (Monrovia, -0:44:30 until 1972) to the second', () => {
    expect(localTime(new Date('1970-01-01T10:44:29Z'), 'Africa/Monrovia').minute).toBe(9 * 60 + 59);
    expect(localTime(new Date('1970-01-01T10:44:31Z'), 'Africa/Monrovia').minute).toBe(10 * 60);
  });
});
