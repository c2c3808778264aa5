import { AppError, ErrorCode, REDIS, RedisScript } from '@app/common';
import { AppConfig } from '@app/config';
import { AuthContext, principalKey } from '@app/tenancy';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** Redis's clock in ms, so that every process prunes by the same time. */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Admits socket ARGV[3] into the set KEYS[1] (socket ids scored by when they were last seen) unless ARGV[2] others,
 * seen in the last ARGV[1] ms, are in it: the lapsed ones (their process died without closing them) go first.
 * Answers 1 admitted, 0 refused.
 */
const ADMIT = new RedisScript(
  `${NOW}
local life = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - life)
if not redis.call('ZSCORE', KEYS[1], ARGV[3]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], life)
return 1`,
  1,
);

/**
 * Socket ARGV[2] of KEYS[1] is still open: seen now, and the set lives ARGV[1] ms more. Only while it is in the set
 * (XX): a renewal that reaches Redis after the socket's close never puts it back.
 */
const SEEN = new RedisScript(
  `${NOW}
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`,
  1,
);

/**
 * The open sockets of each principal (a user, or an API key) across every API process, capped at
 * SOCKET_MAX_PER_USER: each holds a recheck timer and, for an agent, a Postgres query every SOCKET_RECHECK_MS, so
 * one token must not open them without end. A sorted set per principal of socket ids scored by when each was last
 * seen: added at the handshake, seen again at each credential recheck, taken out on disconnect. A socket whose
 * process died without closing it lapses three SOCKET_RECHECK_MS after it was last seen, and frees its place.
 */
@Injectable()
export class UserSockets {
  private readonly logger = new Logger(UserSockets.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(auth: AuthContext): string {
    return this.config.redisKey('principal-sockets', principalKey(auth));
  }

  private get lifeMs(): number {
    return 3 * this.config.socketRecheckMs;
  }

  /** Counts the handshake's socket in, or refuses it RATE_LIMIT_EXCEEDED when its principal has its cap open. */
  async admit(auth: AuthContext, socketId: string): Promise<void> {
    const cap = this.config.socketMaxPerUser;
    let admitted: number;
    try {
      admitted = Number(await ADMIT.run(this.redis, this.key(auth), this.lifeMs, cap, socketId));
    } catch (err) {
      // As the rate limits do: Redis down serves the connection rather than refuses it.
      this.logger.warn({ err, socket_id: socketId }, 'Open sockets not counted; handshake allowed');
      return;
    }
    if (!admitted)
      throw new AppError(
        ErrorCode.RATE_LIMIT_EXCEEDED,
        `Too many open connections: ${cap} at most per user or API key; close one first`,
      );
  }

  /** The socket is still open (its credential recheck held). */
  async seen(auth: AuthContext, socketId: string): Promise<void> {
    try {
      await SEEN.run(this.redis, this.key(auth), this.lifeMs, socketId);
    } catch (err) {
      this.logger.warn(
        { err, socket_id: socketId },
        'Open socket not renewed; tried again at the next recheck',
      );
    }
  }

  /** The socket closed: its place is free. */
  async closed(auth: AuthContext, socketId: string): Promise<void> {
    try {
      await this.redis.zrem(this.key(auth), socketId);
    } catch (err) {
      this.logger.warn({ err, socket_id: socketId }, 'Closed socket not uncounted; it lapses instead');
    }
  }
}
