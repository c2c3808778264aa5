import { DataSource, MigrationInterface } from 'typeorm';
import { createTenant, TestTenant } from './factories';
import { isolatedDatabase, IsolatedDatabase } from './isolated-database';
import { createTestApi, TestApi } from './test-api';

export interface MigrationUnderTest {
  /** The API on the migrated database of this file's own. */
  readonly api: TestApi;
  readonly db: DataSource;
  /** The tenants made before the tests, as many as `tenants` asked for. */
  readonly tenants: TestTenant[];
  /** Runs the migration's up() or down() on a query runner of its own. */
  migrate(step: 'up' | 'down'): Promise<void>;
}

/**
 * A migration's test file: a database of its own (a migration reads every tenant's rows, or changes the schema, so
 * it never runs on other files' rows), fully migrated, with the API on it and `tenants` tenants made, before the
 * file's tests; the API closed and the database dropped after them. Call it in the describe block; its fields are
 * there from the file's own beforeAll hooks on.
 */
export function migrationOnIsolatedApi(
  Migration: new () => MigrationInterface,
  options: { tenants?: number } = {},
): MigrationUnderTest {
  let database: IsolatedDatabase | undefined;
  let ready: { api: TestApi; db: DataSource; tenants: TestTenant[] } | undefined;
  const get = () => {
    if (!ready) throw new Error('migrationOnIsolatedApi: read its fields inside hooks and tests');
    return ready;
  };
  beforeAll(async () => {
    database = await isolatedDatabase();
    const api = await createTestApi({ env: { DATABASE_URL: database.url } });
    ready = { api, db: api.app.get(DataSource), tenants: [] };
    for (let i = 0; i < (options.tenants ?? 0); i++) ready.tenants.push(await createTenant(api.http));
  });
  afterAll(async () => {
    await ready?.api.close();
    await database?.drop();
  });
  return {
    get api() {
      return get().api;
    },
    get db() {
      return get().db;
    },
    get tenants() {
      return get().tenants;
    },
    async migrate(step) {
      const runner = get().db.createQueryRunner();
      try {
        await new Migration()[step](runner);
      } finally {
        await runner.release();
      }
    },
  };
}
