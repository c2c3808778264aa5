import {
  bearer,
  countRows,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  EchoWebhookModule,
  TEST_PASSWORD,
  TestApi,
  TestApiKey,
  TestTenant,
  TestUser,
  uniqueSuffix,
} from '@app/testing';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * DESIGN §3 rate limits: Redis-backed, per class, every figure from config. Each scenario lowers one limit
 * through config on an app of its own (its own Redis prefix). Tenants and users are made beforehand on a
 * separate app with the test config's high limits, so the scenario's counters start at zero.
 */

function rateHeaders(res: Response) {
  return {
    limit: res.headers['x-ratelimit-limit'],
    remaining: res.headers['x-ratelimit-remaining'],
    reset: res.headers['x-ratelimit-reset'],
  };
}

/** X-RateLimit-* present, exact limit and remaining, and Reset a unix time in seconds inside the window. */
function expectRateHeaders(res: Response, limit: number, remaining: number, windowSeconds = 60): number {
  const h = rateHeaders(res);
  expect({ limit: h.limit, remaining: h.remaining }).toEqual({
    limit: String(limit),
    remaining: String(remaining),
  });
  expect(h.reset).toMatch(/^\d{10}$/);
  const reset = Number(h.reset);
  const nowSeconds = Date.now() / 1000;
  expect(reset).toBeGreaterThan(nowSeconds);
  expect(reset).toBeLessThanOrEqual(Math.ceil(nowSeconds) + windowSeconds + 1);
  return reset;
}

function expectNoRateHeaders(res: Response): void {
  expect(Object.keys(res.headers).filter((h) => h.toLowerCase().startsWith('x-ratelimit'))).toEqual([]);
}

/** The 429 envelope of DESIGN §3, with Retry-After agreeing with details.retry_after_seconds. */
function expectLimited(res: Response, limit: number, windowSeconds = 60): void {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({
    success: false,
    error: {
      code: 'RATE_LIMIT_EXCEEDED',
      message: expect.any(String),
      details: { limit, retry_after_seconds: expect.any(Number) },
    },
  });
  const retryAfter = res.body.error.details.retry_after_seconds as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(res.headers['retry-after']).toBe(String(retryAfter));
  expectRateHeaders(res, limit, 0, windowSeconds);
}

