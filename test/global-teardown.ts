import Redis from 'ioredis';
import { dropDatabase } from '../libs/db/src/create-database';

/** Drops the run's database and deletes every Redis key of the run. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  const runId = process.env.TEST_RUN_ID;
  if (url) await dropDatabase(url);
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
