import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import {
  analyzeCount,
  apiOnIsolatedDatabase,
  autovacuumOff,
  createTenant,
  expectLeadTablesAnalyzed,
  leadTableRowCounts,
  TestTenant,
} from '@app/testing';
import type Redis from 'ioredis';
import { TenantStatistics } from '../system/tenant-statistics';

/**
 * The bulk API (POST leads with an array) analyzes leads and identities once the creating tenant has 1,000 leads that
 * the statistics do not know (a database never analyzed, or analyzed before this tenant's leads came): until then a
 * look-up of one of its leads by key was planned on another index that starts with the tenant, and read all its
 * leads. On a database of this file's own, with autovacuum off on both tables so that only the requests analyze them.
 */
describe('a bulk create by a tenant the statistics do not know analyzes leads and identities (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase({});
  beforeAll(async () => {
    await autovacuumOff(on.db, ['leads', 'lead_identities']);
    t = await createTenant(on.api.http);
  });

  /** Creates `count` leads with new phones through the bulk API; answers their ids. */
  async function createLeads(tenant: TestTenant, first: number, count: number): Promise<string[]> {
    const leads = Array.from({ length: count }, (_, i) => ({
      name: `Lead ${i}`,
      phone: `+44740${first + i}`,
    }));
    const res = await on.api.http.post('/api/leads').set(tenant.admin.headers).send(leads);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total: count, created: count, failed: 0 });
    return (res.body.data.leads as { id: string }[]).map((l) => l.id);
  }

  /** The plan of a look-up of one lead by its key, as a foreign key's check and most reads of a lead make it. */
  async function leadLookUpPlan(tenantId: string, leadId: string): Promise<string> {
    const plan = (await on.db.query(
      `EXPLAIN (COSTS OFF) SELECT first_name FROM leads WHERE tenant_id = $1 AND id = $2`,
      [tenantId, leadId],
    )) as { 'QUERY PLAN': string }[];
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  }

  it('leaves the tables alone while the tenant has fewer than 1,000 leads, and analyzes both once it has them', async () => {
    await createLeads(t, 1300000, 600);
    expect(await leadTableRowCounts(on.db)).toEqual([
      { relname: 'lead_identities', rows: -1 },
      { relname: 'leads', rows: -1 },
    ]);

    await createLeads(t, 1301000, 600);
    await expectLeadTablesAnalyzed(on.db, 1);
    expect(await leadTableRowCounts(on.db)).toEqual([
      { relname: 'lead_identities', rows: 1200 },
      { relname: 'leads', rows: 1200 },
    ]);
  });

  it('analyzes them again for a second tenant, whose look-ups by key then use a key, and not for a known one', async () => {
    const u = await createTenant(on.api.http);
    const [first] = await createLeads(u, 1302000, 1000);
    await expectLeadTablesAnalyzed(on.db, 2);
    expect(await leadLookUpPlan(u.id, first)).toMatch(/Index Scan using (pk_leads|uq_leads_tenant_id)/);
    const counted = await leadTableRowCounts(on.db);

    await createLeads(u, 1303000, 1000);
    await createLeads(t, 1304000, 1000);
    // Only an ANALYZE moves the counted rows (inserts leave them, autovacuum is off), and it does so in its own
    // transaction: unchanged, no third one ran, without waiting for the statistics counters to be reported.
    expect(await leadTableRowCounts(on.db)).toEqual(counted);
    for (const table of ['leads', 'lead_identities']) expect(await analyzeCount(on.db, table)).toBe(2);
  });

  it('analyzes a table at most once a minute for a tenant an ANALYZE left unlisted, whichever process asks', async () => {
    const v = await createTenant(on.api.http);
    const insertLeads = (first: number) =>
      on.db.query(
        `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
         SELECT $1, 'Lead ' || g, '+44740' || ($2::int + g), '+44740' || ($2::int + g), '{}', '{}'
           FROM generate_series(1, 1000) g`,
        [v.id, first],
      );
    await insertLeads(1305000);
    await on.api.app.get(TenantStatistics).refresh(v.id, ['leads']);
    const leadsCounted = async () =>
      (await leadTableRowCounts(on.db)).find((c) => c.relname === 'leads')?.rows;
    expect(await leadsCounted()).toBe(5200);

    // The statistics of leads gone (as if the ANALYZE had missed the tenant), and more of its leads.
    await on.db.query(`DELETE FROM pg_statistic WHERE starelid = 'leads'::regclass`);
    await insertLeads(1306000);
    await on.api.app.get(TenantStatistics).refresh(v.id, ['leads']);
    expect(await leadsCounted()).toBe(5200);
    const key = on.api.app.get(AppConfig).redisKey('unseen-tenant-analyze', 'leads', v.id);
    expect(await on.api.app.get<Redis>(REDIS).ttl(key)).toBeGreaterThan(0);

    // The minute over (its claim gone), the next request analyzes.
    await on.api.app.get<Redis>(REDIS).del(key);
    await on.api.app.get(TenantStatistics).refresh(v.id, ['leads']);
    expect(await leadsCounted()).toBe(6200);
  });
});
