import { createTenant, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';

/**
 * A webhook's failures in a row and its disabling: deliveries failing for good together each count (WEBHOOK_DISABLE_AFTER
 * is reached however they overlap); disabling it, by a user or by those failures, ends its pending deliveries
 * `failed`, so enabling it again sends none of them (README "Disabled") until one is asked for; and every change
 * of it is in the activity log.
 */
describe('webhooks: failures in a row and disabling (e2e)', () => {
  const { api } = useTestApiAndWorker({
    env: { WEBHOOK_RETRY_BASE_MS: '2500', WEBHOOK_ATTEMPTS: '2', WEBHOOK_DISABLE_AFTER: '3' },
  });
  const receivers = FakeHttpServer.pool();
  afterAll(() => receivers.closeAll());
  const receiver = () => receivers.start();

  async function endpoint(tenant: TestTenant, url: string): Promise<string> {
    const res = await api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url, events: ['lead.created'] });
    expect(res.status).toBe(201);
    return res.body.data.id;
  }

  const leads = (tenant: TestTenant, n: number) =>
    api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send(
        Array.from({ length: n }, (_, i) => ({
          first_name: `L${i}`,
          email: `l${i}.${tenant.id}@example.com`,
        })),
      );

  const webhook = async (tenant: TestTenant, id: string) =>
    (await api.http.get(`/api/webhooks/${id}`).set(tenant.admin.headers)).body.data;

  const log = async (tenant: TestTenant, id: string) =>
    (await api.http.get(`/api/webhooks/${id}/deliveries`).set(tenant.admin.headers)).body.data as Array<{
      id: string;
      status: string;
      attempt_count: number;
      last_error: string | null;
    }>;

  const updates = async (tenant: TestTenant) =>
    (await api.http.get('/api/system/activity?type=webhook.updated').set(tenant.admin.headers)).body.data;

  it('three deliveries failing for good at the same time count three and disable the webhook', async () => {
    const tenant = await createTenant(api.http);
    const slow = (await receiver()).reply({ status: 503, delayMs: 400 });
    const id = await endpoint(tenant, slow.url);
    expect((await leads(tenant, 3)).status).toBe(200);

    const disabled = await waitFor(
      async () => {
        const hook = await webhook(tenant, id);
        return hook.enabled === false ? hook : undefined;
      },
      20_000,
      'the webhook disabled',
    );
    expect(disabled).toMatchObject({
      consecutive_failures: 3,
      disabled_reason: '3 deliveries in a row failed',
    });
    expect((await log(tenant, id)).map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);
    // Disabled by the worker, not by a person: no one's change to log.
    expect(await updates(tenant)).toEqual([]);
  });

  it('disabling ends its pending deliveries failed; enabled again at a new URL, it sends none until one is retried', async () => {
    const tenant = await createTenant(api.http);
    const failing = (await receiver()).reply({ status: 500 });
    const working = await receiver();
    const id = await endpoint(tenant, failing.url);
    expect((await leads(tenant, 1)).status).toBe(200);
    // Its first attempt failed: the delivery waits 2.5 s for its second.
    const [pending] = await waitFor(
      async () => {
        const rows = await log(tenant, id);
        return rows[0]?.attempt_count === 1 && rows[0].status === 'pending' ? rows : undefined;
      },
      10_000,
      'the first attempt',
    );

    const off = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.data).toMatchObject({ enabled: false, disabled_reason: 'disabled by a user' });
    expect(await log(tenant, id)).toEqual([
      expect.objectContaining({
        id: pending.id,
        status: 'failed',
        attempt_count: 2,
        last_error: 'The endpoint is disabled',
      }),
    ]);

    const on = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ enabled: true, url: working.url });
    expect(on.status).toBe(200);
    // Past when its second attempt was due: nothing went to either URL.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(failing.requests).toHaveLength(1);
    expect(working.requests).toHaveLength(0);
    expect((await log(tenant, id))[0].status).toBe('failed');

    const retried = await api.http
      .post(`/api/webhooks/${id}/deliveries/${pending.id}/retry`)
      .set(tenant.admin.headers);
    expect(retried.status).toBe(202);
    await waitFor(() => working.requests.length === 1 || undefined, 10_000, 'the retried delivery');
  });

  it('logs who changed what (the URL by its host only); a PATCH that changes nothing logs nothing', async () => {
    const tenant = await createTenant(api.http);
    const id = await endpoint(tenant, 'https://hooks.example.com/in?token=s3cret');
    const patch = (body: Record<string, unknown>) =>
      api.http.patch(`/api/webhooks/${id}`).set(tenant.admin.headers).send(body);

    expect(
      (await patch({ url: 'https://hooks.example.com/in?token=s3cret', events: ['lead.created'] })).status,
    ).toBe(200);
    expect((await patch({})).status).toBe(200);
    expect(await updates(tenant)).toEqual([]);

    expect(
      (
        await patch({
          url: 'https://collector.example.net/all?token=other',
          events: ['lead.created', 'lead.updated'],
        })
      ).status,
    ).toBe(200);
    expect((await patch({ enabled: false })).status).toBe(200);
    const [disabled, redirected] = await updates(tenant);
    expect(redirected).toMatchObject({
      type: 'webhook.updated',
      actor_user_id: tenant.admin.id,
      description:
        'Webhook to hooks.example.com changed: its URL to collector.example.net; its events to lead.created, lead.updated',
      data: {
        webhook_id: id,
        changed: ['url', 'events'],
        url_host: { from: 'hooks.example.com', to: 'collector.example.net' },
        events: { from: ['lead.created'], to: ['lead.created', 'lead.updated'] },
      },
    });
    expect(JSON.stringify(redirected)).not.toContain('token');
    expect(disabled).toMatchObject({
      description: 'Webhook to collector.example.net changed: disabled',
      data: { webhook_id: id, changed: ['enabled'], enabled: false },
    });
  });
});
