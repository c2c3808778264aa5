import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { createHmac, randomUUID } from 'node:crypto';
import { WebhookDeliveryService } from '../../../../libs/domain/src/webhooks/webhook-delivery.service';
import { FakeHttpServer, RecordedRequest } from '../../../../libs/providers/test/fake-http.server';

/** Seed 004's verifyWebhook: the signature must be exactly `sha256=<hex HMAC of the payload>`. */
function verifyWebhook(payload: string, signature: unknown, secret: string): boolean {
  const expectedSignature = createHmac('sha256', secret).update(payload).digest('hex');
  return signature === `sha256=${expectedSignature}`;
}

/** A receiver that takes either signature header with the secret it holds. */
const acceptedWith = (request: RecordedRequest, secret: string) =>
  [request.headers['x-reachline-signature'], request.headers['x-reachline-signature-previous']].some((s) =>
    verifyWebhook(request.raw, s, secret),
  );

/**
 * Rotating a webhook's signing secret: the new one is answered once and signs every delivery at once; the one it
 * replaced signs them too (a second header) until its grace period ends. Deliveries are sent by the delivery service
 * directly (no worker), on the API's clock.
 */
describe('webhooks: secret rotation (e2e)', () => {
  const api = useTestApi();
  let hook: FakeHttpServer;

  beforeAll(async () => {
    hook = await FakeHttpServer.start();
  });
  afterAll(async () => {
    await hook.close();
  });

  async function endpoint(tenant: TestTenant): Promise<{ id: string; secret: string }> {
    const res = await api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url: `${hook.url}/hooks`, events: ['agent.completed'] });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  /** One event delivered to the endpoint now: the request the receiver got. */
  async function deliverOne(tenant: TestTenant, endpointId: string): Promise<RecordedRequest> {
    const eventId = randomUUID();
    const body = JSON.stringify({
      id: eventId,
      event: 'agent.completed',
      data: {},
      timestamp: api.clock.now().toISOString(),
    });
    const [{ id }] = await api.db.query(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event, event_id, body)
       VALUES ($1, $2, 'agent.completed', $3, $4) RETURNING id`,
      [tenant.id, endpointId, eventId, body],
    );
    const sent = hook.requests.length;
    const status = await api.app
      .get(WebhookDeliveryService)
      .deliver({ tenant_id: tenant.id, delivery_id: id });
    expect(status).toBe('delivered');
    expect(hook.requests).toHaveLength(sent + 1);
    return hook.last;
  }

  const sealedOf = async (id: string) =>
    (await api.db.query(`SELECT * FROM webhook_endpoints WHERE id = $1`, [id]))[0] as Record<string, unknown>;

  it('answers the new secret once; deliveries are signed with it, and with the old one until the grace period ends', async () => {
    const tenant = await createTenant(api.http);
    const { id, secret: old } = await endpoint(tenant);

    const rotated = await api.http
      .post(`/api/webhooks/${id}/rotate-secret`)
      .set(tenant.admin.headers)
      .send({ expires_in: 60 });
    expect(rotated.status).toBe(200);
    const secret = rotated.body.data.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(old);
    expect(rotated.body.data).toMatchObject({
      id,
      previous_secret: `whsec_********${old.slice(-4)}`,
      previous_secret_expires_at: new Date(api.clock.nowMs() + 60_000).toISOString(),
    });
    // Shown whole only in that answer; neither secret is stored in the clear.
    const one = await api.http.get(`/api/webhooks/${id}`).set(tenant.admin.headers);
    expect(one.body.data).toMatchObject({
      secret: `whsec_********${secret.slice(-4)}`,
      previous_secret: `whsec_********${old.slice(-4)}`,
      previous_secret_expires_at: expect.stringMatching(ISO_TIMESTAMP),
    });
    const row = JSON.stringify(await sealedOf(id));
    expect(row).not.toContain(secret.slice(6));
    expect(row).not.toContain(old.slice(6));

    const during = await deliverOne(tenant, id);
    // Seed 004's verifyWebhook, on the header and on the body's `signature`, checks with the new secret...
    expect(verifyWebhook(during.raw, during.headers['x-reachline-signature'], secret)).toBe(true);
    const { signature, ...rest } = during.json as Record<string, unknown>;
    expect(verifyWebhook(JSON.stringify(rest), signature, secret)).toBe(true);
    // ... and a receiver still holding the old one verifies the second header.
    expect(verifyWebhook(during.raw, during.headers['x-reachline-signature-previous'], old)).toBe(true);
    expect(acceptedWith(during, old)).toBe(true);
    expect(acceptedWith(during, 'whsec_another')).toBe(false);

    api.clock.advance(61_000);
    const after = await deliverOne(tenant, id);
    expect(verifyWebhook(after.raw, after.headers['x-reachline-signature'], secret)).toBe(true);
    expect(after.headers['x-reachline-signature-previous']).toBeUndefined();
    expect(acceptedWith(after, old)).toBe(false);
  });

  it('keeps the old secret 24 h by default, and not at all with expires_in 0; rotating again keeps only the last one replaced', async () => {
    const tenant = await createTenant(api.http);
    const { id, secret: first } = await endpoint(tenant);
    const second = await api.http.post(`/api/webhooks/${id}/rotate-secret`).set(tenant.admin.headers);
    expect(second.status).toBe(200);
    expect(second.body.data.previous_secret_expires_at).toBe(
      new Date(api.clock.nowMs() + 86_400_000).toISOString(),
    );
    const third = await api.http.post(`/api/webhooks/${id}/rotate-secret`).set(tenant.admin.headers).send({});
    expect(third.status).toBe(200);
    expect(third.body.data.previous_secret).toBe(`whsec_********${second.body.data.secret.slice(-4)}`);
    const request = await deliverOne(tenant, id);
    expect(acceptedWith(request, third.body.data.secret)).toBe(true);
    expect(acceptedWith(request, second.body.data.secret)).toBe(true);
    expect(acceptedWith(request, first)).toBe(false);

    const now = await api.http
      .post(`/api/webhooks/${id}/rotate-secret`)
      .set(tenant.admin.headers)
      .send({ expires_in: 0 });
    expect(now.status).toBe(200);
    expect(now.body.data).toMatchObject({ previous_secret: null, previous_secret_expires_at: null });
    const alone = await deliverOne(tenant, id);
    expect(alone.headers['x-reachline-signature-previous']).toBeUndefined();
    expect(acceptedWith(alone, now.body.data.secret)).toBe(true);
    expect(acceptedWith(alone, third.body.data.secret)).toBe(false);
  });

  it("refuses another tenant's rotation (404), a manager's and an agent's (403) and a bad expires_in (400): the secret stays", async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    const { id, secret } = await endpoint(tenant);
    const before = await sealedOf(id);
    const path = `/api/webhooks/${id}/rotate-secret`;

    expectError(await api.http.post(path).set(other.admin.headers), 404, 'NOT_FOUND');
    expectError(
      await api.http.post(`/api/webhooks/${randomUUID()}/rotate-secret`).set(tenant.admin.headers),
      404,
      'NOT_FOUND',
    );
    for (const role of ['manager', 'agent'] as const) {
      const user = await createUser(api.http, tenant, role);
      expectError(await api.http.post(path).set(user.headers), 403, 'AUTHORIZATION_FAILED');
    }
    for (const expires_in of [-1, 1.5, 'soon', 7 * 86_400 + 1])
      expectValidation(await api.http.post(path).set(tenant.admin.headers).send({ expires_in }), [
        'expires_in',
      ]);

    expect(await sealedOf(id)).toEqual(before);
    const request = await deliverOne(tenant, id);
    expect(verifyWebhook(request.raw, request.headers['x-reachline-signature'], secret)).toBe(true);
    expect(request.headers['x-reachline-signature-previous']).toBeUndefined();
  });
});
