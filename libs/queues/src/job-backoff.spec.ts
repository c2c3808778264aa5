import { MAX_RETRY_AFTER_MS, retryBackoffMs } from './job-backoff';

describe('retryBackoffMs', () => {
  const options = { delay: 2000 };

  it('doubles the wait on each attempt when the error asks for none', () => {
    expect([1, 2, 3, 4].map((n) => retryBackoffMs(n, new Error('x'), options))).toEqual([
      2000, 6000, 14000, 30000,
    ]);
    expect(retryBackoffMs(1, undefined, null)).toBe(2000);
  });

  it("waits the provider's Retry-After when it is longer, up to an hour; never less than the backoff", () => {
    expect(retryBackoffMs(1, { retryAfterMs: 60_000 }, options)).toBe(60_000);
    expect(retryBackoffMs(3, { retryAfterMs: 500 }, options)).toBe(14_000);
    expect(retryBackoffMs(1, { retryAfterMs: 86_400_000 }, options)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryBackoffMs(1, { retryAfterMs: Number.NaN }, options)).toBe(2000);
    expect(retryBackoffMs(1, { retryAfterMs: '60000' }, options)).toBe(2000);
  });
});
