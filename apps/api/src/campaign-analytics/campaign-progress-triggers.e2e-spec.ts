import {
  ClassificationService,
  EmailTracking,
  InboundMessagesService,
  MessageStatusService,
} from '@app/domain';
import type { InboundMessage } from '@app/providers';
import { createTenant, createTestApi, TestApi, TestTenant, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, at } from './campaign-analytics.fixture';
import { hearProgress, listenProgress, ProgressTotals } from './campaign-progress.fixture';

/**
 * Issue 5 item 7: `campaign:progress` follows what moves a campaign's totals after its sends: a delivery report
 * (delivered, failed), a lead's reply (replied) and a STOP (opted out), applied as the worker applies them, and
 * what the classifier then makes of a reply (an out-of-office resume, an unsubscribe, a meeting request). A
 * campaign past its last step, or waiting out a DELAY, has no step run to raise the event for it.
 */
describe('campaign:progress on deliveries, replies, opt-outs and classifications (e2e)', () => {
  let api: TestApi;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi();
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await api.close();
  });

  /** A campaign whose one SMS step went to two leads (both waiting out a DELAY), and a live client of the tenant. */
  async function setUp(): Promise<{
    tenant: TestTenant;
    campaign: string;
    phones: string[];
    messages: string[];
    heard: ProgressTotals[];
  }> {
    const tenant = await createTenant(api.http);
    const db = api.app.get(DataSource);
    const f = new AnalyticsFixture(db, tenant.id);
    const campaign = await f.campaign({
      name: 'Live',
      status: 'active',
      started_at: at(0),
      steps: ['SMS', 'DELAY'],
    });
    const phones = ['+14155550181', '+14155550182'];
    for (const [i, phone] of phones.entries()) {
      const res = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .send({ first_name: `L${i}`, phone })
        .expect(201);
      f.leads.set(phone, res.body.data.id);
      await f.enroll(
        campaign,
        { key: phone, first_name: `L${i}`, enrollment: { status: 'waiting', current_step: 1 } },
        at(0),
      );
      await f.outbound(campaign, { lead: phone, step: 0, channel: 'sms', status: 'sent', at: at(0.1) });
    }
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM messages WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id = $3 DESC`,
      [tenant.id, campaign, f.leads.get(phones[0])],
    );
    const heard = await listenProgress(api.url, tenant.admin.token, sockets);
    return { tenant, campaign, phones, messages: rows.map((r) => r.id), heard };
  }

  /** The first event heard after `from` whose totals match. */
  const hear = (heard: ProgressTotals[], from: number, totals: Record<string, number>, what: string) =>
    hearProgress(heard, totals, what, from);

  const sms = (from: string, body: string): InboundMessage => ({
    channel: 'sms',
    from,
    to: '+14155559999',
    body,
    provider_message_id: `SM${randomUUID().replace(/-/g, '')}`,
    received_at: api.clock.now().toISOString(),
  });

  /** Applies the lead's message as the worker does; answers the message's id. */
  async function inbound(tenantId: string, message: InboundMessage): Promise<string> {
    const db = api.app.get(DataSource);
    const [row] = await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'simulator', 'message', $2, $3) RETURNING id`,
      [tenantId, message.provider_message_id, JSON.stringify(message)],
    );
    await api.app
      .get(InboundMessagesService)
      .apply(tenantId, { id: row.id as string, provider: 'simulator' }, message);
    const [recorded] = await db.query(
      `SELECT id FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`,
      [tenantId, message.provider_message_id],
    );
    return recorded.id as string;
  }

  /** The message's classification job, as the worker runs it (built-in model). */
  const classify = (tenantId: string, messageId: string) =>
    api.app
      .get(ClassificationService)
      .classify(tenantId, messageId, { reclassify: false, lastAttempt: false });

  it("a delivery report moves the campaign's delivered and failed totals live", async () => {
    const { tenant, campaign, messages, heard } = await setUp();
    const statuses = api.app.get(MessageStatusService);
    const report = (id: string, status: 'delivered' | 'failed') =>
      statuses.apply(tenant.id, 'simulator', id, {
        provider_message_id: `SM${randomUUID().replace(/-/g, '')}`,
        status,
        ...(status === 'failed' ? { error_code: '30003' } : {}),
      });
    await report(messages[0], 'delivered');
    const first = await hear(heard, 0, { sent: 2, delivered: 1, failed: 0 }, 'progress after a delivery');
    expect(first.campaign_id).toBe(campaign);
    const seen = heard.length;
    await report(messages[1], 'failed');
    await hear(heard, seen, { sent: 1, delivered: 1, failed: 1 }, 'progress after a failure');
  });

  it("a lead's reply and another's STOP move replied and opted_out live", async () => {
    const { tenant, campaign, phones, heard } = await setUp();
    await inbound(tenant.id, sms(phones[0], 'Yes, tell me more'));
    const replied = await hear(heard, 0, { replied: 1, opted_out: 0 }, 'progress after a reply');
    expect(replied.campaign_id).toBe(campaign);
    const seen = heard.length;
    await inbound(tenant.id, sms(phones[1], 'STOP'));
    // A STOP is a message of the lead that answers the campaign: campaign analytics counts it replied too.
    await hear(heard, seen, { replied: 2, opted_out: 1 }, 'progress after a STOP');
    const analytics = await api.http
      .get(`/api/campaigns/${campaign}/analytics`)
      .set(tenant.admin.headers)
      .expect(200);
    expect(analytics.body.data).toMatchObject({ replied: 2, opted_out: 1 });
  });

  it('an out-of-office reading that resumes the sequence moves replied back live', async () => {
    const { tenant, campaign, phones, heard } = await setUp();
    const away = await inbound(tenant.id, sms(phones[0], 'I am out of the office until next Monday.'));
    await hear(heard, 0, { replied: 1 }, 'progress after the reply');
    const seen = heard.length;
    await classify(tenant.id, away);
    const [enrollment] = await api.app
      .get(DataSource)
      .query(
        `SELECT status FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 AND status <> 'waiting'`,
        [tenant.id, campaign],
      );
    expect(enrollment).toBeUndefined();
    expect(
      (await hear(heard, seen, { replied: 0 }, 'progress after the out-of-office reading')).campaign_id,
    ).toBe(campaign);
  });

  it('an unsubscribe the classifier reads in free text moves opted_out live', async () => {
    const { tenant, phones, heard } = await setUp();
    const asked = await inbound(tenant.id, sms(phones[0], 'Please remove me from your list'));
    await hear(heard, 0, { replied: 1, opted_out: 0 }, 'progress after the reply');
    const seen = heard.length;
    await classify(tenant.id, asked);
    await hear(heard, seen, { opted_out: 1 }, 'progress after the classified unsubscribe');
  });

  it('a meeting request that stops a sequence the reply did not stop (stop_on_reply off) moves it live', async () => {
    const { tenant, campaign, phones, heard } = await setUp();
    const db = api.app.get(DataSource);
    // A campaign that sends on after replies, its send to the lead in flight: the reply itself stops nothing.
    await db.query(`UPDATE campaigns SET stop_on_reply = false WHERE id = $1`, [campaign]);
    await db.query(
      `UPDATE campaign_enrollments SET status = 'in_progress' WHERE tenant_id = $1 AND campaign_id = $2`,
      [tenant.id, campaign],
    );
    const meeting = await inbound(tenant.id, sms(phones[0], 'Can we set up a call Thursday?'));
    await classify(tenant.id, meeting);
    const [stopped] = await db.query(
      `SELECT count(*)::int AS n FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 AND stop_reason = 'meeting_requested'`,
      [tenant.id, campaign],
    );
    expect(stopped.n).toBe(1);
    await hear(heard, 0, { enrolled: 2, queued: 1 }, 'progress after the meeting request');
  });

  it('replied counts who replied as campaign analytics does, in a campaign that sends on after replies', async () => {
    const { tenant, campaign, phones, heard } = await setUp();
    const db = api.app.get(DataSource);
    // stop_on_reply off: a reply leaves the enrollment waiting for its next step, never `replied`.
    await db.query(`UPDATE campaigns SET stop_on_reply = false WHERE id = $1`, [campaign]);
    const answer = await inbound(tenant.id, sms(phones[0], 'Yes, tell me more'));
    const live = await hear(heard, 0, { replied: 1 }, 'progress after a reply that stops nothing');
    expect(live).toMatchObject({ campaign_id: campaign, totals: { enrolled: 2, replied: 1, opted_out: 0 } });
    const statuses = await db.query(
      `SELECT status FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2`,
      [tenant.id, campaign],
    );
    expect(statuses).toEqual([{ status: 'waiting' }, { status: 'waiting' }]);
    const analytics = async () =>
      (await api.http.get(`/api/campaigns/${campaign}/analytics`).set(tenant.admin.headers).expect(200)).body
        .data;
    expect(await analytics()).toMatchObject({ replied: 1 });
    // Read as an out-of-office auto-reply, it is no reply: 0 live and in analytics.
    await db.query(`UPDATE messages SET content = $2 WHERE id = $1`, [
      answer,
      'I am out of the office until next Monday.',
    ]);
    const seen = heard.length;
    await classify(tenant.id, answer);
    await hear(heard, seen, { replied: 0 }, 'progress after the out-of-office reading');
    expect(await analytics()).toMatchObject({ replied: 0 });
  });

  /**
   * A lead whose sequence in a campaign is over (completed) is still counted in its opted_out when it opts out of the
   * channel the campaign last wrote to it on: nothing is stopped, yet the total moves.
   */
  it('a do-not-contact entry added or removed, or a lead moved onto a listed number, moves opted_out live', async () => {
    const { tenant, campaign, phones, heard } = await setUp();
    const [moved]: { id: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [tenant.id, phones[1]]);
    const opted = async () =>
      (await api.http.get(`/api/campaigns/${campaign}/analytics`).set(tenant.admin.headers).expect(200)).body
        .data.opted_out as number;
    // The list flags the lead (opted_out_channels sms); nothing of the lead's own happened, no enrollment moved.
    const listed = await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ phone: phones[0], channel: 'sms' })
      .expect(201);
    expect(listed.body.data.leads_flagged).toBe(1);
    const added = await hear(heard, 0, { opted_out: 1 }, 'progress after a DNC entry');
    expect(added.campaign_id).toBe(campaign);
    expect(await opted()).toBe(1);
    // The other lead edited onto a number already listed.
    const other = '+14155550189';
    await api.http
      .post('/api/dnc')
      .set(tenant.admin.headers)
      .send({ phone: other, channel: 'sms' })
      .expect(201);
    let seen = heard.length;
    await api.http
      .patch(`/api/leads/${moved.id}`)
      .set(tenant.admin.headers)
      .send({ phone: other })
      .expect(200);
    await hear(heard, seen, { opted_out: 2 }, 'progress after a lead moved onto a listed number');
    expect(await opted()).toBe(2);
    seen = heard.length;
    await api.http.delete(`/api/dnc/${listed.body.data.id}`).set(tenant.admin.headers).expect(200);
    await hear(heard, seen, { opted_out: 1 }, 'progress after a DNC entry removed');
    expect(await opted()).toBe(1);
  });

  it("a lead's erasure takes its enrollment out of the campaign's totals live", async () => {
    const { tenant, campaign, phones, heard } = await setUp();
    const [erased]: { id: string }[] = await api.app
      .get(DataSource)
      .query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [tenant.id, phones[0]]);
    await api.http.delete(`/api/leads/${erased.id}?erase=true`).set(tenant.admin.headers).expect(200);
    const event = await hear(heard, 0, { enrolled: 1 }, 'progress after an erasure');
    expect(event.campaign_id).toBe(campaign);
  });

  describe('an opt-out from a lead whose enrollment completed', () => {
    async function completedLead(steps: string[], channel: string) {
      const tenant = await createTenant(api.http);
      const db = api.app.get(DataSource);
      const f = new AnalyticsFixture(db, tenant.id);
      const campaign = await f.campaign({ name: 'Done', status: 'active', started_at: at(0), steps });
      // Created through the API, so that its phone and email are its identities (an inbound message finds it).
      const phone = '+14155550191';
      const res = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .send({ first_name: 'Dana', phone, email: `dana-${randomUUID().slice(0, 8)}@example.test` })
        .expect(201);
      const lead = res.body.data.id as string;
      f.leads.set('Dana', lead);
      await f.enroll(
        campaign,
        { key: 'Dana', first_name: 'Dana', enrollment: { status: 'completed', current_step: 1 } },
        at(0),
      );
      await f.outbound(campaign, { lead: 'Dana', step: 0, channel, status: 'sent', at: at(0.1) });
      const heard = await listenProgress(api.url, tenant.admin.token, sockets);
      return { tenant, db, f, campaign, lead, phone, heard };
    }

    const opted = async (tenant: TestTenant, campaign: string) =>
      (await api.http.get(`/api/campaigns/${campaign}/analytics`).set(tenant.admin.headers).expect(200)).body
        .data.opted_out as number;

    it("its email's unsubscribe link moves opted_out live", async () => {
      const { tenant, db, campaign, lead, heard } = await completedLead(['EMAIL'], 'email');
      const [{ id: message }] = await db.query(
        `SELECT id FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'outbound'`,
        [tenant.id, lead],
      );
      const tracking = new EmailTracking(api.config.encryptionKey, api.config.publicBaseUrl);
      const url = tracking.unsubscribeUrl(message).replace(api.config.publicBaseUrl.replace(/\/+$/, ''), '');
      await api.http.post(url).type('form').send('List-Unsubscribe=One-Click').expect(200);
      const event = await hear(heard, 0, { opted_out: 1 }, 'progress after the unsubscribe link');
      expect(event).toMatchObject({
        campaign_id: campaign,
        totals: { enrolled: 1, completed: 1, opted_out: 1 },
      });
      expect(await opted(tenant, campaign)).toBe(1);
    });

    it('a STOP on its channel moves opted_out live, though the STOP answers a later campaign on another channel', async () => {
      const { tenant, f, campaign, phone, heard } = await completedLead(['SMS'], 'sms');
      // A later campaign emailed the lead: the STOP answers that one (its replied), the SMS campaign stops nothing.
      const later = await f.campaign({
        name: 'Later',
        status: 'active',
        started_at: at(0),
        steps: ['EMAIL', 'DELAY'],
      });
      await f.enroll(
        later,
        { key: 'Dana', first_name: 'Dana', enrollment: { status: 'waiting', current_step: 1 } },
        at(0.2),
      );
      await f.outbound(later, { lead: 'Dana', step: 0, channel: 'email', status: 'sent', at: at(0.3) });
      await inbound(tenant.id, sms(phone, 'STOP'));
      const events = () => heard.filter((e) => e.campaign_id === campaign);
      await waitFor(
        () => events().find((e) => e.totals.opted_out === 1),
        8_000,
        'progress of the SMS campaign',
      );
      expect(await opted(tenant, campaign)).toBe(1);
    });
  });
});
