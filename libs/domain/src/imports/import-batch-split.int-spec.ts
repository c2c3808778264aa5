import { pgPool } from '@app/db';
import { createTenant, useTestApi } from '@app/testing';
import { ImportRunner } from './import-runner.service';
import type { Pool } from 'pg';
import { mapColumns } from './header-mapping';
import { BatchOutcome, BatchSplit, mergeBatch, writeNewLeads } from './import-batch';
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

  async function newImport(): Promise<{ tenantId: string; importId: string; lines: () => string }> {
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
        records().map((record, i) => ({ row: i + 1, record })),
        context,
      );
    return { tenantId, importId, lines };
  }

  /** A split whose second connection commits its half on its own, recording the rows it wrote. */
  function secondConnection(tenantId: string, importId: string, wrote: number[]): BatchSplit {
    return {
      minRows: 2,
      write: async (lines) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await writeNewLeads(client, { tenantId, importId }, lines);
          await client.query('COMMIT');
          wrote.push(
            ...lines
              .trimEnd()
              .split('\n')
              .map((line) => Number(line.split('\t')[0])),
          );
        } finally {
          client.release();
        }
      },
    };
  }

  /** Merges the batch; commits it, or rolls it back as a process that dies before its commit. */
  async function merge(
    imp: { tenantId: string; importId: string; lines: () => string },
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
    const wrote: number[] = [];
    const one = await merge(single, { end: 'COMMIT' });
    const two = await merge(split, {
      split: secondConnection(split.tenantId, split.importId, wrote),
      end: 'COMMIT',
    });

    expect(one.counts).toEqual(EXPECTED);
    expect(two.counts).toEqual(EXPECTED);
    // The second connection wrote the later half of the new leads, row 36 among them (not 38, its duplicate).
    expect(wrote.length).toBe(Math.ceil(EXPECTED.insert / 2));
    expect(wrote).toContain(36);
    expect(wrote).not.toEqual(expect.arrayContaining([30, 35, 38]));
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

  it('merges again, after a death between the two commits, without a lost row or a duplicate lead', async () => {
    const imp = await newImport();
    const wrote: number[] = [];
    await merge(imp, { split: secondConnection(imp.tenantId, imp.importId, wrote), end: 'ROLLBACK' });
    // The second half's leads committed, the batch's own half did not.
    const orphans = await leads(imp.tenantId);
    expect(orphans.length).toBe(wrote.length);
    expect(orphans.length).toBeGreaterThan(0);

    const again = await merge(imp, {
      split: secondConnection(imp.tenantId, imp.importId, []),
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
          minRows: 2,
          write: async (half) => {
            const second = await pool.connect();
            try {
              await second.query('BEGIN');
              await writeNewLeads(second, { tenantId: tenant.id, importId }, half);
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
    expect(await count()).toBe(Math.ceil(EXPECTED.insert / 2));

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
