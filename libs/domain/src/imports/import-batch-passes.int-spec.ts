import { stagedImportBatch } from './staged-import.fixture';
import { clientSql, pgPool } from '@app/db';
import { createTenant, useTestApi } from '@app/testing';
import { BatchScope, mergeBatch } from './import-batch';

/**
 * A batch's passes over its staging rows: each statement that reads them reads every one, a part of a large
 * import's Postgres time that grows with the merge's statements. The statements that write updates of existing
 * leads read the rows for nothing when no row is an update: with on_duplicate=skip, or when no row matched.
 */
describe('import batch merge passes over the staging rows (integration)', () => {
  const api = useTestApi();
  let tenantId: string;
  let existing: string;

  beforeAll(async () => {
    tenantId = (await createTenant(api.http)).id;
    [{ id: existing }] = (await api.db.query(
      `WITH made AS (
         INSERT INTO leads (tenant_id, first_name, email, phone_normalized)
         VALUES ($1, 'Old', 'old@example.com', NULL) RETURNING id, email)
       INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
       SELECT $1, id, 'email', email FROM made RETURNING lead_id AS id`,
      [tenantId],
    )) as { id: string }[];
  });

  /** Merges the rows in one transaction: the outcome, and the scans of the staging table it made. */
  async function merge(onDuplicate: BatchScope['onDuplicate'], records: string[][]) {
    const { importId, lines } = await stagedImportBatch(api.db, tenantId, records, onDuplicate);
    const client = await pgPool(api.db).connect();
    try {
      await client.query('BEGIN');
      const outcome = await mergeBatch(client, { tenantId, importId, onDuplicate, now: new Date() }, lines);
      // The staging table is dropped at commit: its statistics are read before.
      const [{ scans, rewrites, synchronous, workMem, histogram }] = (await clientSql(client).query(
        `SELECT seq_scan::int AS scans, n_tup_upd::int AS rewrites,
                current_setting('synchronous_commit') AS synchronous, current_setting('work_mem') AS "workMem",
                (SELECT cardinality(s.histogram_bounds::text::int[]) FROM pg_stats s
                  WHERE s.tablename = 'import_batch' AND s.attname = 'row') AS histogram
           FROM pg_stat_xact_user_tables WHERE relname = 'import_batch'`,
      )) as { scans: number; rewrites: number; synchronous: string; workMem: string; histogram: number }[];
      await client.query('COMMIT');
      return { counts: outcome.counts, scans, rewrites, synchronous, workMem, histogram };
    } finally {
      client.release();
    }
  }

  const newRows = (prefix: string) =>
    Array.from({ length: 20 }, (_, i) => [`${prefix} ${i}`, `${prefix}${i}@example.com`, '']);

  it('writes a staging row again only for a lead it matched, never to say a row is a new lead', async () => {
    const merged = await merge('skip', [...newRows('once'), ['Again', 'old@example.com', '+447911000002']]);
    expect(merged.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 1, insert: 20, update: 0 });
    // The matched row three times (its lead, locked, decided a duplicate); a new row never (left undecided, it is
    // not written again to say it is new).
    expect(merged.rewrites).toBe(3);
  }, 120_000);

  it("commits a batch without waiting for its WAL to reach the disk (the import's end does)", async () => {
    const merged = await merge('skip', newRows('async'));
    expect(merged.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: 20, update: 0 });
    expect(merged.synchronous).toBe('off');
  }, 120_000);

  it("sorts a batch's new leads in memory (work_mem 64MB in its transaction, not the default 4MB)", async () => {
    const merged = await merge('skip', newRows('sorted'));
    expect(merged.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: 20, update: 0 });
    // At 4MB the id-ordered sort of a 20,000-row batch's new leads (whole staging rows) spilled to a temporary file.
    expect(merged.workMem).toBe('64MB');
  }, 120_000);

  it('analyzes the staging table on a small sample (statistics target 10, not the default 100)', async () => {
    const merged = await merge('skip', newRows('sampled'));
    expect(merged.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: 20, update: 0 });
    // 20 distinct row numbers: a histogram of all 20 at the default target, of 10 buckets (11 bounds) at 10.
    expect(merged.histogram).toBe(11);
  }, 120_000);

  it('skips the update statements with on_duplicate=skip, and with update when no row matched a lead', async () => {
    const skipped = await merge('skip', [...newRows('skip'), ['Again', 'old@example.com', '+447911000001']]);
    expect(skipped.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 1, insert: 20, update: 0 });
    const unmatched = await merge('update', newRows('fresh'));
    expect(unmatched.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: 20, update: 0 });
    // The merge's own passes (16 to 18 here); the update statements, planned over these few rows as loops that
    // scan the staging rows again per row, made 25 to 45 more.
    expect(skipped.scans).toBeLessThanOrEqual(20);
    expect(unmatched.scans).toBeLessThanOrEqual(20);

    // A row that matched with update still runs them: the lead is updated and gains the row's phone.
    const updated = await merge('update', [
      ...newRows('more'),
      ['Renamed', 'OLD@example.com', '+447911000001'],
    ]);
    expect(updated.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: 20, update: 1 });
    const [lead] = (await api.db.query(
      `SELECT first_name, phone_normalized,
              array(SELECT channel || ':' || address FROM lead_identities
                     WHERE tenant_id = $1 AND lead_id = $2 ORDER BY channel) AS identities
         FROM leads WHERE tenant_id = $1 AND id = $2`,
      [tenantId, existing],
    )) as { first_name: string; phone_normalized: string; identities: string[] }[];
    expect(lead).toEqual({
      first_name: 'Renamed',
      phone_normalized: '+447911000001',
      identities: ['email:old@example.com', 'phone:+447911000001'],
    });
  }, 120_000);
});
