import {
  applyLeadReply,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';

/** An integration's delivery log: each event posted to it, its status and attempts, kept as webhook deliveries are. */
describe('integrations: delivery log (e2e)', () => {
  const { api } = useTestApiAndWorker({
    env: { WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_ATTEMPTS: '3' },
  });
  let slack: FakeHttpServer;

  beforeAll(async () => {
    slack = await FakeHttpServer.start();
  });
  afterAll(() => slack.close());

  const log = (tenant: TestTenant, query = '', headers = tenant.admin.headers) =>
    api.http.get(`/api/integrations/slack/deliveries${query}`).set(headers);

  it('lists each event posted, newest first and by status, with its attempts; another tenant sees none of them', async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    // The first event: a 500, then taken; the second: Slack's 404 (not retried).
    slack.reply({ status: 500 }, { status: 200 }, { status: 404, body: 'no_service' });
    const connected = await api.http
      .post('/api/integrations/slack/connect')
      .set(tenant.admin.headers)
      .send({
        credentials: { webhook_url: `${slack.url}/services/T1/B2/x` },
        config: { data_types: ['messages'] },
      });
    expect(connected.status).toBe(200);
    expect((await log(tenant)).body).toEqual({
      success: true,
      data: [],
      meta: { total: 0, limit: 50, offset: 0 },
    });

    const first = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550140',
      body: 'Hi',
      now: new Date(),
    });
    const delivered = await waitFor(async () => {
      const res = await log(tenant);
      return res.body.data[0]?.status === 'delivered' ? res.body.data[0] : undefined;
    }, 15_000);
    expect(delivered).toEqual({
      id: expect.any(String),
      event: 'message.received',
      data_type: 'messages',
      source: 'message',
      subject_id: first.messageId,
      occurred_at: expect.any(String),
      status: 'delivered',
      attempt_count: 2,
      last_status_code: 200,
      last_error: null,
      attempts: [
        {
          attempt: 1,
          at: expect.any(String),
          status_code: 500,
          duration_ms: expect.any(Number),
          error: 'The receiver answered 500',
        },
        {
          attempt: 2,
          at: expect.any(String),
          status_code: 200,
          duration_ms: expect.any(Number),
          error: null,
        },
      ],
      delivered_at: expect.any(String),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const second = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550141',
      body: 'Hello',
      now: new Date(),
    });
    const failed = await waitFor(async () => {
      const res = await log(tenant, '?status=failed');
      return res.body.data[0];
    }, 15_000);
    expect(failed).toMatchObject({
      subject_id: second.messageId,
      status: 'failed',
      attempt_count: 1,
      last_status_code: 404,
      last_error: 'The receiver answered 404 (no_service)',
      delivered_at: null,
    });
    const all = await log(tenant);
    expect(all.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
    expect(all.body.data.map((d: { subject_id: string }) => d.subject_id)).toEqual([
      second.messageId,
      first.messageId,
    ]);
    const page = await log(tenant, '?status=delivered&limit=1');
    expect(page.body.meta).toEqual({ total: 1, limit: 1, offset: 0 });
    expect(page.body.data[0].subject_id).toBe(first.messageId);
    // Nothing of what was sent is kept.
    expect(JSON.stringify(all.body)).not.toContain('Hello');

    const theirs = await log(other);
    expect(theirs.status).toBe(200);
    expect(theirs.body.meta.total).toBe(0);
  });

  it('refuses an agent (403), an unknown integration (404) and an unknown status (400); a manager reads it', async () => {
    const tenant = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    const manager = await createUser(api.http, tenant, 'manager');
    expectError(await log(tenant, '', agent.headers), 403, 'AUTHORIZATION_FAILED');
    expect((await log(tenant, '', manager.headers)).status).toBe(200);
    expectError(
      await api.http.get('/api/integrations/hubspot/deliveries').set(tenant.admin.headers),
      404,
      'NOT_FOUND',
    );
    expectValidation(await log(tenant, '?status=lost'), ['status']);
  });
});
