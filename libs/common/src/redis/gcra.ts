import type Redis from 'ioredis';
import { RedisScript } from './redis-script';

/**
 * GCRA without burst, by reservation: the key's next slot is max(now, its theoretical arrival time); when that
 * is at most ARGV[2] ms away it is taken (the time moves one interval on) and the wait to it answered, else nothing
 * is taken and minus the time to come back is answered. Redis's own clock, so every process agrees.
 */
const TAKE = new RedisScript(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local wait = slot - now
if wait > tonumber(ARGV[2]) then return -math.ceil(wait - tonumber(ARGV[2])) end
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(wait + interval) + 1000)
return math.ceil(wait)`,
  1,
);

/** A turn at an evenly spaced rate: go after `hold_ms` (the slot is taken), or come back in `retry_in_ms`. */
export type PacedSlot = { hold_ms: number } | { retry_in_ms: number };

/**
 * Takes the next slot of `key`, spaced `intervalMs` apart, when it is within `maxHoldMs`. Even spacing keeps any
 * one-second window at or under the rate, whichever seconds the provider counts in.
 */
export async function takePacedSlot(
  redis: Redis,
  key: string,
  intervalMs: number,
  maxHoldMs: number,
): Promise<PacedSlot> {
  const answer = Number(await TAKE.run(redis, key, String(intervalMs), String(maxHoldMs)));
  return answer < 0 ? { retry_in_ms: -answer } : { hold_ms: answer };
}
