import {
  ChannelConfigsService,
  EmailTracking,
  InboundJobsService,
  InboundMessagesService,
} from '@app/domain';
import type { InboundMessage } from '@app/providers';
import { SimulatorLedger } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  applyLeadReply,
  createTenant,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
  zoneInDaytime,
} from '@app/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CampaignRows } from '../campaign-control/campaign-rows.fixture';
import { statusCallbacks } from '../webhooks/status-callbacks.fixture';
import { activeWorkflow, listRuns, runOf, smsNode, triggerNode, waitNode } from './workflow-runs.fixture';

/**
 * A workflow send held while a human holds its lead (outcome `human_hold`) goes as soon as the lead is handed back,
 * whichever way it is handed back, not at its next look 15 minutes on; and not while anything still holds the lead.
 */
describe('workflows: held sends and the ways a lead is handed back (e2e)', () => {
  // The worker's clock moves on by hours alone: the API's, which its tokens are checked by, stays.
  const { api, worker } = useTestApiAndWorker({
    env: { SIMULATOR_REPLY_RATE: '0', SIMULATOR_FAILURE_RATE: '0' },
    worker: { ownClock: true },
  });
  let redis: Redis;
  let ledger: SimulatorLedger;

  beforeAll(async () => {
    redis = new Redis(api.config.redis.url);
    ledger = new SimulatorLedger(redis, api.config.redisKey('simulator'));
  });
  afterAll(() => redis.disconnect());

  const queue = () => api.app.get(JobProducer).queue(QueueName.Workflows);
  const sentTo = (tenant: TestTenant, phone: string) => ledger.sentTo(tenant.id, 'sms', phone, new Date(0));

  /** A lead whose workflow send is held by a human: its wait over, its send `waiting` with outcome human_hold. */
  async function heldSend(
    tenant: TestTenant,
    phone: string,
    hold: (leadId: string) => Promise<void>,
    email?: string,
  ) {
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
      .send({ first_name: 'Ada', phone, email, timezone: zoneInDaytime(sendsAt) });
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

  /** An email of a campaign sent to the lead (as the sender leaves it): answers its id and its Message-ID. */
  async function emailed(tenant: TestTenant, leadId: string): Promise<{ id: string; messageId: string }> {
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [tenant.id, leadId],
    );
    const id = randomUUID();
    const messageId = `<${id}@reachline.test>`;
    await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, subject,
                             provider, provider_message_id, status, idempotency_key, external_thread_id)
       VALUES ($1, $2, $3, $4, 'outbound', 'email', 'system', 'Hello', 'News', 'simulator', $5, 'sent', $6, $5)`,
      [id, tenant.id, conversation.id, leadId, messageId, `test:${id}`],
    );
    return { id, messageId };
  }

  /** The held send went: its run completed and its SMS is sent (an opt-out of another channel spares it). */
  async function handedBack(tenant: TestTenant, phone: string, workflowId: string, leadId: string) {
    await runOf(api, tenant, workflowId, leadId, 'completed');
    const sent = await waitFor(async () => {
      const s = await sentTo(tenant, phone);
      return s.length ? s : undefined;
    });
    expect(sent.map((s) => s.body)).toEqual(['Back to you']);
  }

  const enrollmentOf = async (leadId: string) =>
    (
      await api.db.query(`SELECT status, stop_reason FROM campaign_enrollments WHERE lead_id = $1`, [leadId])
    )[0] as { status: string; stop_reason: string | null };

  it('cancelling the campaign whose override held the lead sends at once, once no other campaign holds it', async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(api.db, tenant.id);
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
    const rows = new CampaignRows(api.db, tenant.id);
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
    const rows = new CampaignRows(api.db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'WHATSAPP' }]);
    const phone = '+14155558103';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      // The lead wrote first on SMS, with the AI: that conversation stays with it when the override comes.
      await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Hello', now: new Date() });
      await rows.enroll(campaign.id, lead, { ai_paused: true });
    });

    await applyLeadReply(api.app, tenant.id, { from: phone, body: 'Thanks, got it', now: new Date() });
    const [enrollment] = await api.db.query(`SELECT status FROM campaign_enrollments WHERE lead_id = $1`, [
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
    const rows = new CampaignRows(api.db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'WHATSAPP' }]);
    // It sends on after replies: the reply leaves it, its classification (a meeting request) stops it.
    await api.db.query(`UPDATE campaigns SET stop_on_reply = false WHERE id = $1`, [campaign.id]);
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
    const [enrollment] = await api.db.query(
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

  /** A held send whose lead an active email campaign holds too, having emailed them (`email`). */
  async function heldByEmailCampaign(phone: string, address: string) {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(api.db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'EMAIL' }]);
    let email = { id: '', messageId: '' };
    const held = await heldSend(
      tenant,
      phone,
      async (lead) => {
        await rows.enroll(campaign.id, lead, { ai_paused: true });
        email = await emailed(tenant, lead);
      },
      address,
    );
    return { tenant, ...held, email };
  }

  it('a hard bounce that stops the email campaign holding the lead sends at once', async () => {
    const phone = '+14155558105';
    const { tenant, workflowId, leadId, email } = await heldByEmailCampaign(phone, 'ada-8105@example.com');

    // The mail server's report, as the inbound-email webhook records it for the worker.
    const report: InboundMessage = {
      channel: 'email',
      from: 'mailer-daemon@mail.example.com',
      to: 'inbox@clinic.example',
      body: 'Undelivered Mail Returned to Sender',
      provider_message_id: `<dsn-${randomUUID()}@mail.example.com>`,
      received_at: new Date().toISOString(),
      bounce: {
        action: 'failed',
        permanent: true,
        status: '5.1.1',
        recipient: 'ada-8105@example.com',
        original_message_id: email.messageId,
        diagnostic: '550 5.1.1 User unknown',
      },
    };
    const [event] = await api.db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'simulator', 'message', $2, $3) RETURNING id`,
      [tenant.id, report.provider_message_id, JSON.stringify(report)],
    );
    await api.app
      .get(InboundMessagesService)
      .apply(tenant.id, { id: event.id, provider: 'simulator' }, report);
    expect(await enrollmentOf(leadId)).toEqual({ status: 'stopped', stop_reason: 'bounced' });
    await handedBack(tenant, phone, workflowId, leadId);
  });

  it('the unsubscribe link that stops the email campaign holding the lead sends at once', async () => {
    const phone = '+14155558106';
    const { tenant, workflowId, leadId, email } = await heldByEmailCampaign(phone, 'ada-8106@example.com');

    const link = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl).unsubscribeUrl(
      email.id,
    );
    const res = await api.http
      .post(link.replace(api.config.publicBaseUrl.replace(/\/+$/, ''), ''))
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(await enrollmentOf(leadId)).toEqual({ status: 'stopped', stop_reason: 'opted_out' });
    await handedBack(tenant, phone, workflowId, leadId);
  });

  it("the provider's word that the lead blocked the bot stops the Telegram campaign holding the lead, and sends at once", async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(api.db, tenant.id);
    const campaign = await rows.campaign('active', [
      { type: 'AI_MESSAGE', options: { channel: 'telegram' } },
    ]);
    const phone = '+14155558107';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      await api.db.query(
        `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'telegram', '8107')`,
        [tenant.id, lead],
      );
      await rows.enroll(campaign.id, lead, { ai_paused: true });
    });

    // The block, as the Telegram webhook records it for the worker.
    const optOut = {
      channel: 'telegram',
      from: '8107',
      event_id: 'bot:8107',
      occurred_at: new Date().toISOString(),
    };
    const [event] = await api.db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'simulator', 'opt_out', 'opt_out:telegram:bot:8107', $2) RETURNING id`,
      [tenant.id, { kind: 'opt_out', channel: 'telegram', opt_out: optOut, raw: {} }],
    );
    await api.app.get(InboundJobsService).process({ tenant_id: tenant.id, event_id: event.id });
    expect(await enrollmentOf(leadId)).toEqual({ status: 'stopped', stop_reason: 'opted_out' });
    await handedBack(tenant, phone, workflowId, leadId);
  });

  it('a send the provider refused as to an unsubscribed number (21610) stops the SMS campaign holding the lead; its held send is looked at once', async () => {
    const tenant = await createTenant(api.http);
    const rows = new CampaignRows(api.db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'SMS' }]);
    const phone = '+14155558108';
    const sms = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms');
    const providerId = `SM${randomUUID().replace(/-/g, '')}`;
    let refused = '';
    const { workflowId, leadId } = await heldSend(tenant, phone, async (lead) => {
      await rows.enroll(campaign.id, lead, { ai_paused: true });
      const [conversation] = await api.db.query(
        `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
        [tenant.id, lead],
      );
      [{ id: refused }] = await api.db.query(
        `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                               provider_message_id, status, idempotency_key)
         VALUES ($1, $2, $3, 'outbound', 'sms', 'system', 'Hello', $4, $5, 'sent', $5) RETURNING id`,
        [tenant.id, conversation.id, lead, sms.provider, providerId],
      );
    });

    await statusCallbacks(api, api.db, sms).post(providerId, 'failed', refused, { ErrorCode: '21610' });
    // The lead is opted out of SMS now: the held send, looked at once, is refused rather than sent.
    const done = await runOf(api, tenant, workflowId, leadId, 'failed');
    expect(done.path[2]).toMatchObject({ node_id: 'send', outcome: 'do_not_contact' });
    expect(await enrollmentOf(leadId)).toEqual({ status: 'stopped', stop_reason: 'opted_out' });
    expect(await sentTo(tenant, phone)).toEqual([]);
  });
});
