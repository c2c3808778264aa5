import { pgPool } from '@app/db';
import { createTenant, useTestApi } from '@app/testing';
import { ImportRunner } from './import-runner.service';
import type { Pool } from 'pg';
import { mapColumns } from './header-mapping';
import { BatchOutcome, BatchSplit, mergeBatch } from './import-batch';
import { importLeadIdPrefix } from './import-lead-ids';
import { stageBatch } from './stage-batch';

const ROWS = 40;

/**
 * Forty rows: new leads, but row 30 repeats row 10's email, row 35 row 5's phone (a row of the batch's first half
 * and one of its second, whose new leads another connection writes), and row 38 row 36's phone (both in the second).
 */
function records(): string[][] {
  return Array.from({ length: ROWS }, (_, i) => {
    const row = i + 1;
    const phone = (n: number) => `+4479110${String(n).padStart(5, '0')}`;
    if (row === 30) return [`Lead ${row}`, 'lead10@example.com', phone(row)];
    if (row === 35) return [`Lead ${row}`, `lead${row}@example.com`, phone(5)];
    if (row === 38) return [`Lead ${row}`, `lead${row}@example.com`, phone(36)];
    return [`Lead ${row}`, `lead${row}@example.com`, phone(row)];
  });
}

const EXPECTED = { invalid: 0, dnc: 0, duplicate: 3, insert: ROWS - 3, update: 0 };

/**
 * A batch whose new leads are written half on a second connection (BatchSplit): the rows land as on one connection,
 * and a process that dies between the second connection's commit and the batch's own loses no row and duplicates none.
 */
