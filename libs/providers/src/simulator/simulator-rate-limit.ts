import { RedisScript } from '@app/common';
import type Redis from 'ioredis';
import type { MessagingChannel } from '../messaging.port';
import { ProviderError } from '../provider-error';

/** Under the simulator's prefix: how many sends it refused with a 429, across every process (the bench reads it). */
export const SIMULATOR_RATE_LIMITED_KEY = 'rate-limited';

/** A window's counter outlives its second, so a late send of the window still finds it. */
const WINDOW_TTL_MS = 2000;

/** Counts a send in its window; over the limit it counts the refusal too. 1: the send may go, 0: refused. */
const TAKE = new RedisScript(
  `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then
  redis.call('INCR', KEYS[2])
  return 0
end
return 1`,
  2,
);

/**
 * A provider's rate limit as the simulator applies it (SIMULATOR_RATE_LIMIT_PER_SECOND): at most `perSecond`
 * accepted sends per tenant, channel and sender in each one-second window of the platform clock (the second of
 * `now`, not a sliding window), counted in Redis so that every process shares it. A send over it is refused as
 * Twilio refuses it: HTTP 429, error 20429, a Retry-After up to the next window.
 */
export class SimulatorRateLimit {
  constructor(
    private readonly redis: Redis,
    /** A namespaced key prefix (AppConfig.redisKey('simulator')). */
    private readonly prefix: string,
    readonly perSecond: number,
  ) {}

  /** Takes one send of the sender's window at `now`: 0 when it may go, else the ms until the next window. */
  async take(tenantId: string, channel: MessagingChannel, sender: string, now: Date): Promise<number> {
    const ms = now.getTime();
    const second = Math.floor(ms / 1000);
    const window = `${this.prefix}:rate:${tenantId}:${channel}:${sender}:${second}`;
    const allowed = await TAKE.run(
      this.redis,
      window,
      `${this.prefix}:${SIMULATOR_RATE_LIMITED_KEY}`,
      this.perSecond,
      WINDOW_TTL_MS,
    );
    return Number(allowed) === 1 ? 0 : Math.max(1, (second + 1) * 1000 - ms);
  }

  /** How many sends the simulator has refused with a 429 so far (every tenant). */
  async refused(): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}:${SIMULATOR_RATE_LIMITED_KEY}`)) ?? 0);
  }
}

/** The simulator's answer to a send over the limit: Twilio's 429 (code 20429), retryable after `retryAfterMs`. */
export function simulatorRateLimited(perSecond: number, sender: string, retryAfterMs: number): ProviderError {
  return ProviderError.fromHttp('simulator', 429, {
    message: `Simulator 20429: Too Many Requests (over ${perSecond} sends per second from ${sender})`,
    providerCode: '20429',
    retryAfterMs,
  });
}
