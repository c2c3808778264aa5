import { REDIS } from '@app/common';
import {
  bearer,
  createTenant,
  createTestApi,
  createUser,
  TEST_PASSWORD,
  TestApi,
  TestTenant,
  TestUser,
} from '@app/testing';
import type Redis from 'ioredis';
import type { Response } from 'supertest';

/**
 * An authenticated request's rate-limit step rides the same Redis round trip as its token's checks (user state
 * and revocation). What that must keep: a token that is no longer good (revoked, of a deactivated user, issued
 * before the user's sessions were ended) counts against the caller's IP like any refused credential, never
 * against its user; a state missing from Redis is loaded from Postgres and the request counted once; and the
 * counters stay where the previous release (rate-limiter-flexible) kept them. Two API processes share one config.
 */

const remaining = (res: Response) => Number(res.headers['x-ratelimit-remaining']);

describe('rate-limit counters and token checks in one round trip (e2e)', () => {
  let seed: TestApi;
  let a: TestApi;
  let b: TestApi;
  let tenant: TestTenant;

  beforeAll(async () => {
    seed = await createTestApi();
    tenant = await createTenant(seed.http);
  });
  afterAll(() => seed.close());

  // Two processes with fresh counters for each scenario: RATE_LIMIT_API_POINTS=5, one Redis prefix, one clock.
  beforeEach(async () => {
    a = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '5' } });
    b = await createTestApi({ config: a.config, clock: a.clock });
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  /** The admin's token issued by `a`: changes made with it are published where the pair reads them. */
  async function adminToken(): Promise<string> {
    const res = await a.http
      .post('/api/auth/login')
      .send({ email: tenant.admin.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    return res.body.data.token as string;
  }

  /** A user of the tenant, and a fresh token for it issued by `a` (on the pair's clock). */
  async function userWithToken(): Promise<{ user: TestUser; token: () => Promise<string> }> {
    const user = await createUser(seed.http, tenant, 'agent');
    const token = async () => {
      const res = await a.http.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      return res.body.data.token as string;
    };
    return { user, token };
  }

  it('a revoked token counts against the caller IP in every process, never against its user', async () => {
    const { token } = await userWithToken();
    const [revoked, good] = [await token(), await token()];

    const first = await a.http.get('/api/auth/me').set(bearer(revoked));
    expect(first.status).toBe(200);
    expect(remaining(first)).toBe(4);
    const logout = await a.http.post('/api/auth/logout').set(bearer(revoked)).send({});
    expect(logout.status).toBe(200);
    expect(remaining(logout)).toBe(3);

    // Refused on the other process at once; its two requests use the IP's counter.
    const refused = [
      await b.http.get('/api/auth/me').set(bearer(revoked)),
      await a.http.get('/api/tenant').set(bearer(revoked)),
    ];
    expect(refused.map((r) => [r.status, r.body.error?.message])).toEqual([
      [401, 'Token revoked'],
      [401, 'Token revoked'],
    ]);
    expect(refused.map(remaining)).toEqual([4, 3]);

    // The user's own counter did not move.
    const again = await b.http.get('/api/auth/me').set(bearer(good));
    expect(again.status).toBe(200);
    expect(remaining(again)).toBe(2);
  });

  it("a token issued before the user's sessions were ended (new password) counts against the IP", async () => {
    const { user, token } = await userWithToken();
    const old = await token();
    expect(remaining(await a.http.get('/api/auth/me').set(bearer(old)))).toBe(4);

    a.clock.advance(2000);
    const changed = await a.http
      .patch(`/api/users/${user.id}`)
      .set(bearer(await adminToken()))
      .send({ password: `${TEST_PASSWORD} 2` });
    expect(changed.status).toBe(200);

    const refusedOnce = await b.http.get('/api/auth/me').set(bearer(old));
    const refusedTwice = await a.http.get('/api/auth/me').set(bearer(old));
    expect([refusedOnce.status, refusedTwice.status]).toEqual([401, 401]);
    expect(refusedTwice.body.error.message).toBe('Token revoked');
    expect([remaining(refusedOnce), remaining(refusedTwice)]).toEqual([4, 3]);

    const login = await a.http
      .post('/api/auth/login')
      .send({ email: user.email, password: `${TEST_PASSWORD} 2` });
    const fresh = await b.http.get('/api/auth/me').set(bearer(login.body.data.token));
    expect(fresh.status).toBe(200);
    expect(remaining(fresh)).toBe(3);
  });

  it("a deactivated user's token is refused on the next request and counts against the IP", async () => {
    const { user, token } = await userWithToken();
    const live = await token();
    expect(remaining(await b.http.get('/api/auth/me').set(bearer(live)))).toBe(4);

    const deactivated = await a.http.delete(`/api/users/${user.id}`).set(bearer(await adminToken()));
    expect(deactivated.status).toBe(200);

    const refused = await b.http.get('/api/auth/me').set(bearer(live));
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('User is not active');
    expect(remaining(refused)).toBe(4);
    const key = (caller: string) => `${a.config.redisKey('ratelimit', 'api')}:${caller}`;
    const redis = a.app.get<Redis>(REDIS);
    expect(await redis.get(key(`user:${user.id}`))).toBe('1');
  });

  it('a user state missing from Redis is loaded from Postgres, and the request counted once', async () => {
    const { user, token } = await userWithToken();
    const live = await token();
    const redis = a.app.get<Redis>(REDIS);
    const stateKey = a.config.redisKey('auth-user', tenant.id, user.id);

    const first = await a.http.get('/api/auth/me').set(bearer(live));
    expect([first.status, remaining(first)]).toEqual([200, 4]);
    expect(await redis.get(stateKey)).toMatch(/^\d+\|agent\|1\|/);

    await redis.del(stateKey);
    const second = await b.http.get('/api/auth/me').set(bearer(live));
    expect([second.status, remaining(second)]).toEqual([200, 3]);
    expect(await redis.get(stateKey)).toMatch(/^\d+\|agent\|1\|/);
    const third = await a.http.get('/api/auth/me').set(bearer(live));
    expect([third.status, remaining(third)]).toEqual([200, 2]);
  });

  it("counters live where rate-limiter-flexible kept them (<prefix>:ratelimit:<class>:<caller>), with the window's TTL", async () => {
    const { user, token } = await userWithToken();
    const live = await token();
    for (let i = 0; i < 2; i++) expect((await a.http.get('/api/auth/me').set(bearer(live))).status).toBe(200);
    expect((await b.http.get('/api/dnc')).status).toBe(401);

    const redis = a.app.get<Redis>(REDIS);
    const key = (caller: string) => `${a.config.redisKey('ratelimit', 'api')}:${caller}`;
    expect(await redis.get(key(`user:${user.id}`))).toBe('2');
    expect(await redis.get(key('ip:127.0.0.1'))).toBe('1');
    const ttl = await redis.pttl(key(`user:${user.id}`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
