import { AppConfig } from '@app/config';
import { PlatformModule } from '@app/domain';
import { JobRunner } from '@app/queues';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthServer } from './health.server';
import { RepeatingJobsService } from './repeating-jobs.service';

/** The worker: the same domain code, no HTTP but its health endpoint; WORKER_QUEUES picks what it consumes. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, 'worker'), DiscoveryModule],
      providers: [JobRunner, HealthServer, RepeatingJobsService],
    };
  }
}
