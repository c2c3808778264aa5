import { DataSource, MigrationInterface } from 'typeorm';
import { apiOnIsolatedDatabase } from './api-on-isolated-database';
import { createTenant, TestTenant } from './factories';
import { TestApi } from './test-api';

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
 * A migration's test file: the API on a database of its own (a migration reads every tenant's rows, or changes the
 * schema, so it never runs on other files' rows), fully migrated, with `tenants` tenants made before the file's
 * tests. Call it in the describe block; its fields are there from the file's own beforeAll hooks on.
 */
export function migrationOnIsolatedApi(
  Migration: new () => MigrationInterface,
  options: { tenants?: number } = {},
): MigrationUnderTest {
  const on = apiOnIsolatedDatabase();
  const tenants: TestTenant[] = [];
  beforeAll(async () => {
    for (let i = 0; i < (options.tenants ?? 0); i++) tenants.push(await createTenant(on.api.http));
  });
  return {
    get api() {
      return on.api;
    },
    get db() {
      return on.db;
    },
    tenants,
    async migrate(step) {
      const runner = on.db.createQueryRunner();
      try {
        await new Migration()[step](runner);
      } finally {
        await runner.release();
      }
    },
  };
}
