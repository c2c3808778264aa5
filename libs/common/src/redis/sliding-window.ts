import type Redis from 'ioredis';
import { RedisScript } from './redis-script';

/**
 * A sliding-window log: the key holds the times of the last window's admissions. The caller's own earlier admission
 * under `member` (one it did not use) is dropped first; then one more is admitted (its time recorded under `member`,
 * and answered) while fewer than ARGV[2] fall in the last ARGV[1] ms (the times t with now - window < t <= now),
 * else minus the wait until the oldest leaves the window is answered. Redis's own clock, so every process agrees.
 */
const ADMIT = new RedisScript(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local window = tonumber(ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 2000)
  return tostring(now)
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tostring(-math.max(1, math.ceil(tonumber(oldest[2]) + window - now)))`,
  1,
);

/**
 * Moves `member`'s admission in the window to now (Redis's clock), or records it there if it has gone: an admission
 * whose action happens later than it was admitted counts from when the action happens. Answers the new time.
 */
const RESTAMP = new RedisScript(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1])) + 2000)
return tostring(now)`,
  1,
);

/** Admitted at `at` (Redis's clock, ms); or not, with the wait in `waitMs`. */
export type WindowAdmission = { admitted: true; at: number } | { admitted: false; waitMs: number };

/**
 * Admits `member` when fewer than `limit` admissions of `key` fall in the last `windowMs`, else answers how many ms
 * until one leaves the window (nothing is recorded). An admission of `member` already in the window is replaced:
 * a member names one action, admitted again when it could not use its admission.
 */
export async function admitInWindow(
  redis: Redis,
  key: string,
  limit: number,
  windowMs: number,
  member: string,
): Promise<WindowAdmission> {
  const answer = Number(await ADMIT.run(redis, key, String(windowMs), String(limit), member));
  return answer < 0 ? { admitted: false, waitMs: -answer } : { admitted: true, at: answer };
}

/**
 * Moves `member`'s admission in `key`'s window to the time Redis runs this (see RESTAMP), checking nothing: for an
 * admission already granted whose action happens later than it was admitted. The command is written to the
 * connection before this returns (a script is never held for the auto-pipeline, RedisScript), so whatever the
 * caller does next in the same synchronous run happens before Redis runs it, or about as it does. Answers the new
 * time (Redis's clock, ms).
 */
export async function restampInWindow(
  redis: Redis,
  key: string,
  windowMs: number,
  member: string,
): Promise<number> {
  return Number(await RESTAMP.run(redis, key, String(windowMs), member));
}
