import { AuthModule } from '@app/auth';
import { ClockModule, createRootLogger, loggerParams, RedisModule, ROOT_LOGGER } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { EventsModule } from '@app/events';
import { QueuesModule } from '@app/queues';
import { requestLogBindings } from '@app/tenancy';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DomainModule } from './domain.module';

/** What every process stands on: config, logging, clock, Redis, Postgres, queues, live events, auth, domain. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, app: 'api' | 'worker'): DynamicModule {
    const root = createRootLogger(config, app, requestLogBindings);
    const modules = [
      ConfigModule.forRoot(config),
      LoggerModule.forRoot(loggerParams(root)),
      ClockModule,
      RedisModule,
      DbModule,
      QueuesModule,
      EventsModule,
      AuthModule,
      DomainModule,
    ];
    return {
      module: PlatformModule,
      imports: modules,
      providers: [{ provide: ROOT_LOGGER, useValue: root }],
      exports: [...modules, ROOT_LOGGER],
    };
  }
}
