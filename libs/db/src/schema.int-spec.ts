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
    // or by a platform job across tenants (the sweep of messages left queued, the campaign scheduler's due scan,
    // the dialer tick's sweep of lost placements and expired preview offers).
    const platformWide = new Set([
      'uq_users_email_lower',
      'uq_api_keys_prefix',
      'uq_channel_configs_webhook_key',
      'ix_messages_queued_updated',
      'ix_campaign_enrollments_due',
      'ix_calls_unplaced',
    ]);
    const offenders = rows.filter((r) => !platformWide.has(r.index) && r.first !== 'tenant_id');
    expect(offenders).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
  });
});
