import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * Which socket.io rooms have a listener, across every API process, kept in Redis so that a live event nobody can
 * receive is never published (LiveEvents). One sorted set per room (`<prefix>:live-rooms:<room>`) of the API
 * processes (their adapter's uid) that hold a socket in it, each scored by the Redis time (ms) until which it
 * counts. A process adds itself when the room gets its first local socket and before that join is acknowledged,
 * takes itself out when its last local socket leaves, and renews every room it holds every third of the TTL
 * (LIVE_ROOM_TTL_MS): a process that died without leaving stops counting one TTL after its last renewal, and a
 * write that was lost is made again at the next renewal, or as soon as its Redis connection is back.
 *
 * Only named rooms (with a `:`, as every room of Rooms is) are kept: the room socket.io gives each socket of its
 * own id is never addressed by a live event.
 */
export const presenceKey = (prefix: (...parts: string[]) => string, room: string) =>
  prefix('live-rooms', room);

/** Whether a live event is ever addressed to the room: the rooms of Rooms, never a socket's own id. */
export const isNamedRoom = (room: string) => room.includes(':');

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Process ARGV[2] listens in each room KEYS[i] until ARGV[1] ms from now; the members whose time passed go (a
 * dead process's). The key lives as long as its last member counts.
 */
export const PRESENCE_HOLD = `${NOW}
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  redis.call('ZADD', key, now + ttl, ARGV[2])
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
return #KEYS`;

/**
 * When room KEYS[1] is listened to, room KEYS[2] is too, as ARGV[2], for ARGV[1] ms (a reassignment's room, until
 * the API processes of the assignee's sockets hold it themselves).
 */
export const PRESENCE_FOLLOW = `${NOW}
if #redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf', 'LIMIT', 0, 1) == 0 then return 0 end
local ttl = tonumber(ARGV[1])
redis.call('ZADD', KEYS[2], now + ttl, ARGV[2])
if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1`;

/** For each room KEYS[i]: 1 when some process still counts in it, else 0. Read only. */
export const PRESENCE_ANY = `${NOW}
local out = {}
for i, key in ipairs(KEYS) do
  out[i] = #redis.call('ZRANGEBYSCORE', key, now, '+inf', 'LIMIT', 0, 1)
end
return out`;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const SHAS = new Map<string, string>([PRESENCE_HOLD, PRESENCE_ANY, PRESENCE_FOLLOW].map((s) => [s, sha1(s)]));

/** EVALSHA, and EVAL once when Redis does not have the script yet (a restart, SCRIPT FLUSH). */
export async function runScript(
  redis: Redis,
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const sha = SHAS.get(script) ?? sha1(script);
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
