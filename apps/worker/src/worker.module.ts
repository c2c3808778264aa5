import { AuthModule } from '@app/auth';
import { ClockModule, loggerParams, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { DomainModule } from '@app/domain';
import { EventsModule } from '@app/events';
import { JobRunner, QueuesModule } from '@app/queues';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { HealthServer } from './health.server';

/** The worker: the same domain code, no HTTP but its health endpoint; WORKER_QUEUES picks what it consumes. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, 'worker')),
        DiscoveryModule,
        ClockModule,
        RedisModule,
        DbModule,
        QueuesModule,
        EventsModule,
        AuthModule,
        DomainModule,
      ],
      providers: [JobRunner, HealthServer],
    };
  }
}