describe('import batch merge split over two connections (integration)', () => {
  const api = useTestApi();
  let pool: Pool;

  beforeAll(async () => {
    pool = pgPool(api.db);
  });

  async function newImport(
    recs: () => string[][] = records,
  ): Promise<{ tenantId: string; importId: string; lines: () => Buffer }> {
    const tenantId = (await createTenant(api.http)).id;
    const [{ id: importId, started_at: startedAt }] = (await api.db.query(
      `INSERT INTO lead_imports (tenant_id, status, columns, options, encoding, delimiter, started_at)
       VALUES ($1, 'running', '[]', '{"on_duplicate":"skip"}', 'utf-8', ',', now()) RETURNING id, started_at`,
      [tenantId],
    )) as { id: string; started_at: Date }[];
    const context = {
      columns: mapColumns(['First Name', 'Email', 'Phone']).columns,
      countries: ['GB', null],
      tags: [],
      idPrefix: importLeadIdPrefix(importId, startedAt),
    };
    // Staged afresh each time, as a run that takes the import over stages its rows again.
    const lines = () =>
      stageBatch(
        recs().map((record, i) => ({ row: i + 1, record })),
        context,
      );
    return { tenantId, importId, lines };
  }

  /** What a second connection did in its transaction: the leads it wrote, and its index probes per table. */
  interface SecondWork {
    wrote: number[];
    probes: Record<string, number>;
  }

  /** A split whose second connection commits its half on its own, recording what it did (SecondWork). */
  function secondConnection(tenantId: string, did: SecondWork): BatchSplit {
    return {
      transaction: async (work) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await work(client);
          // The batch's own half is not committed yet: the tenant's leads it sees are the ones it wrote.
          const leads = await client.query<{ first_name: string }>(
            `SELECT first_name FROM leads WHERE tenant_id = $1 AND first_name LIKE 'Lead %'`,
            [tenantId],
          );
          did.wrote.push(...leads.rows.map((l) => Number(l.first_name.split(' ')[1])).sort((a, b) => a - b));
          const probes = await client.query<{ relname: string; idx_scan: number }>(
            `SELECT relname, idx_scan::int AS idx_scan FROM pg_stat_xact_user_tables
              WHERE relname IN ('lead_identities', 'dnc_entries')`,
          );
          for (const p of probes.rows) did.probes[p.relname] = p.idx_scan;
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        } finally {
          client.release();
        }
      },
    };
  }

  const secondWork = (): SecondWork => ({ wrote: [], probes: {} });

  /** Merges the batch; commits it, or rolls it back as a process that dies before its commit. */
  async function merge(
    imp: { tenantId: string; importId: string; lines: () => Buffer },
    opts: { split?: BatchSplit; recover?: boolean; end: 'COMMIT' | 'ROLLBACK' },
  ): Promise<BatchOutcome> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const outcome = await mergeBatch(
        client,
        {
          tenantId: imp.tenantId,
          importId: imp.importId,
          onDuplicate: 'skip',
          now: new Date(),
          recover: opts.recover,
        },
        imp.lines(),
        opts.split,
      );
      await client.query(opts.end);
      return outcome;
    } finally {
      client.release();
    }
  }

  const leads = async (tenantId: string) =>
    (await api.db.query(
      `SELECT id, first_name, phone_normalized, email,
              (SELECT count(*)::int FROM lead_identities i WHERE i.tenant_id = l.tenant_id AND i.lead_id = l.id)
                AS identities
         FROM leads l WHERE tenant_id = $1 ORDER BY first_name`,
      [tenantId],
    )) as { id: string; first_name: string; phone_normalized: string; email: string; identities: number }[];

  it('decides a duplicate across the halves as one connection does: the later row', async () => {
    const single = await newImport();
    const split = await newImport();
    const did = secondWork();
    const one = await merge(single, { end: 'COMMIT' });
    const two = await merge(split, { split: secondConnection(split.tenantId, did), end: 'COMMIT' });

    expect(one.counts).toEqual(EXPECTED);
    expect(two.counts).toEqual(EXPECTED);
    // The second connection wrote the new leads of the later half of the rows, row 36 among them (not 38, its
    // duplicate, nor 30 and 35, duplicates of rows of the first half).
    const from = did.wrote[0];
    expect(from).toBeGreaterThanOrEqual(18);
    expect(from).toBeLessThanOrEqual(23);
    const later = Array.from({ length: ROWS - from + 1 }, (_, i) => from + i);
    expect(did.wrote).toEqual(later.filter((row) => ![30, 35, 38].includes(row)));
    const strip = (rows: Awaited<ReturnType<typeof leads>>) => rows.map(({ id: _id, ...rest }) => rest);
    const written = await leads(split.tenantId);
    expect(strip(written)).toEqual(strip(await leads(single.tenantId)));
    expect(written.map((l) => l.first_name)).not.toEqual(
      expect.arrayContaining(['Lead 30', 'Lead 35', 'Lead 38']),
    );
    expect(written.find((l) => l.phone_normalized === '+447911000005')?.first_name).toBe('Lead 5');
    expect(written.every((l) => l.identities === 2)).toBe(true);
    // The created list (lead.created) holds both halves' leads, in row order.
    expect(two.created.map((c) => c.name)).toEqual(one.created.map((c) => c.name));
  }, 120_000);

  it("looks the later half's rows up on the second connection: existing leads and do-not-contact entries", async () => {
    // Row 3 (first half) has an existing lead's phone; row 33 another's email, row 34 a listed phone (later half).
    const withMatches = () =>
      records().map(([name, email, phone], i) => {
        if (i + 1 === 3) return [name, email, '+447911088888'];
        if (i + 1 === 33) return [name, 'OLD@example.com', phone];
        if (i + 1 === 34) return [name, email, '+447911099999'];
        return [name, email, phone];
      });
    const seed = async (tenantId: string) => {
      await api.db.query(
        `WITH made AS (
           INSERT INTO leads (tenant_id, first_name, email, phone_normalized)
           VALUES ($1, 'Old email', 'old@example.com', NULL), ($1, 'Old phone', NULL, '+447911088888')
           RETURNING id, email, phone_normalized)
         INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
         SELECT $1, id, CASE WHEN email IS NULL THEN 'phone' ELSE 'email' END, coalesce(email, phone_normalized)
           FROM made`,
        [tenantId],
      );
      await api.db.query(
        `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason)
         VALUES ($1, '+447911099999', 'all', 'manual')`,
        [tenantId],
      );
    };
    const single = await newImport(withMatches);
    const split = await newImport(withMatches);
    await seed(single.tenantId);
    await seed(split.tenantId);
    const did = secondWork();
    const one = await merge(single, { end: 'COMMIT' });
    const two = await merge(split, { split: secondConnection(split.tenantId, did), end: 'COMMIT' });

    const expected = { invalid: 0, dnc: 1, duplicate: 5, insert: ROWS - 6, update: 0 };
    expect(one.counts).toEqual(expected);
    expect(two.counts).toEqual(expected);
    expect(did.wrote).toContain(32);
    expect(did.wrote).not.toEqual(expect.arrayContaining([33]));
    expect(did.wrote).not.toEqual(expect.arrayContaining([34]));
    // Its rows' phones and emails were probed there (two per row), not on the batch's connection.
    expect(did.probes.lead_identities).toBeGreaterThanOrEqual(2 * (ROWS - did.wrote[0]));
    const names = (await leads(split.tenantId)).map((l) => l.first_name);
    expect(names).toEqual((await leads(single.tenantId)).map((l) => l.first_name));
    expect(names).not.toEqual(expect.arrayContaining(['Lead 3', 'Lead 33', 'Lead 34']));
  }, 120_000);

  it('merges again, after a death between the two commits, without a lost row or a duplicate lead', async () => {
    const imp = await newImport();
    const did = secondWork();
    await merge(imp, { split: secondConnection(imp.tenantId, did), end: 'ROLLBACK' });
    // The second half's leads committed, the batch's own half did not.
    const orphans = await leads(imp.tenantId);
    expect(orphans.length).toBe(did.wrote.length);
    expect(orphans.length).toBeGreaterThan(0);

    const again = await merge(imp, {
      split: secondConnection(imp.tenantId, secondWork()),
      recover: true,
      end: 'COMMIT',
    });
    expect(again.counts).toEqual(EXPECTED);
    const written = await leads(imp.tenantId);
    expect(written.length).toBe(EXPECTED.insert);
    expect(new Set(written.map((l) => l.phone_normalized)).size).toBe(EXPECTED.insert);
    expect(written.every((l) => l.identities === 2)).toBe(true);
    // The leads the first attempt committed are the ones its rows stand for, ids included.
    for (const orphan of orphans) expect(written).toContainEqual(orphan);
  }, 120_000);
});

