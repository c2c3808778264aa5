import type Redis from 'ioredis';

/**
 * A sliding-window log: the key holds the times of the last window's admissions; one more is admitted (its time
 * recorded under `member`) while fewer than ARGV[2] fall in the last ARGV[1] ms, else the wait until the oldest
 * leaves the window is answered. Redis's own clock, so every process agrees.
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(oldest[2]) + window - now))`;

/**
 * Admits `member` when fewer than `limit` admissions of `key` fall in the last `windowMs` (answers 0), else answers
 * how many ms until one leaves the window (nothing is recorded).
 */
export async function admitInWindow(
  redis: Redis,
  key: string,
  limit: number,
  windowMs: number,
  member: string,
): Promise<number> {
  return Number(await redis.eval(ADMIT, 1, key, String(windowMs), String(limit), member));
}
