import type { SqlRunner } from './tenant-scope';

/** The tables a bulk write may leave with statistics that no longer describe them. */
export type AnalyzedTable = 'campaign_enrollments' | 'leads' | 'lead_identities';

/** The tables read by a tenant's key in bulk (imports, the bulk API, campaign reports) that a new tenant fills fast. */
export type TenantTable = 'leads' | 'lead_identities' | 'messages' | 'reply_classifications';

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

/** Fewer rows than this estimated for a tenant the statistics do not list, and a look-up may take the wrong index. */
const UNSEEN_TENANT_ROWS = 10;

/** What keeps a frequent caller (each request of the bulk API) from analyzing for nothing, or over and over. */
export interface UnseenTenantGuard {
  /** Only once the tenant has this many rows in the table: fewer are read quickly whatever index a look-up takes. */
  minTenantRows: number;
  /**
   * Asked last, when all else says analyze: answers whether this caller may. ANALYZE reads a sample, and may leave
   * the tenant unlisted (missed in a large table, or smaller than every tenant listed), so that each request would
   * analyze anew: the caller allows one now and then.
   */
  claim: () => Promise<boolean>;
}

/**
 * Runs ANALYZE on `table` when the planner would estimate `tenantId`'s rows at next to none: never analyzed, or
 * analyzed before the tenant's rows came while the tenants it lists hold nearly every row (a database of a few
 * tenants); answers whether it did. Estimated at one row, any index that starts with the tenant costs as little as
 * the key, and a look-up takes the smallest: a look-up by (tenant, channel, address) read all the tenant's
 * identities (a new tenant's 30,000-row import into a database of a few others spent over a minute on them), and
 * one by (tenant, id) all its leads. `guard` is for callers that check on every request rather than once a run.
 */
export async function analyzeIfTenantUnseen(
  sql: SqlRunner,
  table: TenantTable,
  tenantId: string,
  guard?: UnseenTenantGuard,
): Promise<boolean> {
  const [stats] = (await sql.query(
    `SELECT $2::uuid = ANY (s.most_common_vals::text::uuid[]) AS listed,
            c.reltuples * (1 - s.null_frac - coalesce((SELECT sum(f) FROM unnest(s.most_common_freqs) f), 0))
              / greatest(CASE WHEN s.n_distinct < 0 THEN -s.n_distinct * c.reltuples ELSE s.n_distinct END
                           - coalesce(cardinality(s.most_common_freqs), 0), 1) AS unlisted_rows
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'tenant_id'
      WHERE c.oid = $1::regclass`,
    [table, tenantId],
  )) as { listed: boolean | null; unlisted_rows: number | null }[];
  if (stats?.listed || Number(stats?.unlisted_rows ?? 0) >= UNSEEN_TENANT_ROWS) return false;
  if (guard) {
    const [rows] = (await sql.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} WHERE tenant_id = $1 LIMIT $2) s`,
      [tenantId, guard.minTenantRows],
    )) as { n: number }[];
    if (rows.n < guard.minTenantRows || !(await guard.claim())) return false;
  }
  await sql.query(`ANALYZE ${table}`);
  return true;
}

/**
 * Runs ANALYZE on each table of the schema that is set to be analyzed after a count of changed rows (its
 * `autovacuum_analyze_threshold`: the tables a tenant's traffic grows, migration 1769470000000) and has changed by
 * that many since its last ANALYZE, where autovacuum will not do it: off on the server, or on the table. Answers
 * the tables analyzed. Without it, on such a server a new tenant stays unseen by the statistics for good, and an
 * inbound reply's look-up of its conversation by key read all its conversations, once per conversation: 34 s each.
 */
export async function analyzeWhereAutovacuumWillNot(sql: SqlRunner): Promise<string[]> {
  const due = (await sql.query(
    `SELECT c.relname AS table
       FROM pg_class c
       JOIN pg_stat_user_tables s ON s.relid = c.oid
      CROSS JOIN LATERAL (
        SELECT max(o.option_value) FILTER (WHERE o.option_name = 'autovacuum_analyze_threshold')::bigint AS rows,
               coalesce(bool_and(o.option_value::boolean) FILTER (WHERE o.option_name = 'autovacuum_enabled'), true)
                 AS autovacuum
          FROM pg_options_to_table(c.reloptions) o) t
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
        AND s.n_mod_since_analyze >= t.rows
        AND NOT (current_setting('autovacuum')::boolean AND t.autovacuum)
      ORDER BY c.relname`,
  )) as { table: string }[];
  for (const { table } of due) await sql.query(`ANALYZE "${table.replace(/"/g, '""')}"`);
  return due.map((d) => d.table);
}
