import type { SqlRunner } from './tenant-scope';

/** The tables a bulk write may leave with statistics that no longer describe them. */
export type AnalyzedTable = 'campaign_enrollments' | 'leads' | 'lead_identities';

/**
 * Runs ANALYZE on `table` when at least `minChanged` of its rows changed since its last analyze (as Postgres's
 * statistics count them); answers whether it did. After a bulk write, the planner's statistics know nothing of the
 * new rows (a new campaign's id is in none of them) until autovacuum gets round to it, up to a minute or more: a
 * look-up by (campaign, lead) was planned as a scan of the whole campaign, 10 ms instead of 0.02 ms per send.
 */
export async function analyzeIfStale(
  sql: SqlRunner,
  table: AnalyzedTable,
  minChanged: number,
): Promise<boolean> {
  const [stats] = (await sql.query(
    `SELECT n_mod_since_analyze AS changed FROM pg_stat_user_tables WHERE relid = $1::regclass`,
    [table],
  )) as { changed: string | number }[];
  if (!stats || Number(stats.changed) < minChanged) return false;
  await sql.query(`ANALYZE ${table}`);
  return true;
}

/**
 * Runs ANALYZE on `table` when Postgres has never analyzed nor vacuumed it (its row count unknown: a new
 * database, before autovacuum's first pass); answers whether it did. With no statistics, a look-up of one identity
 * by (tenant, channel, address) was planned on the (tenant, lead) index, reading all the tenant's identities: an
 * import's second batch spent 290 us of backend CPU per row on it.
 */
export async function analyzeIfNeverAnalyzed(sql: SqlRunner, table: AnalyzedTable): Promise<boolean> {
  const [stats] = (await sql.query(`SELECT reltuples < 0 AS never FROM pg_class WHERE oid = $1::regclass`, [
    table,
  ])) as { never: boolean }[];
  if (!stats?.never) return false;
  await sql.query(`ANALYZE ${table}`);
  return true;
}
