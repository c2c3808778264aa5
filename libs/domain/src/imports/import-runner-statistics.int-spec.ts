import { apiOnIsolatedDatabase, createTenant, TestTenant, waitFor } from '@app/testing';
import { ImportRunner } from './import-runner.service';

const BATCH = 100;
const ROWS = 3 * BATCH;

/**
 * In a database whose leads and identities were never analyzed, a run analyzes them after its first batch, before
 * the next one's look-ups are planned, however small the import (the run's closing ANALYZE takes 1,000 rows). On a
 * database of this file's own: a shared one has been analyzed.
 */
describe('an import in a new database analyzes leads and identities after its first batch (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase({
    IMPORT_INLINE_MAX_BYTES: '0',
    IMPORT_BATCH_ROWS: String(BATCH),
    IMPORT_SWEEP_EVERY_MS: '0',
  });
  beforeAll(async () => {
    t = await createTenant(on.api.http);
  });

  /** ANALYZE statements run on the table (autovacuum's are counted apart). */
  const analyzed = async (table: string) =>
    (
      await on.db.query(`SELECT analyze_count::int AS n FROM pg_stat_user_tables WHERE relname = $1`, [table])
    )[0].n as number;

  it('runs ANALYZE on both once, and imports every row', async () => {
    expect(await analyzed('lead_identities')).toBe(0);
    const file = [
      'Phone,First Name',
      ...Array.from({ length: ROWS }, (_, i) => `+447911${200000 + i},L${i}`),
    ].join('\n');
    const res = await on.api.http
      .post('/api/leads/import')
      .set(t.admin.headers)
      .attach('file', Buffer.from(file), { filename: 'leads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    const importId = res.body.data.import_id as string;

    expect(await on.api.app.get(ImportRunner).run(t.id, importId)).toBe('finished');
    const [done] = await on.db.query(`SELECT status, results FROM lead_imports WHERE id = $1`, [importId]);
    expect(done).toMatchObject({ status: 'completed', results: expect.objectContaining({ inserted: ROWS }) });
    // Statistics counters reach the view when the backend that ran them reports them.
    for (const table of ['leads', 'lead_identities'])
      expect(
        await waitFor(
          async () => ((await analyzed(table)) > 0 ? await analyzed(table) : undefined),
          30_000,
          table,
        ),
      ).toBe(1);
  });
});
