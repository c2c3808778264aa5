import { Clock, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import {
  MessagingChannel,
  SimulatorLedger,
  SimulatorMessagingAdapter,
  SimulatorRateLimit,
  SimulatorScheduler,
  SimulatorSettings,
} from '@app/providers';
import { JobProducer } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * What a simulated provider is made of in this process: the config, the Redis ledger, the provider's rate limit
 * (when SIMULATOR_RATE_LIMIT_PER_SECOND is set), the queue, the clock.
 */
@Injectable()
export class SimulatorRuntime {
  readonly ledger: SimulatorLedger;
  readonly scheduler: SimulatorScheduler;
  readonly rateLimit?: SimulatorRateLimit;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    producer: JobProducer,
  ) {
    this.ledger = new SimulatorLedger(redis, config.redisKey('simulator'));
    const perSecond = config.simulator.rateLimitPerSecond;
    if (perSecond > 0)
      this.rateLimit = new SimulatorRateLimit(redis, config.redisKey('simulator'), perSecond);
    this.scheduler = producer;
  }

  get settings(): SimulatorSettings {
    return this.config.simulator;
  }

  /** The simulated provider of one tenant's channel; `from` is its sender (the config's settings.from). */
  adapter(tenantId: string, channel: MessagingChannel, from?: string): SimulatorMessagingAdapter {
    return new SimulatorMessagingAdapter({
      tenantId,
      channel,
      settings: this.settings,
      ledger: this.ledger,
      scheduler: this.scheduler,
      ...(from ? { from } : {}),
      ...(this.rateLimit ? { rateLimit: this.rateLimit } : {}),
      now: () => this.clock.now(),
    });
  }
}
