import { JobProducer, QueueName } from '@app/queues';
import {
  applyLeadReply,
  countRows,
  createTenant,
  TestTenant,
  useTestApiAndWorker,
  UUID_PATTERN,
  waitFor,
} from '@app/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { WebhookDeliveryService } from '../../../../libs/domain/src/webhooks/webhook-delivery.service';
import { WebhookEndpointsRepository } from '../../../../libs/domain/src/webhooks/webhook-endpoints.repository';
import { FakeHttpServer, RecordedRequest } from '../../../../libs/providers/test/fake-http.server';

const sign = (secret: string, payload: string) =>
  `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;

/** What a receiver does (seed 004's verifyWebhook, on the raw body and the header). */
function verified(request: RecordedRequest, secret: string): boolean {
  return request.headers['x-reachline-signature'] === sign(secret, request.raw);
}

describe('webhooks: deliveries (e2e)', () => {
  const { api } = useTestApiAndWorker({
    env: { WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_ATTEMPTS: '3', WEBHOOK_DISABLE_AFTER: '2' },
  });
  const receivers = FakeHttpServer.pool();
  afterAll(() => receivers.closeAll());
  const receiver = () => receivers.start();

  async function endpoint(
    tenant: TestTenant,
    url: string,
    events = ['lead.created', 'lead.updated', 'message.received'],
  ): Promise<{ id: string; secret: string }> {
    const res = await api.http.post('/api/webhooks').set(tenant.admin.headers).send({ url, events });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  async function lead(tenant: TestTenant, email: string): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Jane', last_name: 'Doe', email });
    expect(res.status).toBe(201);
    return res.body.data.id;
  }

  const deliveries = (tenant: TestTenant, id: string) =>
    api.http.get(`/api/webhooks/${id}/deliveries`).set(tenant.admin.headers);

  it('POSTs lead.created to the endpoint, signed so the receiver can verify it, and logs the delivery', async () => {
    const tenant = await createTenant(api.http);
    const hook = await receiver();
    const { id, secret } = await endpoint(tenant, `${hook.url}/hooks/crm`);
    const leadId = await lead(tenant, 'jane@example.com');

    const request = await waitFor(() => hook.requests[0], 15_000, 'the delivery');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/crm');
    expect(request.headers['content-type']).toBe('application/json');
    expect(verified(request, secret)).toBe(true);
    expect(verified(request, 'whsec_another')).toBe(false);
    const body = request.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id', 'event', 'data', 'timestamp', 'sent_at', 'signature']);
    expect(body).toMatchObject({
      id: expect.stringMatching(UUID_PATTERN),
      event: 'lead.created',
      data: expect.objectContaining({ id: leadId, name: 'Jane Doe', email: 'jane@example.com' }),
      timestamp: expect.any(String),
    });
    // Seed 004's `signature` field: the same HMAC over the body without it.
    const { signature, ...rest } = body;
    expect(signature).toBe(sign(secret, JSON.stringify(rest)));
    expect(request.headers).toMatchObject({
      'x-reachline-event': 'lead.created',
      'x-reachline-event-id': body.id,
      'x-reachline-timestamp': String(Math.floor(Date.parse(body.sent_at as string) / 1000)),
      'x-reachline-delivery': expect.stringMatching(UUID_PATTERN),
    });

    const log = await waitFor(async () => {
      const res = await deliveries(tenant, id);
      return res.body.data[0]?.status === 'delivered' ? res : undefined;
    });
    expect(log.body.meta).toEqual({ total: 1, limit: 50, offset: 0 });
    expect(log.body.data[0]).toEqual({
      id: request.headers['x-reachline-delivery'],
      webhook_id: id,
      event: 'lead.created',
      event_id: body.id,
      occurred_at: body.timestamp,
      status: 'delivered',
      attempt_count: 1,
      last_status_code: 200,
      last_error: null,
      attempts: [
        {
          attempt: 1,
          at: body.sent_at,
          status_code: 200,
          duration_ms: expect.any(Number),
          error: null,
          response_excerpt: '{}',
        },
      ],
      delivered_at: expect.any(String),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      payload: { id: body.id, event: body.event, data: body.data, timestamp: body.timestamp },
    });
  });

  it('sends a tenant only its own events: another tenant with an endpoint gets none of them', async () => {
    const a = await createTenant(api.http);
    const b = await createTenant(api.http);
    const hookA = await receiver();
    const hookB = await receiver();
    await endpoint(a, hookA.url);
    const { id: idB } = await endpoint(b, hookB.url);
    const leadA = await lead(a, 'a@example.com');
    await waitFor(() => hookA.requests.length === 1, 15_000, "A's delivery");
    const leadB = await lead(b, 'b@example.com');
    await waitFor(() => hookB.requests.length === 1, 15_000, "B's delivery");
    expect((hookA.requests[0].json as { data: { id: string } }).data.id).toBe(leadA);
    expect((hookB.requests[0].json as { data: { id: string } }).data.id).toBe(leadB);
    expect(hookA.requests).toHaveLength(1);
    expect(await countRows(api.db, 'webhook_deliveries', 'tenant_id = $1', [b.id])).toBe(1);
    expect((await deliveries(a, idB)).status).toBe(404);
  });

  it('retries after a 500 with the same event id and body, and records both attempts', async () => {
    const tenant = await createTenant(api.http);
    const hook = (await receiver()).reply(
      { status: 500, body: { error: 'x'.repeat(2000) } },
      { status: 204 },
    );
    const { id, secret } = await endpoint(tenant, hook.url, ['lead.updated']);
    const leadId = await lead(tenant, 'retry@example.com');
    const patched = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ company: 'Acme' });
    expect(patched.status).toBe(200);

    await waitFor(() => hook.requests.length === 2, 15_000, 'the retry');
    const [first, second] = hook.requests;
    const sameEvent = (r: RecordedRequest) => {
      const { id, event, data, timestamp } = r.json as Record<string, unknown>;
      return { id, event, data, timestamp };
    };
    expect(sameEvent(second)).toEqual(sameEvent(first));
    expect(verified(second, secret)).toBe(true);
    expect(second.json).toMatchObject({ event: 'lead.updated', data: { id: leadId, company: 'Acme' } });
    const log = await waitFor(async () => {
      const res = await deliveries(tenant, id);
      return res.body.data[0]?.status === 'delivered' ? res : undefined;
    });
    const [delivery] = log.body.data;
    expect(delivery).toMatchObject({ attempt_count: 2, last_status_code: 204, last_error: null });
    expect(delivery.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 204]);
    expect(delivery.attempts[0].error).toBe('The receiver answered 500');
    // Only a short excerpt of the answer is kept.
    expect(delivery.attempts[0].response_excerpt.length).toBeLessThanOrEqual(512);
  });

  it('gives up after WEBHOOK_ATTEMPTS, leaves the job in the failed set, and disables the endpoint after repeated failures', async () => {
    const tenant = await createTenant(api.http);
    const hook = (await receiver()).reply({ status: 503 });
    const { id } = await endpoint(tenant, hook.url, ['lead.created']);
    await lead(tenant, 'fail1@example.com');
    await waitFor(async () => {
      const res = await deliveries(tenant, id);
      return res.body.data[0]?.status === 'failed';
    }, 15_000);
    expect(hook.requests).toHaveLength(3);
    // The row is marked failed before the job's last throw moves it to the failed set: waited for, not raced.
    await waitFor(
      async () =>
        (await api.app.get(JobProducer).queue(QueueName.WebhookDeliveries).getFailed()).some(
          (j) => j.name === 'webhooks.deliver',
        ),
      15_000,
      'the failed job',
    );
    expect((await api.http.get(`/api/webhooks/${id}`).set(tenant.admin.headers)).body.data).toMatchObject({
      enabled: true,
      consecutive_failures: 1,
    });

    await lead(tenant, 'fail2@example.com');
    const disabled = await waitFor(async () => {
      const res = await api.http.get(`/api/webhooks/${id}`).set(tenant.admin.headers);
      return res.body.data.enabled === false ? res.body.data : undefined;
    }, 15_000);
    expect(disabled).toMatchObject({
      consecutive_failures: 2,
      disabled_reason: '2 deliveries in a row failed',
    });
    expect(hook.requests).toHaveLength(6);
    // Disabled: the next event is not sent to it.
    await lead(tenant, 'fail3@example.com');
    await new Promise((r) => setTimeout(r, 500));
    expect(hook.requests).toHaveLength(6);
  });

  it('does not follow a redirect, and refuses at delivery an address the egress policy does not allow (SSRF)', async () => {
    const tenant = await createTenant(api.http);
    const target = await receiver();
    const hook = (await receiver()).reply({ status: 302, headers: { location: `${target.url}/elsewhere` } });
    const redirected = await endpoint(tenant, hook.url, ['lead.created']);
    const refused = await endpoint(tenant, target.url, ['lead.created']);
    // Saved while allowed; the address is loopback outside EGRESS_ALLOWED now (127.0.0.2).
    await api.db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [
      refused.id,
      target.url.replace('127.0.0.1', '127.0.0.2'),
    ]);
    await lead(tenant, 'ssrf@example.com');
    const refusedLog = await waitFor(async () => {
      const res = await deliveries(tenant, refused.id);
      return res.body.data[0]?.status === 'failed' ? res.body.data[0] : undefined;
    }, 15_000);
    expect(refusedLog).toMatchObject({ attempt_count: 1, last_status_code: null });
    expect(refusedLog.last_error).toMatch(/private, loopback or reserved/);
    const redirectLog = await waitFor(async () => {
      const res = await deliveries(tenant, redirected.id);
      return res.body.data[0]?.status === 'failed' ? res.body.data[0] : undefined;
    }, 15_000);
    expect(redirectLog.attempts.map((a: { error: string }) => a.error)).toEqual(
      Array(3).fill('The receiver answered 302: redirects are not followed'),
    );
    expect(target.requests).toHaveLength(0);
  });

  it('POSTs message.received when a lead writes in', async () => {
    const tenant = await createTenant(api.http);
    const hook = await receiver();
    const { secret } = await endpoint(tenant, hook.url, ['message.received']);
    const { leadId, messageId } = await applyLeadReply(api.app, tenant.id, {
      from: '+14155550123',
      body: 'Yes, interested',
      now: new Date(),
    });
    const request = await waitFor(() => hook.requests[0], 15_000, 'message.received');
    expect(verified(request, secret)).toBe(true);
    expect(request.json).toMatchObject({
      event: 'message.received',
      data: {
        id: messageId,
        lead_id: leadId,
        channel: 'sms',
        content: 'Yes, interested',
        lead: { id: leadId },
      },
    });
    expect(hook.requests).toHaveLength(1);
  });

  it('POSTs agent.completed when an AI agent run finishes', async () => {
    const tenant = await createTenant(api.http);
    const hook = await receiver();
    const { secret } = await endpoint(tenant, hook.url, ['agent.completed']);
    const agent = await api.http
      .post('/api/ai-agents')
      .set(tenant.admin.headers)
      .send({ name: 'Sales Assistant', type: 'sales', capabilities: ['lead-qualification'] });
    expect(agent.status).toBe(201);
    const run = await api.http
      .post(`/api/ai-agents/${agent.body.data.id}/execute`)
      .set(tenant.admin.headers)
      .send({ input: { message: 'I need help with pricing' } });
    expect(run.status).toBe(200);
    const request = await waitFor(() => hook.requests[0], 15_000, 'agent.completed');
    expect(verified(request, secret)).toBe(true);
    expect(request.json).toMatchObject({
      event: 'agent.completed',
      data: {
        interaction_id: run.body.data.interaction_id,
        agent_id: agent.body.data.id,
        response: run.body.data.output.response,
      },
    });
  });

  it('erasing a lead scrubs its name, address and words from the bodies of every delivery about it', async () => {
    const tenant = await createTenant(api.http);
    const phone = '+14155550177';
    // A receiver that echoes what it got: the attempts keep an excerpt of its answer.
    const hook = (await receiver()).reply({ status: 200, body: { received: { phone } } });
    const { id } = await endpoint(tenant, hook.url);
    const { leadId, messageId } = await applyLeadReply(api.app, tenant.id, {
      from: phone,
      body: 'Call me about the roof tomorrow',
      now: new Date(),
    });
    const named = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ first_name: 'Janet', last_name: 'Quist', email: 'janet.quist@example.com' });
    expect(named.status).toBe(200);
    await waitFor(async () => {
      const res = await deliveries(tenant, id);
      return res.body.data.length === 3 &&
        res.body.data.every((d: { status: string }) => d.status !== 'pending')
        ? res
        : undefined;
    });
    const words = ['Janet', 'Quist', 'janet.quist', 'roof tomorrow', phone, phone.slice(2)];
    const before = JSON.stringify((await deliveries(tenant, id)).body.data);
    for (const word of words) expect(before).toContain(word);

    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);

    const log = await deliveries(tenant, id);
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(3);
    const stored: { body: string }[] = await api.db.query(
      `SELECT body FROM webhook_deliveries WHERE tenant_id = $1`,
      [tenant.id],
    );
    const text = JSON.stringify(log.body.data) + JSON.stringify(stored);
    for (const word of words) expect(text).not.toContain(word);
    // Each keeps its event, event id and the ids it named.
    const byEvent = Object.fromEntries(
      log.body.data.map((d: { event: string; payload: { data: unknown } }) => [d.event, d.payload]),
    );
    expect(byEvent['message.received']).toMatchObject({
      event: 'message.received',
      data: { id: messageId, lead_id: leadId },
    });
    expect(byEvent['lead.updated']).toMatchObject({ event: 'lead.updated', data: { id: leadId } });
  });

  it('does not send a delivery read before its lead was erased: the send reads the body again under a lock', async () => {
    const tenant = await createTenant(api.http);
    const hook = await receiver();
    // Subscribed to none of the lead's own events: the one delivery is made here, and no job runs it.
    const { id: endpointId } = await endpoint(tenant, hook.url, ['agent.completed']);
    const email = 'race.erased@example.com';
    const leadId = await lead(tenant, email);
    const body = JSON.stringify({
      id: randomUUID(),
      event: 'lead.updated',
      data: { id: leadId, name: 'Jane Doe', email },
      timestamp: new Date().toISOString(),
    });
    const [{ id: deliveryId }] = await api.db.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event, event_id, lead_id, body)
       VALUES ($1, $2, 'lead.updated', $3, $4, $5) RETURNING id`,
      [tenant.id, endpointId, JSON.parse(body).id, leadId, body],
    );
    // The erasure commits after the delivery was read as pending, before it is sent.
    const endpoints = api.app.get(WebhookEndpointsRepository);
    const withSecret = endpoints.withSecret.bind(endpoints);
    const spy = jest.spyOn(endpoints, 'withSecret').mockImplementation(async (...args) => {
      const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
      expect(erased.status).toBe(200);
      return withSecret(...args);
    });
    let status: string;
    try {
      status = await api.app
        .get(WebhookDeliveryService)
        .deliver({ tenant_id: tenant.id, delivery_id: deliveryId });
    } finally {
      spy.mockRestore();
    }
    expect(status).toBe('failed');
    expect(hook.requests).toHaveLength(0);
    const [row] = await api.db.query(
      `SELECT status, attempt_count, last_error, body FROM webhook_deliveries WHERE id = $1`,
      [deliveryId],
    );
    expect(row).toMatchObject({ status: 'failed', attempt_count: 0, last_error: 'The lead was erased' });
    expect(row.body).not.toContain(email);
  });

  it('stamps each attempt with its own time (X-Reachline-Timestamp and the signed sent_at), not the event time', async () => {
    const tenant = await createTenant(api.http);
    const hook = await receiver();
    const { id: endpointId, secret } = await endpoint(tenant, hook.url, ['agent.completed']);
    const eventTime = new Date(api.clock.nowMs() - 3_600_000).toISOString();
    const body = JSON.stringify({
      id: randomUUID(),
      event: 'agent.completed',
      data: {},
      timestamp: eventTime,
    });
    const [{ id: deliveryId }] = await api.db.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event, event_id, body)
       VALUES ($1, $2, 'agent.completed', $3, $4) RETURNING id`,
      [tenant.id, endpointId, JSON.parse(body).id, body],
    );
    const status = await api.app
      .get(WebhookDeliveryService)
      .deliver({ tenant_id: tenant.id, delivery_id: deliveryId });
    expect(status).toBe('delivered');
    const [request] = hook.requests;
    const attemptAt = api.clock.now().toISOString();
    expect(request.headers['x-reachline-timestamp']).toBe(String(Math.floor(api.clock.nowMs() / 1000)));
    expect(verified(request, secret)).toBe(true);
    const { signature, ...rest } = request.json as Record<string, unknown>;
    expect(rest).toEqual({ ...JSON.parse(body), sent_at: attemptAt });
    expect(signature).toBe(sign(secret, JSON.stringify(rest)));
  });
});
