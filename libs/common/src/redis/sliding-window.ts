import type Redis from 'ioredis';
import { performance } from 'node:perf_hooks';

/**
 * A sliding-window log of actions that take time (a provider call): the key holds one entry per admission, scored
 * by when it stops counting. An action counts from its admission until a full window after it completed: while it
 * runs its entry is scored ARGV[4] ms ahead (it is in flight), and its completion (`completeInWindow`) scores it
 * with the time it ended. One more is admitted (and Redis's time answered) while fewer than ARGV[2] entries are
 * left once those scored at or before now - ARGV[1] are dropped; else minus the wait until the oldest leaves is
 * answered, at most ARGV[5] ms while that oldest is still in flight (it will end sooner than its score says).
 * Redis's own clock, so every process agrees.
 *
 * So no window of ARGV[1] ms holds more than ARGV[2] actions, however late each one reached the other side: an
 * action admitted at a reaches it at some p >= a, and one that completed at c reached it at p <= c; an entry left
 * the log only at c + window <= a' of a later admission a', so two actions whose entries never met are a full
 * window apart where they arrived, and any ARGV[2] + 1 actions within a window would all have met in the log.
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local window = tonumber(ARGV[1])
local flight = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + flight, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(flight + window) + 2000)
  return tostring(now)
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
local wait = oldest + window - now
if oldest > now then wait = math.min(wait, tonumber(ARGV[5])) end
return tostring(-math.max(1, math.ceil(wait)))`;

/**
 * An admission: `at` is Redis's time when it was made; `complete()` records that the action ended (call it once,
 * right after, whatever the outcome), so the action counts for a full window from then, no longer.
 */
export type WindowAdmission =
  { admitted: true; at: number; complete: () => Promise<void> } | { admitted: false; waitMs: number };

/** How an action's entry in a window is kept: its window and limit, and how long it may be in flight. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
  /** The longest an action may run (its call's timeout and more): an entry never completed counts this long. */
  inFlightMs: number;
  /** The longest a refused admission is told to wait while the oldest entry is still in flight. */
  pollMs: number;
}

/**
 * Admits `member` when fewer than `limit` actions of `key` count in the window (see ADMIT), else answers how many ms
 * until one leaves it (nothing is recorded).
 */
export async function admitInWindow(
  redis: Redis,
  key: string,
  window: WindowLimit,
  member: string,
): Promise<WindowAdmission> {
  const requested = performance.now();
  const answer = Number(
    await redis.eval(
      ADMIT,
      1,
      key,
      String(window.windowMs),
      String(window.limit),
      member,
      String(window.inFlightMs),
      String(window.pollMs),
    ),
  );
  if (answer < 0) return { admitted: false, waitMs: -answer };
  return {
    admitted: true,
    at: answer,
    // Redis's time when the action ended, or later: Redis admitted it after `requested`, so at most the time
    // since then has passed on its clock.
    complete: () => completeInWindow(redis, key, member, answer + (performance.now() - requested)),
  };
}

/** Scores an admitted action by when it ended (Redis's clock, ms): it counts a full window from then. */
export async function completeInWindow(
  redis: Redis,
  key: string,
  member: string,
  endedAt: number,
): Promise<void> {
  await redis.zadd(key, 'XX', String(endedAt), member);
}
