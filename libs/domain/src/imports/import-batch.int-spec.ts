import { clientSql, pgPool } from '@app/db';
import { createTenant, createTestApi, rowsRead, TestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { mapColumns } from './header-mapping';
import { mergeBatch } from './import-batch';
import { importLeadIdPrefix } from './import-lead-ids';
import { stageBatch } from './stage-batch';

/**
 * A batch's look-ups of the existing leads its rows match, on the statistics a tenant's bulk load leaves behind
 * (taken before its leads were there, as autovacuum has not come round): they read those leads, never all the
 * tenant's, so a large import does not read its own earlier leads again with every batch.
 */
describe('import batch merge on stale statistics (integration)', () => {
  let api: TestApi;
  let db: DataSource;
  const EXISTING = 20_000;
  const NEW_ROWS = 1000;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  // 20,000 leads made in the test: a run that shares the machine's two cores with other specs can take ~30 s.
  it('reads only the leads its rows match, and decides the rows as before', async () => {
    const tenant = await createTenant(api.http);
    // The statistics see none of this tenant's leads; then its earlier batches land.
    await db.query('ANALYZE leads');
    await db.query(
      `WITH made AS (
         INSERT INTO leads (tenant_id, first_name, email, phone_normalized)
         SELECT $1, 'Old ' || g, 'old' || g || '@example.com', '+447911' || lpad(g::text, 6, '0')
           FROM generate_series(1, $2::int) g
         RETURNING id, email, phone_normalized)
       INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
       SELECT $1, id, 'phone', phone_normalized FROM made
       UNION ALL SELECT $1, id, 'email', email FROM made`,
      [tenant.id, EXISTING],
    );
    const [{ id: importId }] = (await db.query(
      `INSERT INTO lead_imports (tenant_id, status, columns, options, encoding, delimiter, started_at)
       VALUES ($1, 'running', '[]', '{"on_duplicate":"skip"}', 'utf-8', ',', now()) RETURNING id`,
      [tenant.id],
    )) as { id: string }[];

    const context = {
      columns: mapColumns(['First Name', 'Email', 'Phone']).columns,
      countries: ['GB', null],
      tags: [],
      idPrefix: importLeadIdPrefix(importId, new Date()),
    };
    const records = [
      ['Again', '', '+447911000007'], // lead 7's phone: a duplicate of an existing lead
      ['Both', 'old9@example.com', '+447911000008'], // lead 8's phone, lead 9's email: the error naming both
      ...Array.from({ length: NEW_ROWS }, (_, i) => [`New ${i}`, `new${i}@example.com`, '']),
    ];
    const lines = stageBatch(
      records.map((record, i) => ({ row: i + 1, record })),
      context,
    );

    const client = await pgPool(db).connect();
    try {
      await client.query('BEGIN');
      const read = () => rowsRead(clientSql(client), 'leads');
      const before = await read();
      const outcome = await mergeBatch(
        client,
        { tenantId: tenant.id, importId, onDuplicate: 'skip', now: new Date() },
        lines,
      );
      const leadsRead = (await read()) - before;
      await client.query('COMMIT');

      expect(outcome.counts).toEqual({ invalid: 1, dnc: 0, duplicate: 1, insert: NEW_ROWS, update: 0 });
      // The matched leads (locked and checked) and what inserting the new ones reads (the foreign-key checks of
      // their identities), a few per new row: never the tenant's 20,000 leads.
      expect(leadsRead).toBeLessThan(NEW_ROWS * 6);
    } finally {
      client.release();
    }
    const [error] = (await db.query(`SELECT row, field, error FROM lead_import_errors WHERE import_id = $1`, [
      importId,
    ])) as { row: number; field: string; error: string }[];
    expect(error).toMatchObject({ row: 2, field: 'email' });
    expect(error.error).toMatch(/^the phone belongs to lead \S+ and the email to lead \S+$/);
  }, 120_000);
});
