import Redis from 'ioredis';
import { Client } from 'pg';
import { dropDatabase } from '../libs/db/src/create-database';

/** Drops the run's database (and the files' own ones, `isolatedDatabase`), and deletes every Redis key of the run. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  const runId = process.env.TEST_RUN_ID;
  if (url) {
    await dropDatabase(url);
    for (const name of await databasesNamed(url)) {
      const own = new URL(url);
      own.pathname = `/${name}`;
      await dropDatabase(own.toString());
    }
  }
  if (!runId) return;
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `rltest_${runId}_*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The databases named after the run's (`<run db>_<suffix>`) that are still there. */
async function databasesNamed(url: string): Promise<string[]> {
  const base = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [`${base}_`],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
