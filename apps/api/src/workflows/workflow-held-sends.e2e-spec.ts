import { SimulatorLedger } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  applyLeadReply,
  createTenant,
  createTestApi,
  createTestWorker,
  TestApi,
  TestTenant,
  TestWorker,
  waitFor,
  zoneInDaytime,
} from '@app/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CampaignRows } from '../campaign-control/campaign-rows.fixture';
import { activeWorkflow, listRuns, runOf, smsNode, triggerNode, waitNode } from './workflow-runs.fixture';

/**
 * A workflow send held while a human holds its lead (outcome `human_hold`) goes as soon as the lead is handed back,
 * whichever way it is handed back, not at its next look 15 minutes on; and not while anything still holds the lead.
 */
describe('workflows: held sends and the ways a lead is handed back (e2e)', () => {
  let api: TestApi;
  let worker: TestWorker;
  let db: DataSource;
  let redis: Redis;
  let ledger: SimulatorLedger;

  beforeAll(async () => {
    api = await createTestApi({ env: { SIMULATOR_REPLY_RATE: '0', SIMULATOR_FAILURE_RATE: '0' } });
    worker = await createTestWorker({ config: api.config });
    db = api.app.get(DataSource);
    redis = new Redis(api.config.redis.url);
    ledger = new SimulatorLedger(redis, api.config.redisKey('simulator'));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    redis.disconnect();
  });

  const queue = () => api.app.get(JobProducer).queue(QueueName.Workflows);
  const sentTo = (tenant: TestTenant, phone: string) => ledger.sentTo(tenant.id, 'sms', phone, new Date(0));

  /** A lead whose workflow send is held by a human: its wait over, its send `waiting` with outcome human_hold. */
  async function heldSend(tenant: TestTenant, phone: string, hold: (leadId: string) => Promise<void>) {
    const id = await activeWorkflow(api, tenant, 'lead.created', [
      triggerNode,
      waitNode,
      smsNode('Back to you'),
    ]);
    // In daytime when the send goes, on the worker's clock.
    const sendsAt = new Date(worker.clock.nowMs() + 2 * 3_600_000 + 5 * 60_000);
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', phone, timezone: zoneInDaytime(sendsAt) });
    expect(res.status).toBe(201);
    const leadId = res.body.data.id as string;
    const waiting = await runOf(api, tenant, id, leadId, 'waiting');
    await hold(leadId);
    const job = await waitFor(
      async () => (await queue().getDelayed()).find((j) => j.data.run_id === waiting.id),
      15_000,
      'the delayed job',
    );
    worker.clock.advance(2 * 3_600_000 + 60_000);
    await job.promote();
    await waitFor(
      async () =>
        (await listRuns(api, tenant, id)).find(
          (r) => r.path[2]?.outcome === 'human_hold' && r.status === 'waiting',
        ),
      15_000,
      'a held send',
    );
    return { workflowId: id, leadId };
  }

  it('cancelling the campaign whose override held the lead sends at once, once no other campaign holds it', async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(db, tenant.id);
    // Overridden on WhatsApp, where the lead has no conversation: the paused enrollments alone hold the lead.
    const first = await rows.campaign('active', [{ type: 'WHATSAPP' }]);
    const second = await rows.campaign('paused', [{ type: 'WHATSAPP' }]);
    const phone = '+14155558101';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      await rows.enroll(first.id, lead, { ai_paused: true });
      await rows.enroll(second.id, lead, { ai_paused: true });
    });
    const cancel = (campaignId: string) =>
      api.http.post(`/api/campaigns/${campaignId}/cancel`).set(tenant.admin.headers);

    // The other campaign still holds the lead: the send stays held.
    expect((await cancel(first.id)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [still] = await listRuns(api, tenant, workflowId);
    expect(still).toMatchObject({ status: 'waiting', path: [{}, {}, { outcome: 'human_hold' }] });
    expect(await sentTo(tenant, phone)).toEqual([]);

    // Handed back: no clock moved on, no delayed job brought forward.
    expect((await cancel(second.id)).status).toBe(200);
    const done = await runOf(api, tenant, workflowId, leadId, 'completed');
    expect(done.path[2]).toMatchObject({ node_id: 'send', status: 'done', outcome: 'sent' });
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Back to you']);
  });

  it('archiving the campaign that held the lead (DELETE, which cancels it) sends at once', async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(db, tenant.id);
    const campaign = await rows.campaign('paused', [{ type: 'WHATSAPP' }]);
    const phone = '+14155558102';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      await rows.enroll(campaign.id, lead, { ai_paused: true });
    });

    expect((await api.http.delete(`/api/campaigns/${campaign.id}`).set(tenant.admin.headers)).status).toBe(
      200,
    );
    await runOf(api, tenant, workflowId, leadId, 'completed');
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Back to you']);
  });

  it('a reply that stops the campaign holding the lead (stop_on_reply) sends at once', async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'WHATSAPP' }]);
    const phone = '+14155558103';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      // The lead wrote first on SMS, with the AI: that conversation stays with it when the override comes.
      await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Hello', now: new Date() });
      await rows.enroll(campaign.id, lead, { ai_paused: true });
    });

    await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Thanks, got it', now: new Date() });
    const [enrollment] = await db.query(`SELECT status FROM campaign_enrollments WHERE lead_id = $1`, [
      leadId,
    ]);
    expect(enrollment.status).toBe('replied');
    await runOf(api, tenant, workflowId, leadId, 'completed');
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Back to you']);
  });

  it('a meeting request read in a reply stops the campaign holding the lead, and sends at once', async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'WHATSAPP' }]);
    // It sends on after replies: the reply leaves it, its classification (a meeting request) stops it.
    await db.query(`UPDATE campaigns SET stop_on_reply = false WHERE id = $1`, [campaign.id]);
    const phone = '+14155558104';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Hello', now: new Date() });
      await rows.enroll(campaign.id, lead, { ai_paused: true });
    });

    await applyLeadReply(api.app, tenant.id, {
      from: phone,
      body: 'Can we set up a call Thursday?',
      now: new Date(),
    });
    await runOf(api, tenant, workflowId, leadId, 'completed');
    const [enrollment] = await db.query(
      `SELECT status, stop_reason FROM campaign_enrollments WHERE lead_id = $1`,
      [leadId],
    );
    expect(enrollment).toEqual({ status: 'stopped', stop_reason: 'meeting_requested' });
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Back to you']);
  });
});
