import { AuthModule } from '@app/auth';
import { ClockModule, loggerParams, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { EventsModule } from '@app/events';
import { QueuesModule } from '@app/queues';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DomainModule } from './domain.module';

/** What every process stands on: config, logging, clock, Redis, Postgres, queues, live events, auth, domain. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, app: 'api' | 'worker'): DynamicModule {
    const modules = [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggerParams(config, app)),
      ClockModule,
      RedisModule,
      DbModule,
      QueuesModule,
      EventsModule,
      AuthModule,
      DomainModule,
    ];
    return { module: PlatformModule, imports: modules, exports: modules };
  }
}
