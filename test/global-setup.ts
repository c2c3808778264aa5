import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { copyDatabase, createDatabaseIfMissing } from '../libs/db/src/create-database';
import { dataSourceOptions } from '../libs/db/src/data-source-options';
import { templateDatabaseUrl } from '../libs/testing/src/database-copy';

/**
 * Each jest run makes its own database and runs the migrations into it (never synchronize), copies it before any
 * test connects as the template of the files' own databases (`isolatedDatabase`), and picks the Redis key prefix
 * under which every test file takes its own namespace. Test workers inherit both by env.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const server = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
  const url = `${server.replace(/\/+$/, '')}/reachline_test_${runId}`;
  await createDatabaseIfMissing(url);
  const db = await new DataSource(dataSourceOptions({ database: { url, poolSize: 2 } })).initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
  await copyDatabase(url, templateDatabaseUrl(url));
  process.env.TEST_RUN_ID = runId;
  process.env.TEST_DATABASE_URL = url;
}
