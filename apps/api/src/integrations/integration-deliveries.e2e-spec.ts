import { SecretBox } from '@app/common';
import { ImportRunner, IntegrationDeliveryService } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import {
  applyLeadReply,
  createTenant,
  createUser,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';

/**
 * Integrations at work: the worker posts the team's events to a tenant's Slack (here a local receiver: the test
 * never reaches Slack), retries, and puts the integration in error when it keeps failing.
 */
describe('integrations: deliveries (e2e)', () => {
  const { api, worker } = useTestApiAndWorker({
    env: { WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_ATTEMPTS: '3', IMPORT_INLINE_MAX_BYTES: '0' },
  });
  const receivers = FakeHttpServer.pool();
  afterAll(() => receivers.closeAll());
  const receiver = () => receivers.start();

  async function connectSlack(tenant: TestTenant, url: string, dataTypes?: string[]): Promise<void> {
    const res = await api.http
      .post('/api/integrations/slack/connect')
      .set(tenant.admin.headers)
      .send({ credentials: { webhook_url: url }, ...(dataTypes && { config: { data_types: dataTypes } }) });
    expect(res.status).toBe(200);
  }

  const slackOf = async (tenant: TestTenant) =>
    (
      (await api.http.get('/api/integrations').set(tenant.admin.headers)).body.data as {
        id: string;
        status: string;
        last_sync: string | null;
        last_error: string | null;
      }[]
    ).find((i) => i.id === 'slack')!;

  const reply = (tenant: TestTenant, from: string, body: string) =>
    applyLeadReply(api.app, tenant.id, { from, body, now: new Date() });

  it("posts a lead's message to the tenant's Slack from the worker and records the sync; another tenant gets none", async () => {
    const a = await createTenant(api.http);
    const b = await createTenant(api.http);
    const slackA = await receiver();
    const slackB = await receiver();
    await connectSlack(a, `${slackA.url}/services/T0001/B0002/secret`);
    await connectSlack(b, `${slackB.url}/services/T0003/B0004/secret`);
    expect((await slackOf(a)).last_sync).toBeNull();

    await reply(a, '+14155550123', 'Yes, interested <@everyone> & more');
    const request = await waitFor(() => slackA.requests[0], 15_000, 'the Slack post');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/services/T0001/B0002/secret');
    expect(request.headers['content-type']).toBe('application/json');
    // Slack's mrkdwn escapes: the lead's words make no mention or link.
    expect(request.json).toEqual({
      text: '*New sms message from +14155550123*\nYes, interested &lt;@everyone&gt; &amp; more',
    });
    const synced = await waitFor(async () => {
      const s = await slackOf(a);
      return s.last_sync ? s : undefined;
    });
    expect(synced).toMatchObject({ status: 'connected', last_error: null });

    await reply(b, '+14155550124', 'Hello from B');
    await waitFor(() => slackB.requests.length === 1, 15_000, "B's post");
    expect((slackB.requests[0].json as { text: string }).text).toContain('Hello from B');
    expect(slackA.requests).toHaveLength(1);
  });

  it('POSTs the event as JSON to a Zapier hook, with its API key as a bearer token', async () => {
    const tenant = await createTenant(api.http);
    const zap = await receiver();
    const res = await api.http
      .post('/api/integrations/zapier/connect')
      .set(tenant.admin.headers)
      .send({ credentials: { webhookUrl: `${zap.url}/hooks/catch/1/a`, apiKey: 'zk_0123456789' } });
    expect(res.status).toBe(200);
    const { leadId, messageId } = await reply(tenant, '+14155550134', 'Hi there');
    const request = await waitFor(
      () => zap.requests.find((r) => (r.json as { data_type: string }).data_type === 'messages'),
      15_000,
      'the Zapier post',
    );
    expect(request.path).toBe('/hooks/catch/1/a');
    expect(request.headers.authorization).toBe('Bearer zk_0123456789');
    expect(request.json).toEqual({
      event: 'message.received',
      data_type: 'messages',
      title: 'New sms message from +14155550134',
      text: 'Hi there',
      data: { lead_id: leadId, conversation_id: expect.any(String), message_id: messageId, channel: 'sms' },
      timestamp: expect.any(String),
    });
  });

  it('posts a finished import to Slack (the notifications source), and only the data types it takes', async () => {
    const tenant = await createTenant(api.http);
    const slack = await receiver();
    await connectSlack(tenant, slack.url, ['imports']);
    await reply(tenant, '+14155550125', 'Not sent: messages are not taken');
    const upload = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('default_country', 'US')
      .attach('file', Buffer.from('email,first_name\na@example.com,Ann\nnot-an-email,Bob\n'), {
        filename: 'leads.csv',
        contentType: 'text/csv',
      });
    expect(upload.status).toBe(202);
    await api.app.get(ImportRunner).run(tenant.id, upload.body.data.import_id);
    const request = await waitFor(() => slack.requests[0], 15_000, 'the import post');
    expect(request.json).toEqual({
      text: '*Lead import completed*\nYour import finished: 1 created, 0 updated, 1 invalid',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.requests).toHaveLength(1);
  });

  it('retries, then puts the integration in error, raises integration.error once, and recovers on the next success', async () => {
    const tenant = await createTenant(api.http);
    const phone = '+14155550126';
    // A receiver that echoes what it got: none of it is kept.
    const slack = (await receiver()).reply({ status: 500, body: { echo: phone } });
    const hook = await receiver();
    const endpoint = await api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url: hook.url, events: ['integration.error'] });
    expect(endpoint.status).toBe(201);
    await connectSlack(tenant, slack.url);

    await reply(tenant, phone, 'First');
    const failed = await waitFor(
      async () => {
        const s = await slackOf(tenant);
        return s.status === 'error' ? s : undefined;
      },
      15_000,
      'the error status',
    );
    expect(slack.requests).toHaveLength(3);
    expect(failed).toMatchObject({ last_error: 'The receiver answered 500', last_sync: null });
    const raised = await waitFor(() => hook.requests[0], 15_000, 'integration.error');
    expect(raised.json).toMatchObject({
      event: 'integration.error',
      data: {
        id: 'slack',
        type: 'slack',
        name: 'Slack',
        status: 'error',
        error: 'The receiver answered 500',
        last_sync: null,
      },
    });
    // What failed stays in the failed set for admins, with ids only: nothing the lead or the receiver said.
    const jobs = await api.app.get(JobProducer).queue(QueueName.WebhookDeliveries).getFailed();
    const job = await waitFor(() => jobs.find((j) => j.name === 'integrations.deliver'));
    expect(
      JSON.stringify([job.data, job.failedReason, await api.db.query('SELECT * FROM integrations')]),
    ).not.toContain(phone.slice(2));

    // Still in error: another failure raises nothing new.
    await reply(tenant, '+14155550127', 'Second');
    await waitFor(() => slack.requests.length === 6, 15_000, 'the second failure');
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.requests).toHaveLength(1);

    slack.reset().reply({ status: 200, body: 'ok' });
    await reply(tenant, '+14155550128', 'Third');
    const recovered = await waitFor(async () => {
      const s = await slackOf(tenant);
      return s.status === 'connected' ? s : undefined;
    });
    expect(recovered).toMatchObject({ last_error: null, last_sync: expect.any(String) });
  });

  it("gives up at once on Slack's 404 (a revoked webhook), keeping Slack's error code", async () => {
    const tenant = await createTenant(api.http);
    const slack = (await receiver()).reply({ status: 404, body: 'no_service' });
    await connectSlack(tenant, slack.url);
    await reply(tenant, '+14155550129', 'Hello');
    const failed = await waitFor(async () => {
      const s = await slackOf(tenant);
      return s.status === 'error' ? s : undefined;
    });
    expect(failed.last_error).toBe('The receiver answered 404 (no_service)');
    expect(slack.requests).toHaveLength(1);
  });

  it('refuses at delivery an address the egress policy does not allow (SSRF), without retrying', async () => {
    const tenant = await createTenant(api.http);
    const slack = await receiver();
    await connectSlack(tenant, slack.url, ['messages']);
    // Saved while allowed; the address is loopback outside EGRESS_ALLOWED now (127.0.0.2: a name re-pointed, say).
    const refused = JSON.stringify({ webhook_url: slack.url.replace('127.0.0.1', '127.0.0.2') });
    await api.db.query(`UPDATE integrations SET credentials_sealed = $2 WHERE tenant_id = $1`, [
      tenant.id,
      new SecretBox(api.config.encryptionKey).encrypt(refused),
    ]);
    await reply(tenant, '+14155550130', 'Hello');
    const failed = await waitFor(async () => {
      const s = await slackOf(tenant);
      return s.status === 'error' ? s : undefined;
    });
    expect(failed.last_error).toMatch(/private, loopback or reserved/);
    expect(slack.requests).toHaveLength(0);
  });

  it('posts a lead that reached the qualification score once, however many users it notified', async () => {
    const tenant = await createTenant(api.http);
    await createUser(api.http, tenant, 'manager');
    const slack = await receiver();
    await connectSlack(tenant, slack.url, ['leads']);
    await reply(tenant, '+14155550133', 'Yes, I am very interested, tell me more about pricing');
    const request = await waitFor(() => slack.requests[0], 15_000, 'the qualified lead');
    expect((request.json as { text: string }).text).toMatch(
      /^\*New qualified lead\*\n\+14155550133 reached a score of \d+ and is ready for follow-up$/,
    );
    // Its admin and its manager were each notified: Slack hears of it once.
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(n).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.requests).toHaveLength(1);
  });

  it('sends nothing about a lead erased before its delivery ran, and stops sending once disconnected', async () => {
    const tenant = await createTenant(api.http);
    const slack = await receiver();
    const { messageId, leadId } = await reply(tenant, '+14155550131', 'Call me about the roof');
    await connectSlack(tenant, slack.url, ['messages']);
    const integrationId = (
      await api.db.query(`SELECT id FROM integrations WHERE tenant_id = $1`, [tenant.id])
    )[0].id as string;
    const payload = {
      tenant_id: tenant.id,
      integration_id: integrationId,
      data_type: 'messages',
      source: 'message' as const,
      subject_id: messageId,
      occurred_at: new Date().toISOString(),
    };
    const deliveries = worker.app.get(IntegrationDeliveryService);
    expect(await deliveries.deliver(payload)).toBe('delivered');
    expect(slack.requests).toHaveLength(1);

    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);
    expect(await deliveries.deliver(payload)).toBe('gone');
    expect(slack.requests).toHaveLength(1);
    expect(
      JSON.stringify(await api.db.query('SELECT * FROM integrations WHERE tenant_id = $1', [tenant.id])),
    ).not.toContain('roof');

    const off = await api.http.post('/api/integrations/slack/disconnect').set(tenant.admin.headers);
    expect(off.status).toBe(200);
    await reply(tenant, '+14155550132', 'After the disconnect');
    const another = (
      await api.db.query(`SELECT id FROM messages WHERE tenant_id = $1 AND content = $2`, [
        tenant.id,
        'After the disconnect',
      ])
    )[0].id as string;
    expect(await deliveries.deliver({ ...payload, subject_id: another })).toBe('disconnected');
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.requests).toHaveLength(1);
  });
});
