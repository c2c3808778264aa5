import { rowsOf, SqlRunner } from '@app/db';
import type { DataSource } from 'typeorm';

/** How many rows of `table` match `where` (SQL, with $1… bound to `params`). */
export async function countRows(
  db: DataSource,
  table: string,
  where: string,
  params: unknown[],
): Promise<number> {
  const rows: { n: number }[] = await db.query(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return rows[0].n;
}

/**
 * The rows of `table` this transaction has read so far (sequential scans' tuples plus index fetches, from
 * pg_stat_xact_user_tables), through `sql` (a transaction's EntityManager, or clientSql of its pg client): the
 * difference around a statement is how many of its rows the statement read.
 */
export async function rowsRead(sql: SqlRunner, table: string): Promise<number> {
  const [row] = rowsOf<{ n: string }>(
    await sql.query(
      `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS n
         FROM pg_stat_xact_user_tables WHERE relname = $1`,
      [table],
    ),
  );
  return Number(row.n);
}
