import { Clock, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import {
  MessagingChannel,
  SimulatorLedger,
  SimulatorMessagingAdapter,
  SimulatorRateLimit,
  SimulatorScheduler,
  SimulatorSettings,
  SimulatorTelephonyAdapter,
  TelephonyLedger,
  TelephonySimulatorScheduler,
  TelephonySimulatorSettings,
} from '@app/providers';
import { JobProducer } from '@app/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * What a simulated provider is made of in this process: the config, the Redis ledger, the provider's rate limit
 * (when SIMULATOR_RATE_LIMIT_PER_SECOND is set), the queue, the clock.
 */
@Injectable()
export class SimulatorRuntime {
  private readonly logger = new Logger(SimulatorRuntime.name);
  readonly ledger: SimulatorLedger;
  readonly scheduler: SimulatorScheduler;
  readonly rateLimit?: SimulatorRateLimit;
  readonly telephonyLedger: TelephonyLedger;
  readonly telephonyScheduler: TelephonySimulatorScheduler;

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
    this.telephonyLedger = new TelephonyLedger(redis, config.redisKey('simulator'));
    this.telephonyScheduler = producer;
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

  get telephonySettings(): TelephonySimulatorSettings {
    return { seed: this.config.simulator.seed, ...this.config.telephonySimulator };
  }

  /**
   * The simulated telephony provider of one tenant's voice channel; `signingSecret` is the voice channel config's
   * (every callback is signed with it). Its callbacks go to the URLs of each request (built on PUBLIC_BASE_URL).
   */
  telephony(tenantId: string, signingSecret: string): SimulatorTelephonyAdapter {
    return new SimulatorTelephonyAdapter({
      tenantId,
      signingSecret,
      settings: this.telephonySettings,
      ledger: this.telephonyLedger,
      scheduler: this.telephonyScheduler,
      now: () => this.clock.now(),
      // Our API refused it (4xx): Twilio would not retry it either.
      onDropped: (callback, httpStatus) =>
        this.logger.warn(
          { kind: callback.kind, call_sid: callback.params.CallSid, http_status: httpStatus },
          'Simulated call callback refused; dropped',
        ),
    });
  }
}
