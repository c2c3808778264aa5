import { CounterReading, CounterStep, countRequest, RequestCounter, routeMeta } from '@app/auth';
import { REDIS } from '@app/common';
import { AppConfig, RateLimitClass } from '@app/config';
import { ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { ipCaller } from './ip-caller';

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds since epoch at which the window resets. */
  resetAt: number;
  retryAfterSeconds: number;
}

/** A counter step of one class: which class, so the verdict knows its limit. */
export interface ClassCounterStep extends CounterStep {
  cls: RateLimitClass;
}

/**
 * Fixed-window counters in Redis, shared by every API process; one counter per class of DESIGN §3 and caller
 * (credential routes per IP, the rest per user or API key, or per IP when anonymous). As a RequestCounter it
 * lets AuthenticationGuard count a request in the round trip that checks its token.
 */
@Injectable()
export class RateLimiterService extends RequestCounter {
  private readonly logger = new Logger(RateLimiterService.name);
  private readonly prefixes: Record<RateLimitClass, string>;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    super();
    const prefix = (cls: RateLimitClass) => `${config.redisKey('ratelimit', cls)}:`;
    this.prefixes = { auth: prefix('auth'), messages: prefix('messages'), api: prefix('api') };
  }

  /** The class a route counts against (webhooks and health probes: none). */
  private classOf(context: ExecutionContext): RateLimitClass | null {
    const meta = routeMeta(this.reflector, context);
    return meta.webhook || meta.probe ? null : (meta.rateLimitClass ?? 'api');
  }

  counterFor(context: ExecutionContext, principal: string | null): ClassCounterStep | null {
    const cls = this.classOf(context);
    if (!cls) return null;
    const caller =
      cls === 'auth' || !principal
        ? ipCaller(context.switchToHttp().getRequest<FastifyRequest>().ip)
        : principal;
    return this.step(cls, caller);
  }

  /** The counter of `cls` for a caller (`ip:…` as ipCaller names it, `user:…`, `key:…`). */
  step(cls: RateLimitClass, caller: string): ClassCounterStep {
    return {
      cls,
      key: this.prefixes[cls] + caller,
      windowSeconds: this.config.rateLimits[cls].windowSeconds,
    };
  }

  /** Counts one request on the counter (for a request AuthenticationGuard did not count). */
  async consume(step: ClassCounterStep): Promise<RateLimitVerdict> {
    try {
      return this.verdict(step.cls, await countRequest(this.redis, step));
    } catch (err) {
      return this.unavailable(step.cls, err);
    }
  }

  /** What a counter reading means for its class's limit. */
  verdict(cls: RateLimitClass, reading: CounterReading): RateLimitVerdict {
    const limit = this.config.rateLimits[cls].points;
    return {
      allowed: reading.consumed <= limit,
      limit,
      remaining: Math.max(0, limit - reading.consumed),
      resetAt: Math.ceil((Date.now() + reading.msBeforeReset) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil(reading.msBeforeReset / 1000)),
    };
  }

  /** Redis is unreachable: serve the request rather than fail it, and say so once per failure. */
  unavailable(cls: RateLimitClass, err: unknown): RateLimitVerdict {
    this.logger.warn({ err, class: cls }, 'Rate limiter unavailable; request allowed');
    const { points: limit, windowSeconds: window } = this.config.rateLimits[cls];
    return {
      allowed: true,
      limit,
      remaining: limit,
      resetAt: Math.ceil(Date.now() / 1000) + window,
      retryAfterSeconds: window,
    };
  }
}
