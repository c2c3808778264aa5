import { stagedImportBatch } from './staged-import.fixture';
import { pgPool } from '@app/db';
import { createTenant, useTestApi } from '@app/testing';
import { randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';
import { mergeBatch } from './import-batch';

const NEW_ROWS = 200;

/**
 * A batch's new leads and their identities are written without their foreign keys' checks (import-batch.ts
 * UNCHECKED_NEW_LEADS): an identity's check reads the lead and locks it FOR KEY SHARE, which leaves the locker in the
 * lead's xmax; a lead's reads the tenant, once per lead. The tenant is locked once per batch instead, so its deletion
 * still waits for the batch. A role that may not set session_replication_role has its checks run as before, and the
 * keys are checked again for the rest of the batch's transaction either way.
 */
describe('import batch identities (integration)', () => {
  const api = useTestApi();

  /** A running import of a fresh tenant, and a batch of NEW_ROWS new leads (a phone and an email each) for it. */
  async function newBatch(): Promise<{ tenantId: string; importId: string; lines: Buffer }> {
    const tenant = await createTenant(api.http);
    const records = Array.from({ length: NEW_ROWS }, (_, i) => [
      `New ${i}`,
      `new${i}@example.com`,
      `+447911${String(200000 + i)}`,
    ]);
    const { importId, lines } = await stagedImportBatch(api.db, tenant.id, records);
    return { tenantId: tenant.id, importId, lines };
  }

  /**
   * Merges the batch in a transaction of its own; `role` runs it as that role (SET LOCAL ROLE); `before` and `after`
   * run in the transaction around the merge.
   */
  async function merge(
    batch: { tenantId: string; importId: string; lines: Buffer },
    role?: string,
    after?: (client: PoolClient) => Promise<void>,
    before?: (client: PoolClient) => Promise<void>,
  ): Promise<void> {
    const client = await pgPool(api.db).connect();
    try {
      await client.query('BEGIN');
      if (role) await client.query(`SET LOCAL ROLE ${role}`);
      await before?.(client);
      const outcome = await mergeBatch(
        client,
        { tenantId: batch.tenantId, importId: batch.importId, onDuplicate: 'skip', now: new Date() },
        batch.lines,
      );
      expect(outcome.counts).toEqual({ invalid: 0, dnc: 0, duplicate: 0, insert: NEW_ROWS, update: 0 });
      await after?.(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }

  /** The tenant's leads, those some transaction locked (a lock-only xmax), and identities whose lead is missing. */
  async function written(tenantId: string): Promise<{ leads: number; locked: number; orphans: number }> {
    const [row] = (await api.db.query(
      `SELECT (SELECT count(*)::int FROM leads WHERE tenant_id = $1) AS leads,
              (SELECT count(*)::int FROM leads WHERE tenant_id = $1 AND xmax <> '0') AS locked,
              (SELECT count(*)::int FROM lead_identities i WHERE i.tenant_id = $1
                  AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.tenant_id = i.tenant_id AND l.id = i.lead_id))
                AS orphans`,
      [tenantId],
    )) as { leads: number; locked: number; orphans: number }[];
    return row;
  }

  it("writes the new leads' identities without locking their leads", async () => {
    const batch = await newBatch();
    await merge(batch);
    expect(await written(batch.tenantId)).toEqual({ leads: NEW_ROWS, locked: 0, orphans: 0 });
    const [{ n }] = (await api.db.query(
      `SELECT count(*)::int AS n FROM lead_identities WHERE tenant_id = $1`,
      [batch.tenantId],
    )) as { n: number }[];
    expect(n).toBe(2 * NEW_ROWS);
  }, 60_000);

  it('reads the tenant once per batch, not once per new lead', async () => {
    const batch = await newBatch();
    // The reads counted in the merge's transaction, after less before: Postgres 15's xact view also counts what the
    // connection's earlier transactions read and have not yet reported (it reports at most once a second).
    const tenantReads = async (client: PoolClient) => {
      const { rows } = await client.query<{ n: string }>(
        `SELECT coalesce(idx_scan, 0) + seq_scan AS n FROM pg_stat_xact_user_tables WHERE relname = 'tenants'`,
      );
      return Number(rows[0].n);
    };
    let before = -1;
    let after = -1;
    await merge(
      batch,
      undefined,
      async (client) => void (after = await tenantReads(client)),
      async (client) => void (before = await tenantReads(client)),
    );
    // A read or two of the batch's own (its lock), where each new lead's check read it once more.
    expect(before).toBeGreaterThanOrEqual(0);
    expect(after - before).toBeLessThanOrEqual(2);
    expect(await written(batch.tenantId)).toEqual({ leads: NEW_ROWS, locked: 0, orphans: 0 });
  }, 60_000);

  it("holds the tenant's deletion off until the batch ends", async () => {
    const batch = await newBatch();
    await merge(batch, undefined, async () => {
      const other = await pgPool(api.db).connect();
      try {
        await other.query('BEGIN');
        await other.query(`SET LOCAL lock_timeout = '200ms'`);
        await expect(
          other.query('DELETE FROM tenants WHERE id = $1', [batch.tenantId]),
        ).rejects.toMatchObject({
          code: '55P03',
        });
      } finally {
        await other.query('ROLLBACK');
        other.release();
      }
    });
  }, 60_000);

  it('checks the foreign key again for the rest of the transaction', async () => {
    const batch = await newBatch();
    const refused = merge(batch, undefined, async (client) => {
      await client.query(
        `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'phone', '+447911999999')`,
        [batch.tenantId, '00000000-0000-4000-8000-000000000000'],
      );
    });
    await expect(refused).rejects.toMatchObject({ code: '23503' });
    expect(await written(batch.tenantId)).toEqual({ leads: 0, locked: 0, orphans: 0 });
  }, 60_000);

  it('runs the checks when the role may not skip them', async () => {
    const role = `rl_test_plain_${randomBytes(6).toString('hex')}`;
    await api.db.query(`CREATE ROLE ${role} NOLOGIN`);
    try {
      await api.db.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await api.db.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
      const batch = await newBatch();
      await merge(batch, role);
      expect(await written(batch.tenantId)).toEqual({ leads: NEW_ROWS, locked: NEW_ROWS, orphans: 0 });
    } finally {
      await api.db.query(`DROP OWNED BY ${role}`);
      await api.db.query(`DROP ROLE ${role}`);
    }
  }, 60_000);
});
