import { InboundMessagesService } from '@app/domain';
import type { InboundMessage } from '@app/providers';
import { createTenant, createTestApi, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { sentEmail } from '../webhooks/sent-email.fixture';
import { AnalyticsFixture, at } from './campaign-analytics.fixture';
import { hearProgress, listenProgress } from './campaign-progress.fixture';

/**
 * `campaign:progress` follows a lead's contact flags wherever they change (refreshContactFlags), as it does for the
 * do-not-contact list's own routes (campaign-progress-triggers): a lead import that fills in an address the list
 * names for a channel, and a hard bounce that closes the lead's address, move the opted_out of the running campaign
 * that last wrote to the lead on that channel.
 */
describe("campaign:progress when an import or a bounce changes a lead's contact flags (e2e)", () => {
  let api: TestApi;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi();
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await api.close();
  });

  /** An active campaign whose one `channel` step went to the lead (waiting out a DELAY), and a live client. */
  async function running(tenant: TestTenant, leadId: string, channel: 'sms' | 'email') {
    const db = api.app.get(DataSource);
    const f = new AnalyticsFixture(db, tenant.id);
    const campaign = await f.campaign({
      name: 'Live',
      status: 'active',
      started_at: at(0),
      steps: [channel.toUpperCase(), 'DELAY'],
    });
    f.leads.set('Lead', leadId);
    await f.enroll(
      campaign,
      { key: 'Lead', first_name: 'Lead', enrollment: { status: 'waiting', current_step: 1 } },
      at(0),
    );
    await f.outbound(campaign, { lead: 'Lead', step: 0, channel, status: 'sent', at: at(0.1) });
    const heard = await listenProgress(api.url, tenant.admin.token, sockets);
    return { campaign, heard };
  }

  const optedOut = async (tenant: TestTenant, campaign: string) =>
    (await api.http.get(`/api/campaigns/${campaign}/analytics`).set(tenant.admin.headers).expect(200)).body
      .data.opted_out as number;

  it('a lead import that fills in a number listed for SMS moves opted_out live', async () => {
    const tenant = await createTenant(api.http);
    const email = `ida-${randomUUID().slice(0, 8)}@example.test`;
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ida', email })
      .expect(201);
    const { campaign, heard } = await running(tenant, lead.body.data.id as string, 'sms');
    const phone = '+14155550193';
    await api.http.post('/api/dnc').set(tenant.admin.headers).send({ phone, channel: 'sms' }).expect(201);
    const imported = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('on_duplicate', 'update')
      .attach('file', Buffer.from(`first_name,email,phone\nIda,${email},${phone}\n`), {
        filename: 'leads.csv',
        contentType: 'text/csv',
      })
      .expect(200);
    expect(imported.body.data.results).toMatchObject({ updated: 1 });
    const event = await hearProgress(
      heard,
      { opted_out: 1 },
      'progress after the import filled in a listed number',
    );
    expect(event.campaign_id).toBe(campaign);
    expect(await optedOut(tenant, campaign)).toBe(1);
  });

  it("a hard bounce of an agent's email moves opted_out of the campaign that last emailed the lead live", async () => {
    const tenant = await createTenant(api.http);
    const db = api.app.get(DataSource);
    // The bounced email is an agent's (no campaign's): its failure moves no campaign's sent or failed.
    const sent = await sentEmail(api, db, tenant, `bo-${randomUUID().slice(0, 8)}@example.test`);
    const { campaign, heard } = await running(tenant, sent.leadId, 'email');
    const [{ email }] = await db.query(`SELECT email FROM leads WHERE id = $1`, [sent.leadId]);
    const report: InboundMessage = {
      channel: 'email',
      from: 'mailer-daemon@mail.clinic.example',
      to: 'inbox@clinic.example',
      body: '',
      provider_message_id: `<dsn-${randomUUID()}@mail.clinic.example>`,
      bounce: {
        action: 'failed',
        permanent: true,
        status: '5.1.1',
        recipient: email as string,
        original_message_id: sent.messageId,
        diagnostic: '550 5.1.1 User unknown',
      },
      received_at: api.clock.now().toISOString(),
    };
    const [row] = await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'simulator', 'message', $2, $3) RETURNING id`,
      [tenant.id, report.provider_message_id, JSON.stringify(report)],
    );
    await api.app
      .get(InboundMessagesService)
      .apply(tenant.id, { id: row.id as string, provider: 'simulator' }, report);
    const event = await hearProgress(heard, { opted_out: 1 }, 'progress after the bounce');
    expect(event.campaign_id).toBe(campaign);
    expect(await optedOut(tenant, campaign)).toBe(1);
  });
});
