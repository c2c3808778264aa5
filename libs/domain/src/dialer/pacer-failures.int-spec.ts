import { useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { retryAfterFailures } from './dialer-pacer.service';
import { DialerLeases } from './dialer-leases';

/**
 * A pacing round that keeps failing is tried again ever less often: the failures in a row are counted in Redis
 * (any worker may run the next round), and a round that goes through ends the run.
 */
describe('pacing rounds that fail (integration)', () => {
  const api = useTestApi();
  let leases: DialerLeases;

  beforeAll(async () => {
    leases = api.app.get(DialerLeases);
  });

  it('waits 2 s after one failure, twice as long after each more, never over 5 minutes', () => {
    expect([1, 2, 3, 4, 8, 9, 50].map(retryAfterFailures)).toEqual([
      2000, 4000, 8000, 16_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('counts the failures in a row per campaign, in Redis, until a round succeeds', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect([await leases.roundFailed(a), await leases.roundFailed(a), await leases.roundFailed(b)]).toEqual([
      1, 2, 1,
    ]);
    expect(await leases.roundFailed(a)).toBe(3);
    await leases.roundSucceeded(a);
    expect(await leases.roundFailed(a)).toBe(1);
    expect(await leases.roundFailed(b)).toBe(2);
  });
});
