import { AppConfig } from '@app/config';
import { consumedQueues, JOB_CATALOG, JobCatalog, JobProducer, QueueName } from '@app/queues';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * The platform's repeating jobs, added by every worker that consumes their queue when it starts. Bull keeps one
 * repeatable job per repeat key (name and interval), so however many workers start, each runs once per interval.
 */
@Injectable()
export class RepeatingJobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RepeatingJobsService.name);

  constructor(
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    @Inject(JOB_CATALOG) private readonly catalog: JobCatalog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queues = consumedQueues(this.config, this.catalog);
    if (queues.includes(QueueName.OutboundMessages)) {
      await this.producer.repeat('messages.sweep', this.config.messageSweep.everyMs);
      this.logger.log({ every_ms: this.config.messageSweep.everyMs }, 'Sweep of queued messages scheduled');
    }
    if (queues.includes(QueueName.InboundEvents) && this.config.statusSweep.everyMs > 0) {
      await this.producer.repeat('inbound.sweep', this.config.statusSweep.everyMs);
      this.logger.log(
        { every_ms: this.config.statusSweep.everyMs },
        'Sweep of pending status callbacks scheduled',
      );
    }
    if (queues.includes(QueueName.Imports) && this.config.imports.sweepEveryMs > 0) {
      await this.producer.repeat('imports.sweep', this.config.imports.sweepEveryMs);
      this.logger.log(
        { every_ms: this.config.imports.sweepEveryMs },
        'Sweep of unfinished imports scheduled',
      );
    }
    if (queues.includes(QueueName.CampaignSteps) && this.config.campaigns.tickMs > 0) {
      await this.producer.repeat('campaigns.tick', this.config.campaigns.tickMs);
      this.logger.log({ every_ms: this.config.campaigns.tickMs }, 'Campaign scheduler tick scheduled');
    }
    if (queues.includes(QueueName.Dialer) && this.config.campaigns.tickMs > 0) {
      await this.producer.repeat('dialer.tick', this.config.campaigns.tickMs);
      this.logger.log({ every_ms: this.config.campaigns.tickMs }, 'Dialer tick scheduled');
    }
  }
}
