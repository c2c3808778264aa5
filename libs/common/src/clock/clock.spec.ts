import { ManualClock, SystemClock } from './clock';

describe('Clock', () => {
  it('the manual clock moves only when told', () => {
    const clock = new ManualClock('2026-01-01T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T08:00:00.000Z');
    clock.advance(90 * 60 * 1000);
    expect(clock.now().toISOString()).toBe('2026-01-01T09:30:00.000Z');
    clock.set('2030-05-05T00:00:00Z');
    expect(clock.nowSeconds()).toBe(Date.parse('2030-05-05T00:00:00Z') / 1000);
  });

  it('the system clock reads the wall clock', () => {
    const before = Date.now();
    const now = new SystemClock().nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