/**
 * The runner taking over an import whose last run died between a split batch's two commits: its first batch finds
 * the leads that run's second connection committed and counts them inserted, as the run would have.
 */
describe('an import taken over after a death between a split batch’s commits (integration)', () => {
  // The upload waits for a worker (there is none): the test plays the run that died, then takes over.
  const api = useTestApi({ env: { IMPORT_INLINE_MAX_BYTES: '0', IMPORT_SPLIT_MIN_ROWS: '2' } });

  it('finishes with every row counted once and no duplicate lead', async () => {
    const tenant = await createTenant(api.http);
    const header = ['First Name', 'Email', 'Phone'];
    const text = `${[header, ...records()].map((cells) => cells.join(',')).join('\n')}\n`;
    const res = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('default_country', 'GB')
      .attach('file', Buffer.from(text), { filename: 'leads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    const importId = res.body.data.import_id as string;

    // The run that died: it claimed the import (its lease since run out), merged the batch with its new leads
    // split, and died after the second connection's commit, before the batch's.
    const pool = pgPool(api.db);
    const [{ started_at: startedAt }] = (
      await pool.query<{ started_at: Date }>(
        `UPDATE lead_imports SET status = 'running', attempts = 1, started_at = now(),
              lease_until = now() - interval '1 second'
        WHERE id = $1 RETURNING started_at`,
        [importId],
      )
    ).rows;
    const lines = stageBatch(
      records().map((record, i) => ({ row: i + 1, record })),
      {
        columns: mapColumns(header).columns,
        countries: ['GB', null],
        tags: [],
        idPrefix: importLeadIdPrefix(importId, startedAt),
      },
    );
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await mergeBatch(
        client,
        { tenantId: tenant.id, importId, onDuplicate: 'skip', now: new Date() },
        lines,
        {
          transaction: async (work) => {
            const second = await pool.connect();
            try {
              await second.query('BEGIN');
              await work(second);
              await second.query('COMMIT');
            } finally {
              second.release();
            }
          },
        },
      );
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const count = async () =>
      (
        (await api.db.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [tenant.id])) as {
          n: number;
        }[]
      )[0].n;
    const orphans = await count();
    expect(orphans).toBeGreaterThan(0);
    expect(orphans).toBeLessThan(EXPECTED.insert);

    expect(await api.app.get(ImportRunner).run(tenant.id, importId)).toBe('finished');
    const done = await api.http.get(`/api/leads/imports/${importId}`).set(tenant.admin.headers);
    expect(done.body.data).toMatchObject({
      status: 'completed',
      results: {
        total: ROWS,
        inserted: EXPECTED.insert,
        duplicates: EXPECTED.duplicate,
        invalid: 0,
        dnc: 0,
        updated: 0,
      },
    });
    expect(await count()).toBe(EXPECTED.insert);
  }, 120_000);
});
