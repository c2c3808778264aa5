import { apiOnIsolatedDatabase, createTenant, TestTenant } from '@app/testing';
import { CAMPAIGN_REPORT_SQL } from './campaign-kpi.sql';

/** Leads of the campaign; the first REPLIED replied, the next OPTED_OUT are opted out of SMS since. */
const LEADS = 300;
const REPLIED = 100;
const OPTED_OUT = 30;

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
    for (const table of [
      'leads',
      'messages',
      'campaign_enrollments',
      'conversations',
      'reply_classifications',
    ])
      await on.db.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    t = await createTenant(on.api.http);
    await on.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
       SELECT $1, 'Lead ' || g, '+1415555' || lpad(g::text, 4, '0'), '+1415555' || lpad(g::text, 4, '0'), '{}', '{}'
         FROM generate_series(1, ${LEADS}) g`,
      [t.id],
    );
    await on.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) SELECT $1, id, 'sms' FROM leads WHERE tenant_id = $1`,
      [t.id],
    );
    const campaign = async (name: string, sentAt: string) => {
      const [{ id }] = await on.db.query(
        `INSERT INTO campaigns (tenant_id, name, status, started_at) VALUES ($1, $2, 'active', $3) RETURNING id`,
        [t.id, name, sentAt],
      );
      const [step] = await on.db.query(
        `INSERT INTO campaign_steps (tenant_id, campaign_id, position, type, content) VALUES ($1, $2, 0, 'SMS', 'Hi')
         RETURNING id`,
        [t.id, id],
      );
      await on.db.query(
        `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status)
         SELECT $1, $2, id, 'completed' FROM leads WHERE tenant_id = $1`,
        [t.id, id],
      );
      await on.db.query(
        `INSERT INTO messages (tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
                               content, provider, status, idempotency_key, created_at)
         SELECT $1, v.id, v.lead_id, $2::uuid, $3::uuid, 'outbound', 'sms', 'system', 'Hi', 'simulator', 'delivered',
                'out:' || $2::text || ':' || v.lead_id, $4
           FROM conversations v WHERE v.tenant_id = $1`,
        [t.id, id, step.id, sentAt],
      );
      return id as string;
    };
    await campaign('Warm-up', '2025-02-01T09:00:00Z');
    await on.db.query('ANALYZE');

    campaignId = await campaign('Launch', '2025-03-01T09:00:00Z');
    const ranked = `(SELECT id, row_number() OVER (ORDER BY id) AS n FROM leads WHERE tenant_id = $1)`;
    await on.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             status, idempotency_key, created_at)
       SELECT $1, v.id, v.lead_id, 'inbound', 'sms', 'lead', 'Tell me more', 'simulator', 'received',
              'in:' || v.lead_id, '2025-03-01T10:00:00Z'
         FROM conversations v JOIN ${ranked} r ON r.id = v.lead_id
        WHERE v.tenant_id = $1 AND r.n <= ${REPLIED}`,
      [t.id],
    );
    await on.db.query(
      `UPDATE leads l SET opted_out_channels = '{sms}' FROM ${ranked} r
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
    const [{ 'QUERY PLAN': plan }] = (await on.db.query(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${CAMPAIGN_REPORT_SQL}`,
      [t.id, campaignId],
    )) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
    const handled = rowsHandled(plan[0].Plan);
    // Each of a dozen steps reads the rows of both campaigns about once: some 40 a lead (11,674 here). Reading the
    // campaign's last touches per enrollment and its messages per replied lead made it 224,024.
    expect(handled).toBeGreaterThan(2 * LEADS);
    expect(handled).toBeLessThan(100 * LEADS);
  });
});
