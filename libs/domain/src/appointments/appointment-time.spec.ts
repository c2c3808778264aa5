import { canMove, isClosed, startOf } from './appointment-time';

describe('appointment time and status rules', () => {
  it('reads a date and time on the wall clock of the zone, across DST', () => {
    expect(startOf('2026-12-24', '14:00', 'America/New_York')?.toISOString()).toBe(
      '2026-12-24T19:00:00.000Z',
    );
    expect(startOf('2026-07-01', '14:00', 'America/New_York')?.toISOString()).toBe(
      '2026-07-01T18:00:00.000Z',
    );
    expect(startOf('2026-12-24', '08:00', 'Asia/Tokyo')?.toISOString()).toBe('2026-12-23T23:00:00.000Z');
    // 01:30 on the night New York's clocks fall back is shown twice: its first showing.
    expect(startOf('2026-11-01', '01:30', 'America/New_York')?.toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('has no instant for a time the clocks skip', () => {
    expect(startOf('2026-03-08', '02:30', 'America/New_York')).toBeNull();
    expect(startOf('2026-03-29', '01:00', 'Europe/Lisbon')).toBeNull();
    expect(startOf('2026-03-08', '03:00', 'America/New_York')?.toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  it('keeps cancelled and completed final; pending and confirmed move anywhere', () => {
    expect(canMove('pending', 'confirmed')).toBe(true);
    expect(canMove('confirmed', 'pending')).toBe(true);
    expect(canMove('confirmed', 'completed')).toBe(true);
    expect(canMove('cancelled', 'confirmed')).toBe(false);
    expect(canMove('cancelled', 'pending')).toBe(false);
    expect(canMove('completed', 'cancelled')).toBe(false);
    expect(canMove('cancelled', 'cancelled')).toBe(true);
    expect([
      isClosed('pending'),
      isClosed('confirmed'),
      isClosed('cancelled'),
      isClosed('completed'),
    ]).toEqual([false, false, true, true]);
  });
});
