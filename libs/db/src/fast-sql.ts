import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { SqlRunner } from './tenant-scope';

/**
 * For hot paths: statements straight on TypeORM's own pg pool, skipping the ORM's per-query machinery
 * (half the throughput of a bare route, measured by bench:api), each prepared once per connection under a
 * name taken from its text, so Postgres parses and plans it once. Only for fixed SQL texts (a text with
 * values spliced in would prepare a statement per value). Pair it with tenantQuery for tenant data.
 */
export function fastSql(db: DataSource): SqlRunner {
  const pool = pgPool(db);
  return {
    query: async (sql: string, params?: unknown[]) =>
      (await pool.query({ name: preparedName(sql), text: sql, values: params })).rows,
  };
}

const preparedNames = new Map<string, string>();

/** A statement's prepared name, taken from its text (the same on every connection). */
function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `rl_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/** TypeORM's own pg pool, for what the ORM cannot do (COPY streams, long cursors). */
export function pgPool(db: DataSource): Pool {
  return (db.driver as PostgresDriver).master as Pool;
}

/**
 * A transaction on one connection of TypeORM's pg pool, its statements prepared as fastSql prepares them; rolled
 * back when `work` throws. For hot paths that must commit several statements together.
 */
export async function fastTransaction<T>(db: DataSource, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pgPool(db).connect();
  const sql = clientSql(client);
  try {
    await client.query('BEGIN');
    const result = await work(sql);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The statements of one pg connection (its caller's transaction), prepared as fastSql prepares them. */
export function clientSql(client: PoolClient): SqlRunner {
  return {
    query: async (text: string, params?: unknown[]) =>
      (await client.query({ name: preparedName(text), text, values: params })).rows,
  };
}
