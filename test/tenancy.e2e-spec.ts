import { JobProducer, QueueName } from '@app/queues';
import {
  addFailedJob,
  countRows,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  TestApi,
  TestApiKey,
  TestTenant,
  TestUser,
  uniqueSuffix,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * Two tenants, A and B, each with an admin, a manager, an agent and an admin API key. B's admin, by token and by
 * key, tries every route on A's resources: a resource of another tenant answers 404, exactly like one that does
 * not exist, and nothing of A's changes; lists and singletons never show anything of A's.
 */

/** A's lead, its SMS conversation and message, and its channel config's webhook key. */
interface Messaging {
  leadId: string;
  phone: string;
  conversationId: string;
  messageId: string;
  webhookKey: string;
}

interface Side {
  tenant: TestTenant;
  admin: TestUser;
  manager: TestUser;
  agent: TestUser;
  key: TestApiKey;
  job: { queue: QueueName; id: string };
}

function expectNotFound(res: Response, message: string): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status: 404,
    body: { success: false, error: { code: 'NOT_FOUND', message } },
  });
}

describe('tenancy (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let a: Side;
  let b: Side;
  let aSnapshot: unknown;
  /** Every id, email, name and prefix of A that B must never see. */
  let aMarkers: string[];
  let aMessaging: Messaging;

  const queue = (name: QueueName) => api.app.get(JobProducer).queue(name);

  async function failedJob(tenantId: string) {
    const q = queue(QueueName.Workflows);
    const id = await addFailedJob(q, 'workflow.run', { tenant_id: tenantId }, `failed for ${tenantId}`);
    return { queue: QueueName.Workflows, id };
  }

  async function side(label: string): Promise<Side> {
    const tenant = await createTenant(api.http, `Tenancy ${label} ${uniqueSuffix()}`);
    return {
      tenant,
      admin: tenant.admin,
      manager: await createUser(api.http, tenant, 'manager'),
      agent: await createUser(api.http, tenant, 'agent', { username: `${label.toLowerCase()}desk` }),
      key: await createApiKey(api.http, tenant, 'admin'),
      job: await failedJob(tenant.id),
    };
  }

  /** Everything of A's: its rows in every table, and its job. */
  async function snapshotOf(s: Side) {
    const job = await queue(s.job.queue).getJob(s.job.id);
    return {
      tenant: await db.query('SELECT * FROM tenants WHERE id = $1', [s.tenant.id]),
      users: await db.query('SELECT * FROM users WHERE tenant_id = $1 ORDER BY id', [s.tenant.id]),
      keys: await db.query('SELECT * FROM api_keys WHERE tenant_id = $1 ORDER BY id', [s.tenant.id]),
      activity: await db.query('SELECT * FROM activity_log WHERE tenant_id = $1 ORDER BY id', [s.tenant.id]),
      conversations: await db.query('SELECT * FROM conversations WHERE tenant_id = $1 ORDER BY id', [
        s.tenant.id,
      ]),
      messages: await db.query('SELECT * FROM messages WHERE tenant_id = $1 ORDER BY id', [s.tenant.id]),
      channels: await db.query('SELECT * FROM channel_configs WHERE tenant_id = $1 ORDER BY id', [
        s.tenant.id,
      ]),
      job: { state: await job?.getState(), reason: job?.failedReason, attempts: job?.attemptsMade },
    };
  }

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    a = await side('Alpha');
    b = await side('Bravo');
    aMessaging = await messagingOf(a);
    const aTenant = (await db.query('SELECT slug FROM tenants WHERE id = $1', [a.tenant.id]))[0];
    const aActivity = await db.query('SELECT id FROM activity_log WHERE tenant_id = $1', [a.tenant.id]);
    aMarkers = [
      a.tenant.id,
      a.tenant.name,
      aTenant.slug,
      ...[a.admin, a.manager, a.agent].flatMap((u) => [u.id, u.email]),
      'alphadesk',
      a.key.id,
      a.key.key.slice(0, 12),
      ...aActivity.map((r: { id: string }) => r.id),
      aMessaging.leadId,
      aMessaging.conversationId,
      aMessaging.messageId,
      aMessaging.webhookKey,
    ];
    aSnapshot = await snapshotOf(a);
  });
  afterAll(() => api.close());

  /** A lead of A's with an SMS (queued: no worker runs here) and the channel config its send made. */
  async function messagingOf(s: Side): Promise<Messaging> {
    const phone = '+14155550777';
    const lead = await api.http.post('/api/leads').set(s.admin.headers).send({ first_name: 'Mia', phone });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(s.admin.headers)
      .send({ channel: 'sms', body: 'Alpha only' });
    expect(sent.status).toBe(201);
    const config = await api.http.get('/api/config/channels/sms').set(s.admin.headers);
    expect(config.status).toBe(200);
    const [row] = await db.query('SELECT webhook_key FROM channel_configs WHERE tenant_id = $1', [
      s.tenant.id,
    ]);
    return {
      leadId: lead.body.data.id,
      phone,
      conversationId: sent.body.data.conversation_id,
      messageId: sent.body.data.id,
      webhookKey: row.webhook_key,
    };
  }

  /** B's admin, by token and by API key. */
  const bCallers = () => [
    { who: 'B admin token', headers: b.admin.headers },
    { who: 'B admin key', headers: { 'X-API-Key': b.key.key } },
  ];

  function expectNothingOfA(body: unknown): void {
    const json = JSON.stringify(body);
    for (const marker of aMarkers) expect(json).not.toContain(marker);
  }

  describe("routes that name one of A's resources answer 404 to B", () => {
    it('GET /api/users/:id', async () => {
      for (const { headers } of bCallers()) {
        for (const user of [a.admin, a.manager, a.agent]) {
          expectNotFound(await api.http.get(`/api/users/${user.id}`).set(headers), 'User not found');
        }
        expectNotFound(await api.http.get(`/api/users/${randomUUID()}`).set(headers), 'User not found');
      }
    });

    it('PATCH /api/users/:id changes nothing of A', async () => {
      for (const { headers } of bCallers()) {
        for (const user of [a.admin, a.manager, a.agent]) {
          const res = await api.http
            .patch(`/api/users/${user.id}`)
            .set(headers)
            .send({ first_name: 'Owned', role: 'agent', is_active: false, password: 'taken over by B' });
          expectNotFound(res, 'User not found');
        }
      }
      expect(await countWhere("first_name = 'Owned'")).toBe(0);
      expect((await api.http.get('/api/auth/me').set(a.manager.headers)).body.data.user.role).toBe('manager');
    });

    it('DELETE /api/users/:id deactivates nothing of A', async () => {
      for (const { headers } of bCallers()) {
        for (const user of [a.admin, a.manager, a.agent]) {
          expectNotFound(await api.http.delete(`/api/users/${user.id}`).set(headers), 'User not found');
        }
      }
      expect(await countWhere('NOT is_active')).toBe(0);
      expect((await api.http.get('/api/auth/me').set(a.agent.headers)).status).toBe(200);
    });

    it("DELETE /api/api-keys/:id does not revoke A's key", async () => {
      for (const { headers } of bCallers()) {
        expectNotFound(await api.http.delete(`/api/api-keys/${a.key.id}`).set(headers), 'API key not found');
      }
      const row = await db.query('SELECT revoked_at FROM api_keys WHERE id = $1', [a.key.id]);
      expect(row).toEqual([{ revoked_at: null }]);
    });

    it("POST /api/admin/queues/:queue/jobs/:id/retry does not retry A's job", async () => {
      for (const { headers } of bCallers()) {
        expectNotFound(
          await api.http.post(`/api/admin/queues/${a.job.queue}/jobs/${a.job.id}/retry`).set(headers),
          'Job not found',
        );
      }
      expect(await (await queue(a.job.queue).getJob(a.job.id))?.getState()).toBe('failed');
    });

    it("conversation routes on A's conversation answer 404 and change nothing", async () => {
      const cid = aMessaging.conversationId;
      const calls = (headers: Record<string, string>) => [
        api.http.get(`/api/conversations/${cid}/messages`).set(headers),
        api.http.post(`/api/conversations/${cid}/messages`).set(headers).send({ body: 'From B' }),
        api.http.post(`/api/conversations/${cid}/read`).set(headers),
        api.http.patch(`/api/conversations/${cid}`).set(headers).send({ status: 'closed', ai_mode: 'auto' }),
        api.http.get(`/api/whatsapp/conversations/${cid}/messages`).set(headers),
        api.http.post(`/api/whatsapp/conversations/${cid}/messages`).set(headers).send({ body: 'From B' }),
      ];
      for (const { headers } of bCallers()) {
        for (const res of await Promise.all(calls(headers))) expectNotFound(res, 'Conversation not found');
      }
    });

    it("message routes naming A's lead answer 404 and send nothing", async () => {
      const { leadId, phone } = aMessaging;
      for (const { headers } of bCallers()) {
        const results = await Promise.all([
          api.http.get(`/api/messages/${leadId}`).set(headers),
          api.http.get(`/api/leads/${leadId}/messages`).set(headers),
          api.http.post(`/api/leads/${leadId}/messages`).set(headers).send({ channel: 'sms', body: 'B' }),
          api.http.post('/api/messages').set(headers).send({ lead_id: leadId, channel: 'sms', body: 'B' }),
          api.http.post('/api/sms/send').set(headers).send({ lead_id: leadId, body: 'B' }),
          api.http.post('/api/sms/send').set(headers).send({ phone, body: 'B' }),
        ]);
        for (const res of results) expectNotFound(res, 'Lead not found');
      }
      expect(await countRows(db, 'messages', 'tenant_id = $1', [b.tenant.id])).toBe(0);
      expect(await countRows(db, 'conversations', 'tenant_id = $1', [b.tenant.id])).toBe(0);
    });

    function countWhere(condition: string): Promise<number> {
      return countRows(db, 'users', `tenant_id = $1 AND ${condition}`, [a.tenant.id]);
    }
  });

  describe('lists and singletons never show B anything of A', () => {
    it('GET /api/users', async () => {
      for (const { headers } of bCallers()) {
        const res = await api.http.get('/api/users?limit=100').set(headers);
        expect(res.status).toBe(200);
        expect(res.body.meta.total).toBe(3);
        expect(res.body.data.map((u: { id: string }) => u.id).sort()).toEqual(
          [b.admin.id, b.manager.id, b.agent.id].sort(),
        );
        expectNothingOfA(res.body);
        const searched = await api.http
          .get(`/api/users?search=${encodeURIComponent(a.agent.email)}`)
          .set(headers);
        expect(searched.body).toEqual({ success: true, data: [], meta: { total: 0, limit: 50, offset: 0 } });
      }
    });

    it('GET /api/api-keys', async () => {
      for (const { headers } of bCallers()) {
        const res = await api.http.get('/api/api-keys').set(headers);
        expect(res.status).toBe(200);
        expect(res.body.data.map((k: { id: string }) => k.id)).toEqual([b.key.id]);
        expect(res.body.meta.total).toBe(1);
        expectNothingOfA(res.body);
      }
    });

    it('GET /api/tenant, /api/auth/me and /api/auth/verify', async () => {
      for (const { headers } of [...bCallers(), { who: 'B agent', headers: b.agent.headers }]) {
        for (const path of ['/api/tenant', '/api/auth/me', '/api/auth/verify']) {
          const res = await api.http.get(path).set(headers);
          expect(res.status).toBe(200);
          expect(JSON.stringify(res.body)).toContain(b.tenant.id);
          expectNothingOfA(res.body);
        }
      }
    });

    it('GET /api/system/activity', async () => {
      for (const { headers } of [...bCallers(), { who: 'B manager', headers: b.manager.headers }]) {
        const res = await api.http.get('/api/system/activity?limit=100').set(headers);
        expect(res.status).toBe(200);
        const ownTotal = await countRows(db, 'activity_log', 'tenant_id = $1', [b.tenant.id]);
        expect(res.body.meta.total).toBe(ownTotal);
        expect(res.body.data.length).toBe(ownTotal);
        expectNothingOfA(res.body);
        const logins = await api.http.get('/api/system/activity?type=auth.login').set(headers);
        expectNothingOfA(logins.body);
      }
    });

    it('GET /api/admin/queues failed_jobs', async () => {
      for (const { headers } of bCallers()) {
        const res = await api.http.get('/api/admin/queues').set(headers);
        expect(res.status).toBe(200);
        expect(
          res.body.data.failed_jobs.map((j: { queue: string; id: string }) => `${j.queue}/${j.id}`),
        ).toEqual([`${b.job.queue}/${b.job.id}`]);
        expect(JSON.stringify(res.body)).not.toContain(`failed for ${a.tenant.id}`);
      }
    });

    it('inbox lists, unknown messages, WhatsApp analytics and channel config', async () => {
      for (const { headers } of bCallers()) {
        for (const path of [
          '/api/conversations',
          '/api/sms/conversations',
          '/api/whatsapp/conversations',
          '/api/telegram/conversations',
          '/api/messages/unknown',
        ]) {
          const res = await api.http.get(path).set(headers);
          expect({ path, status: res.status, total: res.body.meta?.total }).toEqual({
            path,
            status: 200,
            total: 0,
          });
          expectNothingOfA(res.body);
        }
        const analytics = await api.http.get('/api/analytics/whatsapp').set(headers);
        expect(analytics.body.data).toMatchObject({ sent: 0, stopped: 0, queue: 0, recent_stops: [] });
        for (const path of ['/api/config/channels/sms', '/api/config/whatsapp']) {
          const res = await api.http.get(path).set(headers);
          expect(res.status).toBe(200);
          expectNothingOfA(res.body);
        }
      }
    });

    it("PATCH /api/tenant changes B only, and B cannot name A's tenant or user in a body", async () => {
      const bName = `Bravo Renamed ${uniqueSuffix()}`;
      const res = await api.http
        .patch('/api/tenant')
        .set(b.admin.headers)
        .send({ name: bName, timezone: 'Asia/Tokyo', default_country: 'JP', settings: { owner: 'b' } });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: b.tenant.id,
        name: bName,
        timezone: 'Asia/Tokyo',
        default_country: 'JP',
        settings: { owner: 'b' },
      });
      expectNothingOfA(res.body);
      const byKey = await api.http
        .patch('/api/tenant')
        .set('X-API-Key', b.key.key)
        .send({ settings: { k: 1 } });
      expect(byKey.body.data.id).toBe(b.tenant.id);

      for (const body of [
        { id: a.tenant.id, name: 'Owned' },
        { tenant_id: a.tenant.id, name: 'Owned' },
      ]) {
        const refused = await api.http.patch('/api/tenant').set(b.admin.headers).send(body);
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe('VALIDATION_ERROR');
      }
      const intoA = await api.http
        .post('/api/users')
        .set(b.admin.headers)
        .send({
          email: `intruder-${uniqueSuffix()}@example.test`,
          password: 'long enough password',
          first_name: 'In',
          last_name: 'Truder',
          role: 'admin',
          tenant_id: a.tenant.id,
        });
      expect(intoA.status).toBe(400);
      expect(intoA.body.error.details).toContainEqual({
        field: 'tenant_id',
        reason: 'is not an accepted field',
      });
    });
  });

  describe('afterwards', () => {
    it("after all of B's attempts, every row and job of A is exactly as it was", async () => {
      expect(await snapshotOf(a)).toEqual(aSnapshot);
      // And A still works: its key, its users, its tenant.
      const me = await api.http.get('/api/auth/me').set('X-API-Key', a.key.key);
      expect(me.body.data.tenant.id).toBe(a.tenant.id);
      const users = await api.http.get('/api/users').set(a.admin.headers);
      expect(users.body.meta.total).toBe(3);
      expectNothingOfB(users.body);
    });
  });

  function expectNothingOfB(body: unknown): void {
    const json = JSON.stringify(body);
    for (const marker of [b.tenant.id, b.admin.id, b.admin.email, b.manager.id, b.agent.id, b.key.id]) {
      expect(json).not.toContain(marker);
    }
  }
});
