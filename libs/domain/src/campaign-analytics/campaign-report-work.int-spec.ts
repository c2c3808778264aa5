import {
  analyzeCount,
  apiOnIsolatedDatabase,
  autovacuumOff,
  createTenant,
  getBytes,
  TestTenant,
  waitFor,
} from '@app/testing';
import type { DataSource } from 'typeorm';
import { CAMPAIGN_REPORT_SQL } from './campaign-kpi.sql';
import { CampaignProgress } from './campaign-progress.service';

/** Leads of the campaign; the first REPLIED replied, the next OPTED_OUT are opted out of SMS since. */
const LEADS = 300;
const REPLIED = 100;
const OPTED_OUT = 30;
/** A new tenant's leads and replies: over the 1,000 messages from which a report analyzes them. */
const NEW_LEADS = 1200;
const NEW_REPLIED = 300;

/** A plan node of EXPLAIN (ANALYZE, FORMAT JSON), as far as the count below reads it. */
interface PlanNode {
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

/** The rows every node of the plan produced or read and threw away, over all its loops. */
function rowsHandled(node: PlanNode): number {
  const own =
    (node['Actual Rows'] +
      (node['Rows Removed by Filter'] ?? 0) +
      (node['Rows Removed by Join Filter'] ?? 0)) *
    node['Actual Loops'];
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsHandled(child), 0);
}

/** The tables the report reads, with autovacuum off on them so that only the test (or the code) analyzes them. */
const REPORT_TABLES = ['leads', 'messages', 'campaign_enrollments', 'conversations', 'reply_classifications'];

/** `count` leads of the tenant, each with an SMS conversation. */
async function insertLeads(db: DataSource, tenantId: string, count = LEADS): Promise<void> {
  await db.query(
    `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
     SELECT $1, 'Lead ' || g, '+1415555' || lpad(g::text, 4, '0'), '+1415555' || lpad(g::text, 4, '0'), '{}', '{}'
       FROM generate_series(1, $2::int) g`,
    [tenantId, count],
  );
  await db.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) SELECT $1, id, 'sms' FROM leads WHERE tenant_id = $1`,
    [tenantId],
  );
}

/** A one-step SMS campaign that every lead of the tenant got, delivered, at `sentAt`; answers its id. */
async function insertCampaign(
  db: DataSource,
  tenantId: string,
  name: string,
  sentAt: string,
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO campaigns (tenant_id, name, status, started_at) VALUES ($1, $2, 'active', $3) RETURNING id`,
    [tenantId, name, sentAt],
  );
  const [step] = await db.query(
    `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content) VALUES ($1, $2, 0, 'SMS', 'Hi')
     RETURNING id`,
    [tenantId, id],
  );
  await db.query(
    `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status)
     SELECT $1, $2, id, 'completed' FROM leads WHERE tenant_id = $1`,
    [tenantId, id],
  );
  await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
                           content, provider, status, idempotency_key, created_at)
     SELECT $1, v.id, v.lead_id, $2::uuid, $3::uuid, 'outbound', 'sms', 'system', 'Hi', 'simulator', 'delivered',
            'out:' || $2::text || ':' || v.lead_id, $4
       FROM conversations v WHERE v.tenant_id = $1`,
    [tenantId, id, step.id, sentAt],
  );
  return id as string;
}

/** The tenant's leads in a fixed order, numbered from 1. */
const RANKED = `(SELECT id, row_number() OVER (ORDER BY id) AS n FROM leads WHERE tenant_id = $1)`;

/** A reply from each of the tenant's first `count` leads at `at`, classified `label` when one is given. */
async function insertReplies(
  db: DataSource,
  tenantId: string,
  at: string,
  { count = REPLIED, label }: { count?: number; label?: string } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                           status, idempotency_key, created_at)
     SELECT $1, v.id, v.lead_id, 'inbound', 'sms', 'lead', 'Tell me more', 'simulator', 'received',
            'in:' || v.lead_id, $2
       FROM conversations v JOIN ${RANKED} r ON r.id = v.lead_id
      WHERE v.tenant_id = $1 AND r.n <= $3`,
    [tenantId, at, count],
  );
  if (label)
    await db.query(
      `INSERT INTO reply_classifications (tenant_id, message_id, lead_id, conversation_id, label, confidence, reason)
       SELECT tenant_id, id, lead_id, conversation_id, $2, 0.9, 'Asks for more' FROM messages
        WHERE tenant_id = $1 AND direction = 'inbound'`,
      [tenantId, label],
    );
}

