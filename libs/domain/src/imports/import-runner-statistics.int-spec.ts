import {
  analyzeCount,
  apiOnIsolatedDatabase,
  autovacuumOff,
  createTenant,
  expectLeadTablesAnalyzed,
  leadTableRowCounts,
  TestTenant,
} from '@app/testing';
import { ImportRunner } from './import-runner.service';

const BATCH = 100;
const ROWS = 3 * BATCH;

/**
 * Where the statistics of leads and identities do not know the importing tenant (a database never analyzed, or
 * analyzed before this tenant's rows came), a run analyzes them after its first batch, before the next one's
 * look-ups are planned, however small the import (the run's closing ANALYZE takes 1,000 rows). On a database of this
 * file's own, with autovacuum off on both tables so that only the runs analyze them.
 */
describe('an import by a tenant the statistics do not know analyzes leads and identities after its first batch (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase({
    IMPORT_INLINE_MAX_BYTES: '0',
    IMPORT_BATCH_ROWS: String(BATCH),
    IMPORT_SWEEP_EVERY_MS: '0',
  });
  beforeAll(async () => {
    await autovacuumOff(on.db, ['leads', 'lead_identities']);
    t = await createTenant(on.api.http);
  });

  /** Imports ROWS new phones for this tenant through the runner, as the worker does. */
  async function importRows(tenant: TestTenant, first: number): Promise<void> {
    const file = [
      'Phone,First Name',
      ...Array.from({ length: ROWS }, (_, i) => `+447911${first + i},L${i}`),
    ].join('\n');
    const res = await on.api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .attach('file', Buffer.from(file), { filename: 'leads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    const importId = res.body.data.import_id as string;

    expect(await on.api.app.get(ImportRunner).run(tenant.id, importId)).toBe('finished');
    const [done] = await on.db.query(`SELECT status, results FROM lead_imports WHERE id = $1`, [importId]);
    expect(done).toMatchObject({ status: 'completed', results: expect.objectContaining({ inserted: ROWS }) });
  }

  /** The plan of an import's look-up of this tenant's phones (import-batch.ts LOOK_UP, as it correlates them). */
  async function lookUpPlan(tenantId: string): Promise<string> {
    const plan = (await on.db.query(
      `EXPLAIN (COSTS OFF)
       SELECT (SELECT i.lead_id FROM lead_identities i
                WHERE i.tenant_id = $1 AND i.channel = 'phone' AND i.address = b.phone)
         FROM (VALUES ('+447911201001'), ('+447911201002')) AS b (phone)`,
      [tenantId],
    )) as { 'QUERY PLAN': string }[];
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  }

  it('runs ANALYZE on both once in a database never analyzed, and imports every row', async () => {
    expect(await analyzeCount(on.db, 'lead_identities')).toBe(0);
    await importRows(t, 200000);
    await expectLeadTablesAnalyzed(on.db, 1);
  });

  it("runs it again for a second tenant, whose look-ups then probe the identities' key, and not for a known one", async () => {
    const u = await createTenant(on.api.http);
    await importRows(u, 201000);
    await expectLeadTablesAnalyzed(on.db, 2);
    expect(await lookUpPlan(u.id)).toContain('Index Scan using pk_lead_identities');
    const counted = await leadTableRowCounts(on.db);

    await importRows(u, 202000);
    await importRows(t, 203000);
    // Only an ANALYZE moves the counted rows (inserts leave them, autovacuum is off), and it does so in its own
    // transaction: unchanged, no third one ran, without waiting for the statistics counters to be reported.
    expect(await leadTableRowCounts(on.db)).toEqual(counted);
    for (const table of ['leads', 'lead_identities']) expect(await analyzeCount(on.db, table)).toBe(2);
  });
});
