import { randomBytes } from 'node:crypto';
import { copyDatabase, dropDatabase } from '@app/db';
import { templateDatabaseUrl } from './database-copy';

export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own, migrated (a copy of the run's template), beside the run's shared one: for a
 * test whose workers run the platform-wide jobs (the campaign scheduler's tick claims every active campaign's due
 * enrollments), so they never act on another file's rows. Named after the run's database, so the global teardown
 * drops any left behind.
 */
export async function isolatedDatabase(): Promise<IsolatedDatabase> {
  const shared = process.env.TEST_DATABASE_URL;
  if (!shared) throw new Error('Run tests through jest: its global setup makes the test database');
  const target = new URL(shared);
  target.pathname = `${target.pathname}_${randomBytes(3).toString('hex')}`;
  const url = target.toString();
  await copyDatabase(templateDatabaseUrl(shared), url);
  return { url, drop: () => dropDatabase(url) };
}
