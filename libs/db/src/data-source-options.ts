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
    extra: { max: config.database.poolSize },
    logging: false,
    // A find whose where holds null or undefined would drop that condition and match other rows (the tenant's first
    // lead for `{ id: null }`): a bug, so it throws instead.
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  };
}
