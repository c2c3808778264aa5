import type { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/** The tables a tenant's leads are written to, whose statistics the imports and the bulk API keep. */
const LEAD_TABLES = ['leads', 'lead_identities'] as const;

/** ANALYZE statements run on `table` (autovacuum's are counted apart). */
export async function analyzeCount(db: DataSource, table: string): Promise<number> {
  const [row] = await db.query(`SELECT analyze_count::int AS n FROM pg_stat_user_tables WHERE relname = $1`, [
    table,
  ]);
  return row.n as number;
}

/**
 * The row counts the last ANALYZE of leads and lead_identities recorded (pg_class.reltuples; -1 before the first).
 * Only an ANALYZE moves them (inserts leave them, with autovacuum off), in its own transaction: unchanged, none ran.
 */
export async function leadTableRowCounts(db: DataSource): Promise<{ relname: string; rows: number }[]> {
  return (await db.query(
    `SELECT relname, reltuples::int AS rows FROM pg_class WHERE relname = ANY($1::text[]) ORDER BY 1`,
    [[...LEAD_TABLES]],
  )) as { relname: string; rows: number }[];
}

/** Waits until leads and lead_identities each count `times` ANALYZE statements (a backend reports when idle). */
export async function expectLeadTablesAnalyzed(db: DataSource, times: number): Promise<void> {
  for (const table of LEAD_TABLES)
    expect(
      await waitFor(
        async () => ((await analyzeCount(db, table)) >= times ? await analyzeCount(db, table) : undefined),
        30_000,
        table,
      ),
    ).toBe(times);
}
