import {
  bearer,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  ISO_TIMESTAMP,
  TEST_PASSWORD,
  TestTenant,
  TestUser,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';

interface Activity {
  id: string;
  type: string;
  description: string;
  status: string;
  timestamp: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  data: Record<string, unknown>;
}

describe('health and system (e2e)', () => {
  const api = useTestApi();

  describe('GET /api/health and /api/health/ready', () => {
    it('liveness answers without a token (and with a bad one)', async () => {
      for (const headers of [{}, bearer('not.a.jwt'), { 'X-API-Key': 'garbage' }]) {
        const res = await api.http.get('/api/health').set(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          success: true,
          data: { status: 'ok', uptime_seconds: expect.any(Number) },
        });
        expect(res.body.data.uptime_seconds).toBeGreaterThanOrEqual(0);
      }
    });

    it('readiness reports Postgres, Redis and the queues online, with latencies', async () => {
      const res = await api.http.get('/api/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          status: 'ready',
          checks: { database: 'online', redis: 'online', queues: 'online' },
          latency_ms: { database: expect.any(Number), redis: expect.any(Number), queues: expect.any(Number) },
        },
      });
    });
  });

  describe('GET /api/system/status', () => {
    it('answers the seed 003 shape to admins and managers (users or keys), 403 to agents', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const agent = await createUser(api.http, tenant, 'agent');
      const managerKey = await createApiKey(api.http, tenant, 'manager');
      const agentKey = await createApiKey(api.http, tenant, 'agent');

      for (const headers of [tenant.admin.headers, manager.headers, { 'X-API-Key': managerKey.key }]) {
        const res = await api.http.get('/api/system/status').set(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          success: true,
          data: {
            database: 'online',
            redis: 'online',
            queues: 'online',
            simulator: 'online',
            whatsapp_api: 'online',
            call_system: 'online',
            llm: { provider: 'local', model: 'reachline-local-1', configured: true, source: 'default' },
            last_updated: api.clock.now().toISOString(),
            uptime: expect.stringMatching(/^(\d+ days?, )?(\d+ hours?, )?\d+ minutes?$/),
            uptime_seconds: expect.any(Number),
          },
        });
      }
      for (const headers of [agent.headers, { 'X-API-Key': agentKey.key }]) {
        expectError(
          await api.http.get('/api/system/status').set(headers),
          403,
          'AUTHORIZATION_FAILED',
          'This needs the manager role',
        );
      }
      expectError(await api.http.get('/api/system/status'), 401, 'AUTHENTICATION_REQUIRED');
    });

    it("seed 003's whatsapp_api and call_system follow the channels: configured once on a provider", async () => {
      const tenant = await createTenant(api.http);
      const voice = await api.http
        .put('/api/config/channels/voice')
        .set(tenant.admin.headers)
        .send({
          provider: 'twilio',
          credentials: { account_sid: `AC${'0'.repeat(32)}`, auth_token: 'tok', from: '+14155550100' },
        });
      expect(voice.status).toBe(200);
      const res = await api.http.get('/api/system/status').set(tenant.admin.headers);
      expect(res.body.data).toMatchObject({
        whatsapp_api: 'online',
        call_system: 'configured',
        twilio: 'configured',
      });
    });

    it('uptime is counted on the platform clock', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'admin'); // keys do not expire when the clock jumps
      const start = api.clock.now();
      const jump = ((2 * 24 + 14) * 3600 + 32 * 60 + 30) * 1000;
      try {
        api.clock.advance(jump);
        const res = await api.http.get('/api/system/status').set('X-API-Key', key.key);
        expect(res.status).toBe(200);
        expect(res.body.data.uptime).toBe('2 days, 14 hours, 32 minutes');
        expect(res.body.data.last_updated).toBe(api.clock.now().toISOString());
        expect(res.body.data.uptime_seconds).toBeGreaterThanOrEqual(jump / 1000 - 10);
        expect(res.body.data.uptime_seconds).toBeLessThanOrEqual(jump / 1000);
        const live = await api.http.get('/api/health');
        expect(live.body.data.uptime_seconds).toBe(res.body.data.uptime_seconds);
      } finally {
        api.clock.set(start);
      }
    });
  });

  describe('GET /api/system/activity', () => {
    let tenant: TestTenant;
    let manager: TestUser;
    let keyId: string;
    let other: TestTenant;
    let otherAgent: TestUser;

    const feed = (query = '', headers = tenant.admin.headers) =>
      api.http.get(`/api/system/activity${query}`).set(headers);

    beforeAll(async () => {
      tenant = await createTenant(api.http);
      other = await createTenant(api.http);
      manager = await createUser(api.http, tenant, 'manager'); // user.created, auth.login
      otherAgent = await createUser(api.http, other, 'agent'); // in the other tenant's feed only
      const failed = await api.http
        .post('/api/auth/login')
        .send({ email: manager.email, password: 'wrong password!' });
      expect(failed.status).toBe(401);
      const key = await createApiKey(api.http, tenant, 'agent');
      keyId = key.id;
      await api.http.delete(`/api/api-keys/${key.id}`).set(tenant.admin.headers).expect(200);
      await createApiKey(api.http, other, 'admin');
    });

    it("lists the tenant's logins, user and key changes, newest first", async () => {
      const res = await feed();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: expect.any(Array),
        meta: { total: 7, limit: 50, offset: 0 },
      });
      const data = res.body.data as Activity[];
      for (const entry of data) {
        expect(entry).toEqual({
          id: expect.stringMatching(UUID_PATTERN),
          type: expect.any(String),
          description: expect.any(String),
          status: expect.any(String),
          timestamp: expect.stringMatching(ISO_TIMESTAMP),
          actor_user_id: entry.actor_user_id === null ? null : expect.stringMatching(UUID_PATTERN),
          actor_api_key_id: null,
          data: expect.any(Object),
        });
      }
      // The tenant and its admin are created in one transaction, so those two share a timestamp.
      expect(data.slice(0, 5).map((a) => a.type)).toEqual([
        'api_key.revoked',
        'api_key.created',
        'auth.login_failed',
        'auth.login',
        'user.created',
      ]);
      expect(
        data
          .slice(5)
          .map((a) => a.type)
          .sort(),
      ).toEqual(['tenant.created', 'user.created']);
      const times = data.map((a) => Date.parse(a.timestamp));
      expect([...times].sort((a, b) => b - a)).toEqual(times);

      expect(data[0]).toMatchObject({
        actor_user_id: tenant.admin.id,
        status: 'success',
        data: { api_key_id: keyId },
      });
      expect(data[2]).toMatchObject({
        status: 'failure',
        actor_user_id: manager.id,
        description: `Failed login for ${manager.email}`,
      });
      expect(data[3]).toMatchObject({ status: 'success', actor_user_id: manager.id });
      expect(data[4]).toMatchObject({ actor_user_id: tenant.admin.id, data: { user_id: manager.id } });

      const json = JSON.stringify(res.body);
      for (const foreign of [
        other.id,
        other.admin.id,
        other.admin.email,
        otherAgent.id,
        otherAgent.email,
        other.name,
      ]) {
        expect(json).not.toContain(foreign);
      }
      expect(json).not.toContain(TEST_PASSWORD);
      expect(json).not.toContain('wrong password!');
    });

    it('pages with limit and offset or page', async () => {
      const all = (await feed()).body.data.map((a: Activity) => a.id);
      const second = await feed('?limit=2&offset=2');
      expect(second.body.meta).toEqual({ total: 7, limit: 2, offset: 2 });
      expect(second.body.data.map((a: Activity) => a.id)).toEqual(all.slice(2, 4));
      const page = await feed('?limit=3&page=3');
      expect(page.body.meta).toEqual({ total: 7, limit: 3, offset: 6 });
      expect(page.body.data.map((a: Activity) => a.id)).toEqual(all.slice(6));
      expect((await feed('?limit=101')).status).toBe(400);
    });

    it('filters by ?type=', async () => {
      const logins = await feed('?type=auth.login');
      expect(logins.status).toBe(200);
      expect(logins.body.meta).toEqual({ total: 1, limit: 50, offset: 0 });
      expect(logins.body.data).toEqual([
        expect.objectContaining({ type: 'auth.login', actor_user_id: manager.id }),
      ]);
      const created = await feed('?type=user.created');
      expect(created.body.data.map((a: Activity) => a.data.user_id)).toEqual([manager.id, tenant.admin.id]);
      const none = await feed('?type=nothing.like_this');
      expect(none.body).toEqual({ success: true, data: [], meta: { total: 0, limit: 50, offset: 0 } });
    });

    it('refuses a malformed type with 400', async () => {
      for (const type of ['AUTH.LOGIN', 'auth%20login', 'auth.login%27%3B--', 'a'.repeat(65), '']) {
        const res = await feed(`?type=${type}`);
        expect({ type, status: res.status }).toEqual({ type, status: 400 });
        expect(res.body).toEqual({
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: expect.any(String),
            details: [{ field: 'type', reason: expect.any(String) }],
          },
        });
      }
    });

    it('is for managers and admins: agents get 403, no token 401', async () => {
      const res = await feed('', manager.headers);
      expect(res.status).toBe(200);
      expect(res.body.meta.total).toBe(7);
      const agent = await createUser(api.http, other, 'agent');
      expectError(await feed('', agent.headers), 403, 'AUTHORIZATION_FAILED');
      expectError(await api.http.get('/api/system/activity'), 401, 'AUTHENTICATION_REQUIRED');
    });

    it('stamps entries on the platform clock (DESIGN §3b)', async () => {
      const fresh = await createTenant(api.http);
      const start = api.clock.now();
      try {
        const later = api.clock.advance(6 * 3600 * 1000);
        const login = await api.http
          .post('/api/auth/login')
          .send({ email: fresh.admin.email, password: TEST_PASSWORD });
        expect(login.status).toBe(200);
        const res = await feed('?type=auth.login', bearer(login.body.data.token));
        expect(res.body.data[0].timestamp).toBe(later.toISOString());
      } finally {
        api.clock.set(start);
      }
    });
  });
});
