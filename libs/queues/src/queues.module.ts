import { AppConfig } from '@app/config';
import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { RETRY_BACKOFF, retryBackoffMs } from './job-backoff';
import { JOB_QUEUES } from './job-payloads';
import { JobProducer } from './job-producer';
import { QueueAdminService } from './queue-admin.service';
import { QUEUE_NAMES } from './queue-names';

export const JOB_CATALOG = Symbol('JOB_CATALOG');

/** Every Bull queue, under this deployment's (or test run's) Redis prefix. Both apps import it. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        redis: config.redis.url,
        prefix: config.redisKey('bull'),
        // A worker that dies holds its jobs' locks this long; then another worker runs them again.
        settings: {
          lockDuration: config.worker.jobLockMs,
          stalledInterval: config.worker.jobLockMs,
          backoffStrategies: { [RETRY_BACKOFF]: retryBackoffMs },
        },
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [JobProducer, QueueAdminService, { provide: JOB_CATALOG, useValue: JOB_QUEUES }],
  exports: [BullModule, JobProducer, QueueAdminService, JOB_CATALOG],
})
export class QueuesModule {}
