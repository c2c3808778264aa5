import { isolatedDatabase, IsolatedDatabase } from './isolated-database';

/**
 * Hooks for a test file whose code under test reads every tenant's rows (a sweep, the scheduler's tick, a retention
 * job, a migration): `start` runs on a database of the file's own (a copy of the migrated template) before the
 * file's tests; what it started is closed, then the database dropped, after them. Call it in the describe block; the
 * getter answers from the file's own beforeAll hooks on. afterAll hooks run in the order they are declared, so what
 * must stop before these go (a worker on the database) is closed by an afterAll declared before this call.
 */
export function onIsolatedDatabase<T extends { close(): Promise<void> }>(
  start: (databaseUrl: string) => Promise<T>,
): () => T {
  let database: IsolatedDatabase | undefined;
  let started: T | undefined;
  beforeAll(async () => {
    database = await isolatedDatabase();
    started = await start(database.url);
  }, 60_000);
  afterAll(async () => {
    await started?.close();
    await database?.drop();
  });
  return () => {
    if (!started) throw new Error('onIsolatedDatabase: read what it started inside hooks and tests');
    return started;
  };
}
