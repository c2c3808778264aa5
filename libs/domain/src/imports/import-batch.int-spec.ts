import { stagedImportBatch } from './staged-import.fixture';
import { clientSql, pgPool } from '@app/db';
import { createTenant, rowsRead, useTestApi } from '@app/testing';
import { mergeBatch } from './import-batch';

/**
 * A batch's look-ups of the existing leads its rows match, on the statistics a tenant's bulk load leaves behind
 * (taken before its leads were there, as autovacuum has not come round): they read those leads, never all the
 * tenant's, so a large import does not read its own earlier leads again with every batch.
 */
describe('import batch merge on stale statistics (integration)', () => {
  const api = useTestApi();
  const EXISTING = 20_000;
  const NEW_ROWS = 1000;

  // 20,000 leads made in the test: a run that shares the machine's two cores with other specs can take ~30 s.
  it('reads only the leads its rows match, and decides the rows as before', async () => {
    const tenant = await createTenant(api.http);
    // The statistics see none of this tenant's leads; then its earlier batches land.
    await api.db.query('ANALYZE leads');
    await api.db.query(
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
    const records = [
      ['Again', '', '+447911000007'], // lead 7's phone: a duplicate of an existing lead
      ['Both', 'old9@example.com', '+447911000008'], // lead 8's phone, lead 9's email: the error naming both
      ...Array.from({ length: NEW_ROWS }, (_, i) => [`New ${i}`, `new${i}@example.com`, '']),
    ];
    const { importId, lines } = await stagedImportBatch(api.db, tenant.id, records);

    const client = await pgPool(api.db).connect();
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
    const [error] = (await api.db.query(
      `SELECT row, field, error FROM lead_import_errors WHERE import_id = $1`,
      [importId],
    )) as { row: number; field: string; error: string }[];
    expect(error).toMatchObject({ row: 2, field: 'email' });
    expect(error.error).toMatch(/^the phone belongs to lead \S+ and the email to lead \S+$/);
  }, 120_000);

  // The in-batch duplicate check (the last DECIDE statement) on the cases its rule names: a row is a duplicate when
  // an earlier undecided row of the batch has its phone, its email or its existing lead; a missing address groups
  // nothing; a row marked a duplicate still counts as an earlier row; a row decided before (an error) counts for
  // nothing. Read from the staging table before commit: an in-batch duplicate has no lead, a match of an existing
  // lead (MATCHED, skip) has it.
  it('marks the later rows of a phone, an email or an existing lead of the batch, and no others', async () => {
    const tenant = await createTenant(api.http);
    const leads = (await api.db.query(
      `WITH made AS (
         INSERT INTO leads (tenant_id, first_name, email, phone_normalized)
         SELECT $1, 'Old ' || g, 'old' || g || '@example.com', '+44791100000' || g FROM generate_series(1, 3) g
         RETURNING id, email, phone_normalized),
       ids AS (
         INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
         SELECT $1, id, 'phone', phone_normalized FROM made
         UNION ALL SELECT $1, id, 'email', email FROM made)
       SELECT id FROM made ORDER BY phone_normalized`,
      [tenant.id],
    )) as { id: string }[];
    const records = [
      ['A', 'a@example.com', '+447911100001'], // 1 new
      ['B', 'b@example.com', '+447911100001'], // 2 phone of 1
      ['C', 'B@Example.com', '+447911100002'], // 3 email of 2, itself a duplicate
      ['D', 'a@example.com', '+447911100001'], // 4 phone and email of 1
      ['E', 'e@example.com', ''], // 5 new: no phone
      ['F', 'f@example.com', ''], // 6 new: no phone is no shared phone
      ['G', '', '+447911100007'], // 7 new: no email
      ['H', '', '+447911100008'], // 8 new
      ['I', 'old2@example.com', '+447911000001'], // 9 lead 1's phone, lead 2's email: the error
      ['J', '', '+447911000001'], // 10 lead 1's phone: the first undecided row of lead 1, matched
      ['K', 'old1@example.com', ''], // 11 lead 1's email: a later row of lead 1
      ['L', 'old3@example.com', '+447911100008'], // 12 lead 3's email and the phone of 8
      ['M', '', '+447911000003'], // 13 lead 3's phone: a later row of lead 3
    ];
    const { importId, lines } = await stagedImportBatch(api.db, tenant.id, records);
    const client = await pgPool(api.db).connect();
    try {
      await client.query('BEGIN');
      await mergeBatch(
        client,
        { tenantId: tenant.id, importId, onDuplicate: 'skip', now: new Date() },
        lines,
      );
      const rows = (
        await client.query<{ row: number; outcome: string | null; lead_id: string | null }>(
          `SELECT row, outcome, lead_id FROM import_batch ORDER BY row`,
        )
      ).rows.map((r) => [r.row, r.outcome ?? 'insert', r.lead_id]);
      await client.query('ROLLBACK');
      const [one] = leads.map((l) => l.id);
      expect(rows).toEqual([
        [1, 'insert', null],
        [2, 'duplicate', null],
        [3, 'duplicate', null],
        [4, 'duplicate', null],
        [5, 'insert', null],
        [6, 'insert', null],
        [7, 'insert', null],
        [8, 'insert', null],
        [9, 'invalid', null],
        [10, 'duplicate', one],
        [11, 'duplicate', null],
        [12, 'duplicate', null],
        [13, 'duplicate', null],
      ]);
    } finally {
      client.release();
    }
  }, 120_000);
});
