import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type { MessagingChannel } from '@app/providers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

const CHANNELS: readonly MessagingChannel[] = ['sms', 'whatsapp', 'telegram', 'email'];

/**
 * Per-sender send rates (issue 4 item 7): one fixed one-second window per tenant, channel and sender, counted in
 * Redis so that every worker process shares it. A send over the budget is not made now: the caller puts the job
 * back with the wait this answers, and the message stays `queued`.
 */
@Injectable()
export class SenderThrottleService {
  private readonly logger = new Logger(SenderThrottleService.name);
  private readonly limiters: Record<MessagingChannel, RateLimiterRedis>;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    const make = (channel: MessagingChannel) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: config.redisKey('send-rate', channel),
        points: config.sendRates[channel],
        duration: 1,
      });
    this.limiters = Object.fromEntries(CHANNELS.map((c) => [c, make(c)])) as Record<
      MessagingChannel,
      RateLimiterRedis
    >;
  }

  /** Takes one send of the sender's budget: 0 when it may go now, else the milliseconds until the next window. */
  async take(tenantId: string, channel: MessagingChannel, sender: string): Promise<number> {
    try {
      await this.limiters[channel].consume(`${tenantId}:${sender}`);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      // Redis is unreachable: the send goes; a provider 429 still backs it off.
      this.logger.warn({ err: rejection, tenant_id: tenantId, channel }, 'Send rate limiter unavailable');
      return 0;
    }
  }
}
