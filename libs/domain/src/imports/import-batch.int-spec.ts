import { pgPool } from '@app/db';
import { createTenant, createTestApi, TestApi } from '@app/testing';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { mapColumns } from './header-mapping';
import { BatchScope, settleBatch, stageBatchRows } from './import-batch';
import { stageBatch } from './stage-batch';

/**
 * The two phases of a batch merge as the runner overlaps them: batch B decides and inserts its new leads (phase
 * 1) while batch A, which holds rows with the same people, has not committed; A then settles and commits, and B
 * settles after it. B's rows whose address A took are decided again (its leads for them deleted), exactly as if
 * B had run after A.
 */
describe('import batch phases overlapping (integration)', () => {
  let api: TestApi;
  let db: DataSource;
  const clients: PoolClient[] = [];

  beforeAll(async () => {
    api = await createTestApi({ env: { DATABASE_POOL_SIZE: '6' } });
    db = api.app.get(DataSource);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  });
  afterAll(() => api.close());

  const context = {
    columns: mapColumns(['First Name', 'Email', 'Phone']).columns,
    countries: ['GB', null],
    tags: [],
  };

  /** COPY lines of `records`, numbered from `firstRow`. */
  const lines = (firstRow: number, records: string[][]) =>
    stageBatch(
      records.map((record, i) => ({ row: firstRow + i, record })),
      context,
    );

  async function begin(): Promise<PoolClient> {
    const client = await pgPool(db).connect();
    clients.push(client);
    await client.query('BEGIN');
    return client;
  }

  async function newImport(tenantId: string, onDuplicate: 'skip' | 'update'): Promise<BatchScope> {
    const [{ id }] = (await db.query(
      `INSERT INTO lead_imports (tenant_id, status, columns, options, encoding, delimiter)
       VALUES ($1, 'running', '[]', $2, 'utf-8', ',') RETURNING id`,
      [tenantId, { on_duplicate: onDuplicate }],
    )) as { id: string }[];
    return { tenantId, importId: id, onDuplicate };
  }

  const leadsOf = async (tenantId: string) =>
    (await db.query(
      `SELECT first_name, lower(email) AS email, phone_normalized AS phone, last_import_id
         FROM leads WHERE tenant_id = $1 ORDER BY first_name`,
      [tenantId],
    )) as { first_name: string; email: string | null; phone: string | null; last_import_id: string }[];

  const identitiesOf = async (tenantId: string) =>
    (
      (await db.query(
        `SELECT i.channel || ':' || i.address || '=' || l.first_name AS identity
           FROM lead_identities i JOIN leads l ON l.id = i.lead_id
          WHERE i.tenant_id = $1 ORDER BY 1`,
        [tenantId],
      )) as { identity: string }[]
    ).map((r) => r.identity);

  it('a later batch of the same import: a person the earlier batch took is a duplicate, its new lead deleted', async () => {
    const tenant = await createTenant(api.http);
    const scope = await newImport(tenant.id, 'skip');
    const a = await begin();
    const b = await begin();
    await stageBatchRows(
      a,
      scope,
      lines(1, [
        ['Ann', 'ann@example.com', '07911100001'],
        ['Bob', 'bob@example.com', ''],
      ]),
    );
    await stageBatchRows(
      b,
      scope,
      lines(3, [
        ['Anna', 'ANN@example.com', ''],
        ['Cy', 'cy@example.com', '+447911100003'],
        ['Bobby', '', ''],
      ]),
    );
    // B's phase 1 saw none of A's people: it made a lead for Anna too.
    const [{ n }] = (await b.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [tenant.id]))
      .rows as { n: number }[];
    expect(n).toBe(2);

    expect((await settleBatch(a, scope)).counts).toEqual({
      invalid: 0,
      dnc: 0,
      duplicate: 0,
      insert: 2,
      update: 0,
    });
    await a.query('COMMIT');
    const settled = await settleBatch(b, scope);
    expect(settled.counts).toEqual({ invalid: 1, dnc: 0, duplicate: 1, insert: 1, update: 0 });
    expect(settled.created.map((c) => c.name)).toEqual(['Cy']);
    await b.query('COMMIT');

    expect((await leadsOf(tenant.id)).map((l) => l.first_name)).toEqual(['Ann', 'Bob', 'Cy']);
    expect(await identitiesOf(tenant.id)).toEqual([
      'email:ann@example.com=Ann',
      'email:bob@example.com=Bob',
      'email:cy@example.com=Cy',
      'phone:+447911100001=Ann',
      'phone:+447911100003=Cy',
    ]);
  });

  it('another import with on_duplicate=update: the person another import took meanwhile is updated, not doubled', async () => {
    const tenant = await createTenant(api.http);
    const first = await newImport(tenant.id, 'skip');
    const second = await newImport(tenant.id, 'update');
    const a = await begin();
    const b = await begin();
    await stageBatchRows(a, first, lines(1, [['Dee', 'dee@example.com', '']]));
    await stageBatchRows(
      b,
      second,
      lines(1, [
        ['Dee', 'DEE@example.com', '07911100009'],
        ['Eve', 'eve@example.com', ''],
      ]),
    );
    await settleBatch(a, first);
    await a.query('COMMIT');
    expect((await settleBatch(b, second)).counts).toEqual({
      invalid: 0,
      dnc: 0,
      duplicate: 0,
      insert: 1,
      update: 1,
    });
    await b.query('COMMIT');

    const leads = await leadsOf(tenant.id);
    expect(leads).toEqual([
      // Dee: the first import's lead, given the second's phone.
      {
        first_name: 'Dee',
        email: 'dee@example.com',
        phone: '+447911100009',
        last_import_id: second.importId,
      },
      { first_name: 'Eve', email: 'eve@example.com', phone: null, last_import_id: second.importId },
    ]);
    expect(await identitiesOf(tenant.id)).toEqual([
      'email:dee@example.com=Dee',
      'email:eve@example.com=Eve',
      'phone:+447911100009=Dee',
    ]);
  });

  it('waits for the tenant turn of another import that has settled but not committed', async () => {
    const tenant = await createTenant(api.http);
    const first = await newImport(tenant.id, 'skip');
    const second = await newImport(tenant.id, 'skip');
    const a = await begin();
    const b = await begin();
    await stageBatchRows(a, first, lines(1, [['Fay', 'fay@example.com', '']]));
    await stageBatchRows(b, second, lines(1, [['Fay', 'fay@example.com', '']]));
    await settleBatch(a, first);
    let settledB = false;
    const later = settleBatch(b, second).then((outcome) => {
      settledB = true;
      return outcome;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settledB).toBe(false);
    await a.query('COMMIT');
    expect((await later).counts).toEqual({ invalid: 0, dnc: 0, duplicate: 1, insert: 0, update: 0 });
    await b.query('COMMIT');
    expect((await leadsOf(tenant.id)).map((l) => l.last_import_id)).toEqual([first.importId]);
  });
});
