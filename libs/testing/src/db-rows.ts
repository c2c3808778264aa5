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