describe('rate limits (e2e)', () => {
  /**
   * Each scenario also has a `seed` app with the test config's high limits: it makes tenants, users and keys
   * before the limited app starts, and reads state back without counting. Both close when the scenario ends.
   */
  let seed: TestApi;

  const login = (api: TestApi, user: { email: string }, password = TEST_PASSWORD) =>
    api.http.post('/api/auth/login').send({ email: user.email, password });

  describe('auth class (login, register, refresh): RATE_LIMIT_AUTH_POINTS=3, per IP', () => {
    let api: TestApi;
    let tenant: TestTenant;
    let agent: TestUser;

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      agent = await createUser(seed.http, tenant, 'agent');
      api = await createTestApi({ env: { RATE_LIMIT_AUTH_POINTS: '3' } });
    });
    afterAll(async () => {
      await api.close();
      await seed.close();
    });

    it('counts login, refresh and failed logins together; the 4th is a 429 that changes nothing', async () => {
      const wrong = await login(api, tenant.admin, 'not the password');
      expect(wrong.status).toBe(401);
      const firstReset = expectRateHeaders(wrong, 3, 2);

      const ok = await login(api, agent);
      expect(ok.status).toBe(200);
      expect(expectRateHeaders(ok, 3, 1)).toBeGreaterThanOrEqual(firstReset - 1);

      const refreshed = await api.http.post('/api/auth/refresh').send({ refresh_token: agent.refresh_token });
      expect(refreshed.status).toBe(200);
      expectRateHeaders(refreshed, 3, 0);

      const fourth = await login(api, tenant.admin);
      expectLimited(fourth, 3);

      // Every credential route is refused now, and none of them did anything.
      const email = `limited-${uniqueSuffix()}@example.test`;
      const register = await api.http.post('/api/auth/register').send({
        email,
        password: TEST_PASSWORD,
        first_name: 'Rate',
        last_name: 'Limited',
        tenant_name: `Limited ${uniqueSuffix()}`,
      });
      expectLimited(register, 3);
      expect(await countRows(seed.app.get(DataSource), 'users', 'email = $1', [email])).toBe(0);

      const refreshAgain = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: refreshed.body.data.refresh_token });
      expectLimited(refreshAgain, 3);
      // The refused refresh did not rotate (revoke) the refresh token: it still works elsewhere.
      const stillValid = await seed.http
        .post('/api/auth/refresh')
        .send({ refresh_token: refreshed.body.data.refresh_token });
      expect(stillValid.status).toBe(200);
    });

    it('a spoofed X-Forwarded-For does not escape the limit (TRUST_PROXY is off)', async () => {
      const res = await login(api, agent).set('X-Forwarded-For', '198.51.100.77');
      expectLimited(res, 3);
    });

    it('the api class is counted apart: a signed-in user still works', async () => {
      const me = await api.http.get('/api/auth/me').set(agent.headers);
      expect(me.status).toBe(200);
      expect(me.body.data.user.id).toBe(agent.id);
      expect(rateHeaders(me).limit).toBe('100000');
    });
  });

  describe('auth class behind a trusted proxy: RATE_LIMIT_AUTH_POINTS=3, TRUST_PROXY=true', () => {
    let api: TestApi;
    let tenant: TestTenant;
    let agent: TestUser;

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      agent = await createUser(seed.http, tenant, 'agent');
      api = await createTestApi({ env: { RATE_LIMIT_AUTH_POINTS: '3', TRUST_PROXY: 'true' } });
    });
    afterAll(async () => {
      await api.close();
      await seed.close();
    });

    it('counts per client IP, whichever user logs in', async () => {
      const from = (ip: string, user: { email: string }) => login(api, user).set('X-Forwarded-For', ip);
      const answers = [
        await from('203.0.113.1', tenant.admin),
        await from('203.0.113.1', agent),
        await from('203.0.113.1', tenant.admin),
      ];
      answers.forEach((res, i) => {
        expect(res.status).toBe(200);
        expectRateHeaders(res, 3, 2 - i);
      });
      expectLimited(await from('203.0.113.1', agent), 3);

      const otherIp = await from('203.0.113.2', agent);
      expect(otherIp.status).toBe(200);
      expectRateHeaders(otherIp, 3, 2);
      expectLimited(await from('203.0.113.1', tenant.admin), 3);
    });

    it('an X-Forwarded-For the client wrote itself (before the proxy appended its address) does not escape the limit', async () => {
      // The proxy appends the address it saw: what comes before it is the client's own text.
      const spoofed = (n: number) => login(api, agent).set('X-Forwarded-For', `198.51.100.${n}, 203.0.113.9`);
      for (let n = 1; n <= 3; n++) expect((await spoofed(n)).status).toBe(200);
      expectLimited(await spoofed(4), 3);
    });

    it('a client moving through the addresses of its IPv6 /64 does not escape the limit', async () => {
      // One host holds a whole /64 (2^64 addresses it may use at will): each must not open a fresh counter.
      const from = (ip: string) => login(api, agent).set('X-Forwarded-For', ip);
      for (let n = 1; n <= 3; n++) expect((await from(`2001:db8:a:b::${n}`)).status).toBe(200);
      expectLimited(await from('2001:db8:a:b:ffff:ffff:ffff:fffe'), 3);
      expectLimited(await from('2001:0DB8:000a:000b:0:0:0:9'), 3);
      // Another /64 is another client.
      const neighbour = await from('2001:db8:a:c::1');
      expect(neighbour.status).toBe(200);
      expectRateHeaders(neighbour, 3, 2);
    });
  });

  describe('auth class behind two trusted proxies: RATE_LIMIT_AUTH_POINTS=2, TRUST_PROXY=2', () => {
    let api: TestApi;
    let tenant: TestTenant;

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      api = await createTestApi({ env: { RATE_LIMIT_AUTH_POINTS: '2', TRUST_PROXY: '2' } });
    });
    afterAll(async () => {
      await api.close();
      await seed.close();
    });

    it('counts per client IP, the address the outer proxy saw', async () => {
      const from = (xff: string) => login(api, tenant.admin).set('X-Forwarded-For', xff);
      expect((await from('198.51.100.1, 203.0.113.5, 10.0.0.2')).status).toBe(200);
      expect((await from('198.51.100.2, 203.0.113.5, 10.0.0.2')).status).toBe(200);
      expectLimited(await from('198.51.100.3, 203.0.113.5, 10.0.0.2'), 2);
      expect((await from('203.0.113.6, 10.0.0.2')).status).toBe(200);
    });
  });

  describe('api class: RATE_LIMIT_API_POINTS=5, per user or key', () => {
    let api: TestApi;
    let tenant: TestTenant;
    let manager: TestUser;
    let key: TestApiKey;

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      manager = await createUser(seed.http, tenant, 'manager');
      key = await createApiKey(seed.http, tenant, 'agent');
      api = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '5' } });
    });
    afterAll(async () => {
      await api.close();
      await seed.close();
    });

    it('one user exhausting its limit leaves another user of the tenant and an API key untouched', async () => {
      const resets: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await api.http.get('/api/auth/me').set(tenant.admin.headers);
        expect(res.status).toBe(200);
        resets.push(expectRateHeaders(res, 5, 4 - i));
      }
      // One fixed window: the reset time does not move while it runs.
      expect(Math.max(...resets) - Math.min(...resets)).toBeLessThanOrEqual(1);
      expectLimited(await api.http.get('/api/auth/me').set(tenant.admin.headers), 5);
      expectLimited(await api.http.get('/api/tenant').set(tenant.admin.headers), 5);

      const other = await api.http.get('/api/auth/me').set(manager.headers);
      expect(other.status).toBe(200);
      expect(other.body.data.user.id).toBe(manager.id);
      expectRateHeaders(other, 5, 4);

      const byHeader = await api.http.get('/api/auth/me').set('X-API-Key', key.key);
      expect(byHeader.status).toBe(200);
      expect(byHeader.body.data.principal_type).toBe('api_key');
      expectRateHeaders(byHeader, 5, 4);
      // The same key as a bearer token is the same principal, so the same counter.
      const byBearer = await api.http.get('/api/auth/me').set(bearer(key.key));
      expect(byBearer.status).toBe(200);
      expectRateHeaders(byBearer, 5, 3);

      // An anonymous caller is counted by IP, not against the exhausted user.
      const anonymous = await api.http.get('/api/dnc');
      expect(anonymous.status).toBe(401);
      expectRateHeaders(anonymous, 5, 4);
    });
  });

  describe('a 429 on a write changes nothing: RATE_LIMIT_API_POINTS=5', () => {
    let api: TestApi;
    let tenant: TestTenant;
    let keyId: string;

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      keyId = (await createApiKey(seed.http, tenant, 'agent')).id;
      api = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '5' } });
    });
    afterAll(async () => {
      await api.close();
      await seed.close();
    });

    it('PATCH /api/tenant, POST /api/users and DELETE /api/api-keys/:id past the limit do nothing', async () => {
      const first = await api.http
        .patch('/api/tenant')
        .set(tenant.admin.headers)
        .send({ name: 'Within Limit' });
      expect(first.status).toBe(200);
      expect(first.body.data.name).toBe('Within Limit');
      expectRateHeaders(first, 5, 4);
      for (let i = 0; i < 4; i++) {
        const res = await api.http.get('/api/tenant').set(tenant.admin.headers);
        expect(res.status).toBe(200);
        expectRateHeaders(res, 5, 3 - i);
      }
      const before = (await seed.http.get('/api/tenant').set(tenant.admin.headers)).body.data;

      const patch = await api.http
        .patch('/api/tenant')
        .set(tenant.admin.headers)
        .send({ name: 'Over The Limit', timezone: 'Europe/Lisbon', default_country: 'PT' });
      expectLimited(patch, 5);
      const email = `over-${uniqueSuffix()}@example.test`;
      const create = await api.http
        .post('/api/users')
        .set(tenant.admin.headers)
        .send({ email, password: TEST_PASSWORD, first_name: 'Over', last_name: 'Limit', role: 'agent' });
      expectLimited(create, 5);
      const revoke = await api.http.delete(`/api/api-keys/${keyId}`).set(tenant.admin.headers);
      expectLimited(revoke, 5);

      const after = await seed.http.get('/api/tenant').set(tenant.admin.headers);
      expect(after.body.data).toEqual(before);
      expect(after.body.data).toMatchObject({ name: 'Within Limit', timezone: 'UTC', default_country: null });
      const users = await seed.http.get('/api/users').set(tenant.admin.headers);
      expect(users.body.meta.total).toBe(1);
      expect(users.body.data.map((u: { email: string }) => u.email)).not.toContain(email);
      const keys = await seed.http.get('/api/api-keys').set(tenant.admin.headers);
      expect(keys.body.data.find((k: { id: string }) => k.id === keyId)).toMatchObject({ revoked_at: null });
    });
  });

  describe('two API processes share the counters (one config, one Redis prefix)', () => {
    let a: TestApi;
    let b: TestApi;
    let tenant: TestTenant;
    let agent: TestUser;
    const open = new Set<TestApi>();

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      agent = await createUser(seed.http, tenant, 'agent');
      a = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '5' } });
      b = await createTestApi({ config: a.config });
      open.add(a).add(b);
    });
    afterAll(async () => {
      for (const app of [b, a]) if (open.delete(app)) await app.close();
      await seed.close();
    });

    it('requests split across both apps hit the limit at exactly 5', async () => {
      const apps = [a, b, a, b, a];
      for (const [i, app] of apps.entries()) {
        const res = await app.http.get('/api/auth/me').set(tenant.admin.headers);
        expect(res.status).toBe(200);
        expectRateHeaders(res, 5, 4 - i);
      }
      expectLimited(await b.http.get('/api/auth/me').set(tenant.admin.headers), 5);
      expectLimited(await a.http.get('/api/auth/me').set(tenant.admin.headers), 5);
    });

    it('and the auth class too (per IP)', async () => {
      // The test config's auth limit is high: count it down from both apps and see one counter.
      const first = await login(a, agent);
      const second = await login(b, agent);
      const third = await login(a, agent);
      expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
      const remaining = [first, second, third].map((r) => Number(rateHeaders(r).remaining));
      expect(remaining).toEqual([remaining[0], remaining[0] - 1, remaining[0] - 2]);
    });

    it('one process stopping leaves the other serving signed-in callers', async () => {
      open.delete(b);
      await b.close();
      const me = await a.http.get('/api/auth/me').set(agent.headers);
      expect(me.status).toBe(200);
      expect(me.body.data.user.id).toBe(agent.id);
    });
  });

  describe('the window resets: RATE_LIMIT_API_POINTS=2, RATE_LIMIT_API_WINDOW_SECONDS=1', () => {
    let api: TestApi;
    let tenant: TestTenant;

    beforeAll(async () => {
      seed = await createTestApi();
      tenant = await createTenant(seed.http);
      api = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '2', RATE_LIMIT_API_WINDOW_SECONDS: '1' } });
    });
    afterAll(async () => {
      await api.close();
      await seed.close();
    });

    it('a limited caller is served again after the reset time', async () => {
      const get = () => api.http.get('/api/tenant').set(tenant.admin.headers);
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      const limited = await get();
      expectLimited(limited, 2, 1);
      const reset = Number(limited.headers['x-ratelimit-reset']);
      await new Promise((r) => setTimeout(r, Math.max(0, reset * 1000 - Date.now()) + 100));
      const again = await get();
      expect(again.status).toBe(200);
      expectRateHeaders(again, 2, 1, 1);
    });
  });

  describe('webhooks and health probes are never limited: RATE_LIMIT_API_POINTS=1, RATE_LIMIT_AUTH_POINTS=1', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await createTestApi({
        env: { RATE_LIMIT_API_POINTS: '1', RATE_LIMIT_AUTH_POINTS: '1' },
        imports: [EchoWebhookModule],
      });
    });
    afterAll(() => api.close());

    it('the fixture webhook answers every call, with no X-RateLimit-* headers, while /api is limited', async () => {
      // An anonymous caller's one request (its 401) uses up its address's api limit.
      const first = await api.http.get('/api/dnc');
      expect(first.status).toBe(401);
      expectRateHeaders(first, 1, 0);
      expectLimited(await api.http.get('/api/dnc'), 1);

      for (let i = 0; i < 8; i++) {
        const raw = `{"n":${i}}`;
        const res = await api.http
          .post('/webhooks/test/echo')
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          length: raw.length,
          sha256: createHash('sha256').update(raw).digest('hex'),
        });
        expectNoRateHeaders(res);
        expect(res.headers['retry-after']).toBeUndefined();
      }
      // The API is still limited afterwards: the webhook calls neither counted nor reset anything.
      expectLimited(await api.http.get('/api/dnc'), 1);
    });

    it("the health probes answer every call from an address past its limit, and count against nobody's", async () => {
      expectLimited(await api.http.get('/api/dnc'), 1);
      for (let i = 0; i < 5; i++) {
        for (const path of ['/api/health', '/api/health/ready']) {
          const res = await api.http.get(path);
          expect({ path, status: res.status }).toEqual({ path, status: 200 });
          expectNoRateHeaders(res);
        }
      }
      expectLimited(await api.http.get('/api/dnc'), 1);
    });
  });
});
