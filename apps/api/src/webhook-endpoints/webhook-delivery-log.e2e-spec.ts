import { JobProducer, QueueName } from '@app/queues';
import {
  createTenant,
  createTestWorker,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  useTestApi,
  waitFor,
} from '@app/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';

const sign = (secret: string, payload: string) =>
  `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;

/**
 * A webhook's delivery log filtered by status, and sending a failed delivery again. The API runs without a worker
 * (a retry's job waits in the queue) until a test starts one.
 */
describe('webhooks: delivery log and retry (e2e)', () => {
  const api = useTestApi();
  const receivers = FakeHttpServer.pool();
  afterAll(() => receivers.closeAll());
  const receiver = () => receivers.start();

  async function endpoint(tenant: TestTenant, url: string): Promise<{ id: string; secret: string }> {
    const res = await api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url, events: ['agent.completed'] });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  /** A delivery as the worker leaves it, made `minutesAgo`. */
  async function delivery(
    tenant: TestTenant,
    endpointId: string,
    status: 'pending' | 'delivered' | 'failed',
    minutesAgo: number,
    leadId: string | null = null,
  ): Promise<{ id: string; eventId: string; body: string }> {
    const eventId = randomUUID();
    const body = JSON.stringify({
      id: eventId,
      event: 'agent.completed',
      data: { interaction_id: randomUUID() },
      timestamp: new Date(api.clock.nowMs() - minutesAgo * 60_000).toISOString(),
    });
    const code = status === 'delivered' ? 200 : status === 'failed' ? 503 : null;
    const attempts =
      status === 'pending'
        ? []
        : [
            {
              attempt: 1,
              at: new Date(api.clock.nowMs() - minutesAgo * 60_000).toISOString(),
              status_code: code,
              duration_ms: 12,
              error: code === 503 ? 'The receiver answered 503' : null,
              response_excerpt: null,
            },
          ];
    const [{ id }] = await api.db.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event, event_id, body, status, attempt_count,
                                       last_status_code, last_error, attempts, created_at, lead_id)
       VALUES ($1, $2, 'agent.completed', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        tenant.id,
        endpointId,
        eventId,
        body,
        status,
        attempts.length,
        code,
        attempts[0]?.error ?? null,
        JSON.stringify(attempts),
        new Date(api.clock.nowMs() - minutesAgo * 60_000),
        leadId,
      ],
    );
    return { id, eventId, body };
  }

  const rowOf = async (id: string) =>
    (
      await api.db.query(
        `SELECT status, attempt_count, attempts, body, updated_at FROM webhook_deliveries WHERE id = $1`,
        [id],
      )
    )[0];

  const queuedFor = async (deliveryId: string) =>
    (
      await api.app
        .get(JobProducer)
        .queue(QueueName.WebhookDeliveries)
        .getJobs(['waiting', 'delayed', 'active'])
    ).filter((j) => (j.data as { delivery_id?: string }).delivery_id === deliveryId);

  it('lists by status, newest first, paginated, with event, status, attempts, last code and error and times', async () => {
    const tenant = await createTenant(api.http);
    const { id } = await endpoint(tenant, 'https://crm.example.com/hooks');
    const oldFailed = await delivery(tenant, id, 'failed', 30);
    await delivery(tenant, id, 'delivered', 20);
    const newFailed = await delivery(tenant, id, 'failed', 10);
    await delivery(tenant, id, 'pending', 5);
    const path = `/api/webhooks/${id}/deliveries`;

    const failed = await api.http.get(`${path}?status=failed`).set(tenant.admin.headers);
    expect(failed.status).toBe(200);
    expect(failed.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
    expect(failed.body.data.map((d: { id: string }) => d.id)).toEqual([newFailed.id, oldFailed.id]);
    expect(failed.body.data[0]).toMatchObject({
      event: 'agent.completed',
      event_id: newFailed.eventId,
      status: 'failed',
      attempt_count: 1,
      last_status_code: 503,
      last_error: 'The receiver answered 503',
      delivered_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const page = await api.http.get(`${path}?status=failed&limit=1&page=2`).set(tenant.admin.headers);
    expect(page.body.meta).toEqual({ total: 2, limit: 1, offset: 1 });
    expect(page.body.data.map((d: { id: string }) => d.id)).toEqual([oldFailed.id]);

    const all = await api.http.get(path).set(tenant.admin.headers);
    expect(all.body.data.map((d: { status: string }) => d.status)).toEqual([
      'pending',
      'failed',
      'delivered',
      'failed',
    ]);
    expectValidation(await api.http.get(`${path}?status=lost`).set(tenant.admin.headers), ['status']);
  });

  it('sends a failed delivery once more: asked twice while pending it queues one job, and the worker delivers it signed', async () => {
    const tenant = await createTenant(api.http);
    const hook = await receiver();
    const { id, secret } = await endpoint(tenant, `${hook.url}/hooks`);
    const failed = await delivery(tenant, id, 'failed', 10);
    const retryPath = `/api/webhooks/${id}/deliveries/${failed.id}/retry`;

    const first = await api.http.post(retryPath).set(tenant.admin.headers);
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({ id: failed.id, status: 'pending', attempt_count: 1 });
    const again = await api.http.post(retryPath).set(tenant.admin.headers);
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({ id: failed.id, status: 'pending', attempt_count: 1 });
    expect(await queuedFor(failed.id)).toHaveLength(1);

    const worker = await createTestWorker({ config: api.config });
    try {
      const log = await waitFor(async () => {
        const res = await api.http.get(`/api/webhooks/${id}/deliveries`).set(tenant.admin.headers);
        return res.body.data[0]?.status === 'delivered' ? res.body.data[0] : undefined;
      }, 15_000);
      expect(log).toMatchObject({
        attempt_count: 2,
        last_status_code: 200,
        last_error: null,
        occurred_at: JSON.parse(failed.body).timestamp,
      });
      expect(log.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 200]);
    } finally {
      await worker.close();
    }
    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request.headers['x-reachline-signature']).toBe(sign(secret, request.raw));
    expect(request.headers['x-reachline-event-id']).toBe(failed.eventId);
    const { id: eventId, event, data, timestamp } = request.json as Record<string, unknown>;
    expect({ id: eventId, event, data, timestamp }).toEqual(JSON.parse(failed.body));

    // Delivered now: sending it again is a conflict, and changes nothing.
    const before = await rowOf(failed.id);
    const conflict = await api.http.post(retryPath).set(tenant.admin.headers);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'delivered' } });
    expect(await rowOf(failed.id)).toEqual(before);
    expect(await queuedFor(failed.id)).toHaveLength(0);
  });

  it("refuses a disabled webhook's retry, another tenant's (404), a manager's and an agent's (403): nothing changes", async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    const { id } = await endpoint(tenant, 'https://crm.example.com/hooks');
    const { id: otherId } = await endpoint(other, 'https://other.example.com/hooks');
    const failed = await delivery(tenant, id, 'failed', 10);
    const retryPath = `/api/webhooks/${id}/deliveries/${failed.id}/retry`;
    const before = await rowOf(failed.id);
    const manager = await createUser(api.http, tenant, 'manager');
    const agent = await createUser(api.http, tenant, 'agent');

    expectError(await api.http.post(retryPath).set(other.admin.headers), 404, 'NOT_FOUND');
    expectError(
      await api.http.get(`/api/webhooks/${id}/deliveries?status=failed`).set(other.admin.headers),
      404,
      'NOT_FOUND',
    );
    // Its own webhook, the other tenant's delivery.
    expectError(
      await api.http.post(`/api/webhooks/${otherId}/deliveries/${failed.id}/retry`).set(other.admin.headers),
      404,
      'NOT_FOUND',
    );
    expectError(
      await api.http.post(`/api/webhooks/${id}/deliveries/${randomUUID()}/retry`).set(tenant.admin.headers),
      404,
      'NOT_FOUND',
    );
    for (const user of [manager, agent]) {
      expectError(await api.http.post(retryPath).set(user.headers), 403, 'AUTHORIZATION_FAILED');
      expectError(
        await api.http.get(`/api/webhooks/${id}/deliveries`).set(user.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
    }

    const disabled = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ enabled: false });
    expect(disabled.status).toBe(200);
    const conflict = await api.http.post(retryPath).set(tenant.admin.headers);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'CONFLICT', details: { enabled: false } });

    expect(await rowOf(failed.id)).toEqual(before);
    expect(await queuedFor(failed.id)).toHaveLength(0);
  });

  it('refuses to send again a delivery about a lead since erased (its body keeps only ids): nothing changes', async () => {
    const tenant = await createTenant(api.http);
    const { id } = await endpoint(tenant, 'https://crm.example.com/hooks');
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Erin', phone: '+14155550181' });
    expect(lead.status).toBe(201);
    const failed = await delivery(tenant, id, 'failed', 10, lead.body.data.id);
    const kept = await delivery(tenant, id, 'failed', 5);
    const erased = await api.http
      .delete(`/api/leads/${lead.body.data.id}?erase=true`)
      .set(tenant.admin.headers);
    expect(erased.status).toBe(200);
    const before = await rowOf(failed.id);

    const refused = await api.http
      .post(`/api/webhooks/${id}/deliveries/${failed.id}/retry`)
      .set(tenant.admin.headers);
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 409,
      body: {
        success: false,
        error: {
          code: 'CONFLICT',
          message:
            'The lead this delivery is about was erased: what it said is gone, so it is not sent again',
          details: { lead_erased: true },
        },
      },
    });
    expect(await rowOf(failed.id)).toEqual(before);
    expect(await queuedFor(failed.id)).toHaveLength(0);
    // A delivery about no lead is sent again as before.
    expect(
      (await api.http.post(`/api/webhooks/${id}/deliveries/${kept.id}/retry`).set(tenant.admin.headers))
        .status,
    ).toBe(202);
  });
});
