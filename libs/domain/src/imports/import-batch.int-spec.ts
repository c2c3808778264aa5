import { pgPool } from '@app/db';
import { createTenant, createTestApi, TestApi } from '@app/testing';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { mapColumns } from './header-mapping';
import {
  AddressTaken,
  BatchScope,
  decideBatch,
  insertNewLeads,
  NOTHING_TAKEN,
  settleBatch,
  TakenAddresses,
} from './import-batch';
import { stageBatch } from './stage-batch';

/**
 * The steps of a batch merge as the runner overlaps them: batch B is decided (given A's addresses) and inserts its
 * new leads while batch A, which holds rows with the same people, has not committed; A settles and commits, then
 * B. The outcome is the one B would have had after A. A batch of another writer that took an address meanwhile
 * is refused in the turn (AddressTaken) and merged again.
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

  /** Decides and inserts a batch in its own transaction, as the runner does before the batch's turn. */
  async function merge(
    scope: BatchScope,
    batch: string,
    earlier: TakenAddresses = NOTHING_TAKEN,
  ): Promise<{ client: PoolClient; taken: TakenAddresses }> {
    const client = await begin();
    const taken = await decideBatch(client, scope, batch, async () => earlier);
    await insertNewLeads(client, scope);
    return { client, taken };
  }

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

  it('a later batch of the same import: a person the batch before it takes is a duplicate', async () => {
    const tenant = await createTenant(api.http);
    const scope = await newImport(tenant.id, 'skip');
    const a = await merge(
      scope,
      lines(1, [
        ['Ann', 'ann@example.com', '07911100001'],
        ['Bob', 'bob@example.com', ''],
      ]),
    );
    expect(a.taken).toEqual({
      phones: ['+447911100001'],
      phoneLeads: [expect.any(String)],
      emails: ['ann@example.com', 'bob@example.com'],
      emailLeads: [a.taken.phoneLeads[0], expect.any(String)],
    });
    const b = await merge(
      scope,
      lines(3, [
        ['Anna', 'ANN@example.com', ''],
        ['Cy', 'cy@example.com', '+447911100003'],
        ['Bobby', '', ''],
      ]),
      a.taken,
    );
    // B inserted Cy only, before A committed.
    const [{ n }] = (
      await b.client.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [tenant.id])
    ).rows as { n: number }[];
    expect(n).toBe(1);

    expect((await settleBatch(a.client, scope)).counts).toEqual({
      invalid: 0,
      dnc: 0,
      duplicate: 0,
      insert: 2,
      update: 0,
    });
    await a.client.query('COMMIT');
    const settled = await settleBatch(b.client, scope);
    expect(settled.counts).toEqual({ invalid: 1, dnc: 0, duplicate: 1, insert: 1, update: 0 });
    expect(settled.created.map((c) => c.name)).toEqual(['Cy']);
    await b.client.query('COMMIT');

    expect((await leadsOf(tenant.id)).map((l) => l.first_name)).toEqual(['Ann', 'Bob', 'Cy']);
    expect(await identitiesOf(tenant.id)).toEqual([
      'email:ann@example.com=Ann',
      'email:bob@example.com=Bob',
      'email:cy@example.com=Cy',
      'phone:+447911100001=Ann',
      'phone:+447911100003=Cy',
    ]);
  });

  it('another import took a person meanwhile: the batch is refused in its turn, and merged again updates them', async () => {
    const tenant = await createTenant(api.http);
    const first = await newImport(tenant.id, 'skip');
    const second = await newImport(tenant.id, 'update');
    const a = await merge(first, lines(1, [['Dee', 'dee@example.com', '']]));
    const batch = lines(1, [
      ['Dee', 'DEE@example.com', '07911100009'],
      ['Eve', 'eve@example.com', ''],
    ]);
    const b = await merge(second, batch);
    await settleBatch(a.client, first);
    await a.client.query('COMMIT');
    await expect(settleBatch(b.client, second)).rejects.toBeInstanceOf(AddressTaken);
    await b.client.query('ROLLBACK');
    expect((await leadsOf(tenant.id)).map((l) => l.first_name)).toEqual(['Dee']);

    const again = await merge(second, batch);
    expect((await settleBatch(again.client, second)).counts).toEqual({
      invalid: 0,
      dnc: 0,
      duplicate: 0,
      insert: 1,
      update: 1,
    });
    await again.client.query('COMMIT');
    expect(await leadsOf(tenant.id)).toEqual([
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
    const a = await merge(first, lines(1, [['Fay', 'fay@example.com', '']]));
    const b = await merge(second, lines(1, [['Gil', 'gil@example.com', '']]));
    await settleBatch(a.client, first);
    let settledB = false;
    const later = settleBatch(b.client, second).then((outcome) => {
      settledB = true;
      return outcome;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settledB).toBe(false);
    await a.client.query('COMMIT');
    expect((await later).counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: 1, update: 0 });
    await b.client.query('COMMIT');
    expect((await leadsOf(tenant.id)).map((l) => l.last_import_id)).toEqual([
      first.importId,
      second.importId,
    ]);
  });
});
