import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

describe('schema (integration)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(
      dataSourceOptions({ database: { url: process.env.TEST_DATABASE_URL as string, poolSize: 1 } }),
    ).initialize();
  });
  afterAll(() => db.destroy());

  it('the migrations build exactly the schema the entities describe', async () => {
    const diff = await db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('runs its sessions without JIT, which cost more than it saved on our statements', async () => {
    expect(await db.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });

  it('has no pending migration', async () => {
    expect(await db.showMigrations()).toBe(false);
  });

  it('starts every index of a tenant-owned table with tenant_id', async () => {
    const rows: { table: string; index: string; first: string }[] = await db.query(`
      SELECT t.relname AS table, i.relname AS index, a.attname AS first
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
      WHERE NOT x.indisprimary
        AND EXISTS (SELECT 1 FROM pg_attribute c WHERE c.attrelid = t.oid AND c.attname = 'tenant_id')`);
    // Looked up before the tenant is known (a login's email, an API key's prefix, a webhook URL's routing key),
    // or by a platform job across tenants (the sweep of messages left queued or sending, the campaign scheduler's
    // due scan, its sweep of enrollments left queued and its sweep of failed sends not yet decided on, the dialer tick's sweeps of lost placements, quiet
    // calls, expired preview offers and overdue wrap-ups, the inbound sweep of events left unapplied, of
    // attachments never given a message, and of applied events past their retention, the sweep of imports whose job was lost, the sweep of workflow runs whose step job was lost, the prune of finished webhook and integration deliveries).
    const platformWide = new Set([
      'uq_users_email_lower',
      'uq_api_keys_prefix',
      'uq_channel_configs_webhook_key',
      'ix_messages_queued_updated',
      'ix_messages_sending_unsent',
      'ix_messages_campaign_retry_due',
      'ix_campaign_enrollments_due',
      'ix_campaign_enrollments_queued_updated',
      'ix_calls_unplaced',
      'ix_calls_open_updated',
      'ix_agents_wrap_up',
      'ix_webhook_events_pending_other',
      'ix_message_attachments_unlinked',
      'ix_webhook_events_processed',
      'ix_lead_imports_unfinished',
      'ix_workflow_runs_running_updated',
      'ix_workflow_runs_waiting_wake',
      'ix_webhook_deliveries_finished_created',
      'ix_integration_deliveries_finished_created',
    ]);
    const offenders = rows.filter((r) => !platformWide.has(r.index) && r.first !== 'tenant_id');
    expect(offenders).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('points at a lead by (tenant_id, lead_id), with an index to find the rows of a lead being erased', async () => {
    const keys: { table: string; columns: string[]; referenced: string[]; indexed: boolean }[] =
      await db.query(`
      SELECT c.conrelid::regclass::text AS table,
             (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
             (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced,
             EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = c.conrelid
                       AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                       AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey) AS indexed
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.confrelid = 'leads'::regclass
      ORDER BY 1`);
    expect(keys.map((k) => k.table)).toEqual(
      expect.arrayContaining(['campaign_enrollments', 'conversations', 'lead_identities', 'messages']),
    );
    for (const key of keys) {
      expect({
        table: key.table,
        columns: key.columns,
        referenced: key.referenced,
        indexed: key.indexed,
      }).toEqual({
        table: key.table,
        columns: ['tenant_id', 'lead_id'],
        referenced: ['tenant_id', 'id'],
        indexed: true,
      });
    }
  });

  it("refuses a row naming another tenant's lead, keeps a row's tenant when its lead is deleted", async () => {
    const [a, b] = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const slug = `lead-refs-${name}-${Date.now()}`;
        const [tenant] = await db.query(`INSERT INTO tenants (name, slug) VALUES ($1, $1) RETURNING id`, [
          slug,
        ]);
        return tenant.id as string;
      }),
    );
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, first_name) VALUES ($1, 'Ada') RETURNING id`,
      [a],
    );
    await expect(
      db.query(`INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms')`, [
        b,
        lead.id,
      ]),
    ).rejects.toMatchObject({ code: '23503', constraint: 'fk_conversations_lead' });
    expect(await db.query(`SELECT id FROM conversations WHERE tenant_id = $1`, [b])).toEqual([]);

    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [a, lead.id],
    );
    await db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'phone', '+14155550100')`,
      [a, lead.id],
    );
    await db.query(`DELETE FROM leads WHERE tenant_id = $1 AND id = $2`, [a, lead.id]);
    expect(
      await db.query(`SELECT tenant_id, lead_id FROM conversations WHERE id = $1`, [conversation.id]),
    ).toEqual([{ tenant_id: a, lead_id: null }]);
    expect(await db.query(`SELECT 1 FROM lead_identities WHERE tenant_id = $1`, [a])).toEqual([]);
    // A tenant's deletion reaches its identities through its leads (they have no key to tenants of their own).
    const [kept] = await db.query(
      `INSERT INTO leads (tenant_id, first_name) VALUES ($1, 'Bo') RETURNING id`,
      [a],
    );
    await db.query(
      `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'phone', '+14155550101')`,
      [a, kept.id],
    );
    await db.query(`DELETE FROM tenants WHERE id = ANY($1)`, [[a, b]]);
    expect(await db.query(`SELECT 1 FROM lead_identities WHERE tenant_id = $1`, [a])).toEqual([]);
  });
});
