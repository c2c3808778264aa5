import type { AppConfig } from '@app/config';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one TypeORM configuration. The schema comes only from migrations: never synchronize. */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // JIT off for our sessions: a statement over thousands of rows whose plan the planner costs high (a bulk
    // refresh of contact flags, an enrollment, a report) spent more compiling than running, 1-2 s per statement
    // here (PG's jit_above_cost is reached by estimates, not by work); what we run is OLTP and short reports.
    extra: { max: config.database.poolSize, options: '-c jit=off' },
    logging: false,
    // A find whose where holds null or undefined would drop that condition and match other rows (the tenant's first
    // lead for `{ id: null }`): a bug, so it throws instead.
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  };
}
