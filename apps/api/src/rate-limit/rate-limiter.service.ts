import { REDIS } from '@app/common';
import { AppConfig, RateLimitClass } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds since epoch at which the window resets. */
  resetAt: number;
  retryAfterSeconds: number;
}

/** Fixed-window counters in Redis, shared by every API process; one limiter per class of DESIGN §3. */
@Injectable()
export class RateLimiterService {
  private readonly logger = new Logger(RateLimiterService.name);
  private readonly limiters: Record<RateLimitClass, RateLimiterRedis>;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
  ) {
    const make = (cls: RateLimitClass) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: config.redisKey('ratelimit', cls),
        points: config.rateLimits[cls].points,
        duration: config.rateLimits[cls].windowSeconds,
      });
    this.limiters = { auth: make('auth'), messages: make('messages'), api: make('api') };
  }

  async consume(cls: RateLimitClass, key: string): Promise<RateLimitVerdict> {
    const limit = this.config.rateLimits[cls].points;
    const verdict = (res: RateLimiterRes, allowed: boolean): RateLimitVerdict => ({
      allowed,
      limit,
      remaining: Math.max(0, res.remainingPoints),
      resetAt: Math.ceil((Date.now() + res.msBeforeNext) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    });
    try {
      return verdict(await this.limiters[cls].consume(key), true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return verdict(rejection, false);
      // Redis is unreachable: serve the request rather than fail it, and say so once per failure.
      this.logger.warn({ err: rejection, class: cls }, 'Rate limiter unavailable; request allowed');
      const window = this.config.rateLimits[cls].windowSeconds;
      return {
        allowed: true,
        limit,
        remaining: limit,
        resetAt: Math.ceil(Date.now() / 1000) + window,
        retryAfterSeconds: window,
      };
    }
  }
}
