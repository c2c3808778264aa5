import { isNetworkFailure, kindForStatus, parseRetryAfter, ProviderError } from './provider-error';

const NOW = new Date('2026-01-05T10:00:00Z');

describe('ProviderError', () => {
  it('classifies HTTP statuses and derives retryable from the kind', () => {
    expect([401, 403, 429, 408, 500, 503, 400, 404].map(kindForStatus)).toEqual([
      'auth',
      'auth',
      'rate_limited',
      'unavailable',
      'unavailable',
      'unavailable',
      'rejected',
      'rejected',
    ]);
    expect(ProviderError.fromHttp('x', 429).retryable).toBe(true);
    expect(ProviderError.fromHttp('x', 502).retryable).toBe(true);
    expect(ProviderError.fromHttp('x', 400).retryable).toBe(false);
    expect(ProviderError.fromHttp('x', 400).mayHaveBeenSent).toBe(false);
    expect(ProviderError.fromHttp('x', 503).mayHaveBeenSent).toBe(true);
    expect(ProviderError.fromHttp('x', 401).retryable).toBe(false);
    expect(ProviderError.fromHttp('x', 400, { kind: 'rate_limited' })).toMatchObject({
      retryable: true,
      httpStatus: 400,
    });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(['3'], NOW)).toBe(3000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 10:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });

  it('tells network failures from other errors, and refused connections from ones that may have sent', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(isNetworkFailure(new TypeError('fetch failed', { cause: refused }))).toBe(true);
    expect(isNetworkFailure(new Error('boom'))).toBe(false);
    expect(ProviderError.network('x', refused)).toMatchObject({
      kind: 'network',
      retryable: true,
      mayHaveBeenSent: false,
    });
    expect(ProviderError.network('x', reset).mayHaveBeenSent).toBe(true);
    expect(ProviderError.invalidResponse('x', 'no id')).toMatchObject({
      retryable: false,
      mayHaveBeenSent: true,
    });
  });
});
