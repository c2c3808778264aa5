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
    // min = max: the pool keeps the connections it has opened. pg-pool's default closes one idle for 10 s, so the
    // first burst after a quiet spell waited for new sessions (connect, then each session's first statement reading
    // the catalog), and a request never takes another client that frees up meanwhile: bench:api's fixed-rate rounds
    // that followed a 16 s pause opened all 10 again and had its worst p99s (the erratic by_id rounds).
    extra: { max: config.database.poolSize, min: config.database.poolSize, options: '-c jit=off' },
    logging: false,
    // A find whose where holds null or undefined would drop that condition and match other rows (the tenant's first
    // lead for `{ id: null }`): a bug, so it throws instead.
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  };
}
