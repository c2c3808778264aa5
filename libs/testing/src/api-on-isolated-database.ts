import { DataSource } from 'typeorm';
import { onIsolatedDatabase } from './on-isolated-database';
import { createTestApi, TestApi } from './test-api';

export interface ApiOnIsolatedDatabase {
  /** The API on the database of this file's own. */
  readonly api: TestApi;
  readonly db: DataSource;
}

/**
 * The API alone (`env` over the test environment) on a database of the file's own, with onIsolatedDatabase's hooks
 * and their order: call it in the describe block; its fields are there from the file's own beforeAll hooks on.
 */
export function apiOnIsolatedDatabase(env: Record<string, string> = {}): ApiOnIsolatedDatabase {
  const api = onIsolatedDatabase((url) => createTestApi({ env: { ...env, DATABASE_URL: url } }));
  return {
    get api() {
      return api();
    },
    get db() {
      return api().app.get(DataSource);
    },
  };
}
