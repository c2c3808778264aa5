import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { dataSourceOptions } from './data-source-options';

describe('connection pool (integration)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions({ database: { url: process.env.TEST_DATABASE_URL as string, poolSize: 3 } }),
    ).initialize();
  });
  afterAll(() => db.destroy());

  it('keeps the connections it has opened when they sit idle', async () => {
    const pool = (db.driver as PostgresDriver).master as Pool & { options: { idleTimeoutMillis: number } };
    // Three statements at once open all three connections.
    await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)')));
    expect(pool.totalCount).toBe(3);
    // Idle clients past the pool's idle timeout (10 s by default; 1 ms here, read when a client is released)
    // would be closed by now.
    pool.options.idleTimeoutMillis = 1;
    await Promise.all([1, 2, 3].map(() => db.query('SELECT 1')));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pool.totalCount).toBe(3);
    expect(pool.idleCount).toBe(3);
  });
});
