import type Redis from 'ioredis';

/**
 * What an API request asks Redis, in one script and so one round trip: for a JWT, its user's auth state and the
 * token's revocation mark; and a step of a fixed-window counter (the API's rate limit).
 *
 * The counter step is the one rate-limiter-flexible's RateLimiterRedis runs (same keys, same arithmetic), so
 * processes of the previous release count on the same counters during a rolling deploy.
 *
 * A token names its user, but only a token that is still good counts against that user: a revoked token, or one
 * of a deactivated user, counts against the caller's IP as any other refused credential does, so replaying a
 * dead token can never use up its user's budget. The script makes the same checks as CredentialsService
 * (the token's and its session's revocation marks, active flag, issued before the user's revocation:
 * issuedBeforeRevocation) to pick the counter; when Redis holds no state for the user it counts nothing, and the
 * caller counts once it has loaded the state from Postgres.
 *
 * ARGV[1]: the counter's window in seconds (0: no counter). ARGV[2]: the token's iat. ARGV[3]: its `rv` ('' when
 * it has none). KEYS, counting alone: the counter. Checking a token: its user's state key, the token's revocation
 * key and its session's (the token's again when it has no session), then when counting the good token's counter
 * and the refused token's counter.
 * Answers {consumed, ttl ms, state, revoked (0/1), counted on (0 none, 1 the good token's, 2 the refused one's),
 * the state's ttl ms}.
 */
const REQUEST_CHECK = `
local window = tonumber(ARGV[1])
local function count(key)
  redis.call('SET', key, 0, 'EX', window, 'NX')
  local consumed = redis.call('INCRBY', key, 1)
  local ttl = redis.call('PTTL', key)
  if ttl == -1 then
    redis.call('EXPIRE', key, window)
    ttl = 1000 * window
  end
  return {consumed, ttl}
end
if #KEYS == 1 then
  local c = count(KEYS[1])
  return {c[1], c[2], false, 0, 1}
end
local state = redis.call('GET', KEYS[1])
local stateTtl = false
if state then stateTtl = redis.call('PTTL', KEYS[1]) end
local revoked = 0
if redis.call('EXISTS', KEYS[2], KEYS[3]) > 0 then revoked = 1 end
if window == 0 or not state then return {false, false, state, revoked, 0, stateTtl} end
local _, _, active, revokedAt = string.find(state, '^%d+|[^|]*|([01])|(%d*)$')
local before = false
if revokedAt ~= '' then
  if ARGV[3] ~= '' then
    before = tonumber(ARGV[3]) < tonumber(revokedAt)
  else
    before = tonumber(ARGV[2]) < math.floor(tonumber(revokedAt) / 1000)
  end
end
local good = revoked == 0 and active == '1' and not before
local c = count(good and KEYS[4] or KEYS[5])
return {c[1], c[2], state, revoked, good and 1 or 2, stateTtl}`;

const COMMAND = 'reachlineRequestCheck';

/** A counter step: the counter's key and window. */
export interface CounterStep {
  key: string;
  windowSeconds: number;
}

/** Where a counter stands after its step. */
export interface CounterReading {
  /** Requests counted in the current window, this one included. */
  consumed: number;
  /** Milliseconds until the window resets. */
  msBeforeReset: number;
}

export interface TokenCheck {
  /** The user's encoded auth state, or null when Redis holds none (expired, or never published). */
  state: string | null;
  revoked: boolean;
  /** Milliseconds the state has left in Redis (null when there is none). */
  stateTtlMs: number | null;
  /** The counter step taken, if any: on the good token's counter, or on the refused token's. */
  counted: { on: 'good' | 'refused'; reading: CounterReading } | null;
}

type RedisWithCheck = Redis & {
  [COMMAND](numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown[]>;
};

const defined = new WeakSet<Redis>();

function script(redis: Redis): RedisWithCheck {
  if (!defined.has(redis)) {
    // EVALSHA, the script loaded by ioredis on first use (and again after a Redis restart).
    redis.defineCommand(COMMAND, { lua: REQUEST_CHECK });
    // Written at once, never held for the client's auto-pipeline: at an API's usual concurrency each request's
    // check rode alone in a pipeline of its own (a Pipeline, its promise and a setImmediate per request), and
    // waited for the loop's check phase before it was sent. A new list: ioredis shares its default one.
    redis.options.autoPipeliningIgnoredCommands = [
      ...(redis.options.autoPipeliningIgnoredCommands ?? []),
      COMMAND,
    ];
    defined.add(redis);
  }
  return redis as RedisWithCheck;
}

function reading(consumed: unknown, ttl: unknown): CounterReading {
  return { consumed: Number(consumed), msBeforeReset: Number(ttl) };
}

/** One counter step. Rejects when Redis does not answer. */
export function countRequest(redis: Redis, step: CounterStep): Promise<CounterReading> {
  const answer = script(redis)[COMMAND](1, step.key, step.windowSeconds);
  return answer.then(([consumed, ttl]) => reading(consumed, ttl));
}

/**
 * A token's state and revocation mark, and when `counters` are given a step on the good token's counter or on
 * the refused token's (none when Redis holds no state). Rejects when Redis does not answer.
 */
export function checkToken(
  redis: Redis,
  token: { stateKey: string; revokedKey: string; sessionKey: string | null; iat: number; rv?: number },
  counters: { good: CounterStep; refused: CounterStep } | null,
): Promise<TokenCheck> {
  const keys = [token.stateKey, token.revokedKey, token.sessionKey ?? token.revokedKey];
  const rv = typeof token.rv === 'number' ? token.rv : '';
  const answer = counters
    ? script(redis)[COMMAND](
        5,
        ...keys,
        counters.good.key,
        counters.refused.key,
        counters.good.windowSeconds,
        token.iat,
        rv,
      )
    : script(redis)[COMMAND](3, ...keys, 0, token.iat, rv);
  return answer.then(([consumed, ttl, state, revoked, on, stateTtl]) => ({
    state: typeof state === 'string' ? state : null,
    revoked: Number(revoked) === 1,
    stateTtlMs: typeof stateTtl === 'number' ? stateTtl : null,
    counted:
      Number(on) === 0
        ? null
        : { on: Number(on) === 1 ? 'good' : 'refused', reading: reading(consumed, ttl) },
  }));
}