/** The rows the campaign's report handles, as EXPLAIN ANALYZE counts them. */
async function reportRowsHandled(db: DataSource, tenantId: string, campaignId: string): Promise<number> {
  const [{ 'QUERY PLAN': plan }] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${CAMPAIGN_REPORT_SQL}`, [
    tenantId,
    campaignId,
  ])) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  return rowsHandled(plan[0].Plan);
}

/**
 * A campaign's report does work in proportion to its leads, not to their square, where the statistics already know
 * the tenant (autovacuum analyzed its earlier campaign) but not the new campaign: the opted-out count scanned the
 * campaign's last touches once per enrollment, and the funnel's replies probed all the campaign's messages once per
 * replied lead (a 13,500-lead campaign's report took 9.8 s). On a database of this file's own, autovacuum off.
 */
describe("a campaign's report reads its rows a bounded number of times (integration)", () => {
  let t: TestTenant;
  let campaignId: string;

  const on = apiOnIsolatedDatabase({});
  beforeAll(async () => {
    await autovacuumOff(on.db, REPORT_TABLES);
    t = await createTenant(on.api.http);
    await insertLeads(on.db, t.id);
    await insertCampaign(on.db, t.id, 'Warm-up', '2025-02-01T09:00:00Z');
    await on.db.query('ANALYZE');

    campaignId = await insertCampaign(on.db, t.id, 'Launch', '2025-03-01T09:00:00Z');
    await insertReplies(on.db, t.id, '2025-03-01T10:00:00Z');
    await on.db.query(
      `UPDATE leads l SET opted_out_channels = '{sms}' FROM ${RANKED} r
        WHERE l.tenant_id = $1 AND l.id = r.id AND r.n > ${REPLIED} AND r.n <= ${REPLIED + OPTED_OUT}`,
      [t.id],
    );
  }, 60_000);

  it('counts what the campaign did', async () => {
    const res = await on.api.http.get(`/api/campaigns/${campaignId}/analytics`).set(t.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      total_leads: LEADS,
      sent: LEADS,
      replied: REPLIED,
      opted_out: OPTED_OUT,
    });
    expect(res.body.data.funnel).toEqual([expect.objectContaining({ sent: LEADS, replied: REPLIED })]);
  });

  it('handles fewer than 100 rows a lead', async () => {
    const handled = await reportRowsHandled(on.db, t.id, campaignId);
    // Each of a dozen steps reads the rows of both campaigns about once: some 40 a lead (11,674 here). Reading the
    // campaign's last touches per enrollment and its messages per replied lead made it 224,024.
    expect(handled).toBeGreaterThan(2 * LEADS);
    expect(handled).toBeLessThan(100 * LEADS);
  });
});

/**
 * A new tenant's first campaign, in a database whose statistics know only the tenants before it (autovacuum has not
 * analyzed since): planned as if the tenant had no messages, each reply's look-up of its lead's last campaign message
 * read all the tenant's messages, in the report and in the live progress totals (a 15,000-lead campaign with 2,500
 * replies: 35 s a report). Both analyze messages and classifications first, once the tenant has 1,000 rows there.
 */
describe("a new tenant's campaign report analyzes what the statistics do not know of it (integration)", () => {
  let known: TestTenant;
  let knownCampaign: string;

  const on = apiOnIsolatedDatabase({});
  beforeAll(async () => {
    await autovacuumOff(on.db, REPORT_TABLES);
    known = await createTenant(on.api.http);
    await insertLeads(on.db, known.id, NEW_LEADS);
    knownCampaign = await insertCampaign(on.db, known.id, 'Warm-up', '2025-02-01T09:00:00Z');
    await insertReplies(on.db, known.id, '2025-02-01T10:00:00Z', { count: NEW_REPLIED, label: 'interested' });
    await on.db.query('ANALYZE');
  }, 60_000);

  /** A new tenant with its campaign and replies, its leads and enrollments analyzed (as its import and launch do). */
  async function newTenant(): Promise<{ tenant: TestTenant; campaignId: string }> {
    const tenant = await createTenant(on.api.http);
    await insertLeads(on.db, tenant.id, NEW_LEADS);
    const campaignId = await insertCampaign(on.db, tenant.id, 'Launch', '2025-03-01T09:00:00Z');
    await insertReplies(on.db, tenant.id, '2025-03-01T10:00:00Z', {
      count: NEW_REPLIED,
      label: 'interested',
    });
    await on.db.query('ANALYZE leads, campaign_enrollments');
    return { tenant, campaignId };
  }

  /** Waits until `table` counts `times` ANALYZE statements (a backend reports them when idle). */
  const analyzed = (table: string, times: number) =>
    waitFor(async () => ((await analyzeCount(on.db, table)) >= times ? true : undefined), 30_000, table);

  it('the report analyzes messages first, and then handles fewer than 100 rows a lead', async () => {
    const { tenant, campaignId } = await newTenant();
    // What the statistics make of the new tenant: its replies' look-ups read all its messages, one by one.
    expect(await reportRowsHandled(on.db, tenant.id, campaignId)).toBeGreaterThan(200 * NEW_LEADS);
    const before = await analyzeCount(on.db, 'messages');

    const res = await on.api.http.get(`/api/campaigns/${campaignId}/analytics`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total_leads: NEW_LEADS, sent: NEW_LEADS, replied: NEW_REPLIED });
    await analyzed('messages', before + 1);
    expect(await reportRowsHandled(on.db, tenant.id, campaignId)).toBeLessThan(100 * NEW_LEADS);
  });

  it('so do the live progress totals', async () => {
    const { tenant, campaignId } = await newTenant();
    const before = await analyzeCount(on.db, 'messages');
    await on.api.app.get(CampaignProgress).notify(tenant.id, campaignId);
    await analyzed('messages', before + 1);
    expect(await reportRowsHandled(on.db, tenant.id, campaignId)).toBeLessThan(100 * NEW_LEADS);
  });

  it("and the leads' export", async () => {
    const { tenant, campaignId } = await newTenant();
    const before = await analyzeCount(on.db, 'messages');
    const csv = await getBytes(
      on.api.http,
      `/api/campaigns/${campaignId}/export?format=csv`,
      tenant.admin.headers,
    );
    expect(csv.status).toBe(200);
    // A header, then a row per lead.
    expect(csv.body.toString('utf8').trim().split('\n')).toHaveLength(NEW_LEADS + 1);
    await analyzed('messages', before + 1);
  });

  it("a known tenant's report analyzes nothing", async () => {
    const before = await analyzeCount(on.db, 'messages');
    const res = await on.api.http.get(`/api/campaigns/${knownCampaign}/analytics`).set(known.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total_leads: NEW_LEADS, replied: NEW_REPLIED });
    // A backend reports its counts when idle: a moment for an ANALYZE that should not have run to show.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await analyzeCount(on.db, 'messages')).toBe(before);
  });
});
