import {
  countRows,
  createTenant,
  createTestApi,
  createUser,
  TEST_PASSWORD,
  TestApi,
  TestTenant,
  TestUser,
  uniqueSuffix,
  waitFor,
} from '@app/testing';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * The per-account login throttle: logins of one identity without a success, from whatever IPs, are counted in Redis
 * across API processes; past LOGIN_THROTTLE_ATTEMPTS in the window they are refused 429, the right password too.
 * The throttled apps trust one proxy, so each login can come from an IP of its own (X-Forwarded-For), each far
 * under the per-IP limit (5 a minute, the default): the botnet the per-IP limit alone does not stop.
 */

const ATTEMPTS = 3;
const WINDOW_SECONDS = 900;
const THROTTLED = {
  LOGIN_THROTTLE_ATTEMPTS: String(ATTEMPTS),
  LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
  RATE_LIMIT_AUTH_POINTS: '5',
  TRUST_PROXY: 'true',
};

let ipSeq = 0;
/** A client IP no other login of this file used. */
const freshIp = () => `198.51.${100 + Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

type Credentials = { email: string } | { username: string; tenant: string };

const login = (api: TestApi, who: Credentials, password: string) =>
  api.http
    .post('/api/auth/login')
    .set('X-Forwarded-For', freshIp())
    .send({
      ...('username' in who ? { username: who.username, tenant: who.tenant } : { email: who.email }),
      password,
    });

/** The DESIGN §3 429, with Retry-After agreeing with details and inside the window. */
function expectThrottled(res: Response, windowSeconds = WINDOW_SECONDS): void {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({
    success: false,
    error: {
      code: 'RATE_LIMIT_EXCEEDED',
      message: expect.stringMatching(/^Too many login attempts for this account; retry in \d+ s$/),
      details: { limit: ATTEMPTS, retry_after_seconds: expect.any(Number) },
    },
  });
  const retryAfter = res.body.error.details.retry_after_seconds as number;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(res.headers['retry-after']).toBe(String(retryAfter));
  // The rate headers describe the account's limit that refused it, not the per-IP budget the login had left.
  expect(res.headers['x-ratelimit-limit']).toBe(String(ATTEMPTS));
  expect(res.headers['x-ratelimit-remaining']).toBe('0');
  const reset = Number(res.headers['x-ratelimit-reset']) - Date.now() / 1000;
  expect(reset).toBeGreaterThan(retryAfter - 2);
  expect(reset).toBeLessThanOrEqual(retryAfter + 1);
}

function expectInvalid(res: Response): void {
  expect(res.status).toBe(401);
  expect(res.body).toEqual({
    success: false,
    error: { code: 'AUTHENTICATION_REQUIRED', message: 'Invalid credentials', details: null },
  });
}

describe('per-account login throttle (e2e)', () => {
  let seed: TestApi;
  let api: TestApi;
  let tenant: TestTenant;
  let db: DataSource;

  beforeAll(async () => {
    // Users are made on an app with the test config's limits; the throttled app counts from zero.
    seed = await createTestApi();
    db = seed.app.get(DataSource);
    tenant = await createTenant(seed.http);
    api = await createTestApi({ env: THROTTLED });
  });
  afterAll(async () => {
    await api?.close();
    await seed?.close();
  });

  const loginState = async (user: TestUser) => ({
    last_login_at: (await db.query('SELECT last_login_at FROM users WHERE id = $1', [user.id]))[0]
      .last_login_at as Date | null,
    logins: await countRows(db, 'activity_log', "actor_user_id = $1 AND type = 'auth.login'", [user.id]),
    failures: await countRows(db, 'activity_log', "actor_user_id = $1 AND type = 'auth.login_failed'", [
      user.id,
    ]),
  });

  it('after N failed logins from N IPs, the next is refused 429 with Retry-After, the right password too, and changes nothing', async () => {
    const agent = await createUser(seed.http, tenant, 'agent');
    for (let i = 0; i < ATTEMPTS; i++) expectInvalid(await login(api, agent, 'not the password'));
    // Each refusal is recorded once it is answered (AuthService.login): all of them, soon.
    const before = await waitFor(
      async () => {
        const state = await loginState(agent);
        return state.failures >= ATTEMPTS && state;
      },
      10_000,
      'the failed logins recorded',
    );
    expect(before.failures).toBe(ATTEMPTS);

    expectThrottled(await login(api, { email: agent.email.toUpperCase() }, TEST_PASSWORD));
    expectThrottled(await login(api, agent, TEST_PASSWORD));
    // Nothing was looked up or recorded, and the owner's session goes on.
    expect(await loginState(agent)).toEqual(before);
    const me = await api.http.get('/api/auth/me').set(agent.headers);
    expect(me.status).toBe(200);
    // Another account is not affected.
    const other = await createUser(seed.http, tenant, 'agent');
    expect((await login(api, other, TEST_PASSWORD)).status).toBe(200);
  });

  it('an unknown email is counted and refused alike: the answers do not tell it from a known one', async () => {
    const known = await createUser(seed.http, tenant, 'agent');
    const unknown = { email: `nobody-${uniqueSuffix()}@example.test` };
    for (let i = 0; i < ATTEMPTS; i++) {
      expectInvalid(await login(api, known, 'not the password'));
      expectInvalid(await login(api, unknown, 'not the password'));
    }
    const refusals = [await login(api, known, TEST_PASSWORD), await login(api, unknown, TEST_PASSWORD)];
    for (const res of refusals) expectThrottled(res);
    const shape = (res: Response) => ({
      status: res.status,
      code: res.body.error.code,
      message: (res.body.error.message as string).replace(/\d+/g, 'N'),
      headers: Object.keys(res.headers)
        .filter((h) => !['date', 'x-request-id'].includes(h))
        .sort(),
    });
    expect(shape(refusals[1])).toEqual(shape(refusals[0]));
  });

  it('a successful login before the limit starts the count again', async () => {
    const agent = await createUser(seed.http, tenant, 'agent');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < ATTEMPTS - 1; i++) expectInvalid(await login(api, agent, 'not the password'));
      expect((await login(api, agent, TEST_PASSWORD)).status).toBe(200);
    }
    // The count did start again: N more failures are needed before a refusal.
    for (let i = 0; i < ATTEMPTS; i++) expectInvalid(await login(api, agent, 'not the password'));
    expectThrottled(await login(api, agent, TEST_PASSWORD));
  });

  it('a username login counts per username in its tenant: the slug and the name in any case are one identity, known or not', async () => {
    const username = `ana${uniqueSuffix()}`;
    const agent = await createUser(seed.http, tenant, 'agent', { username });
    const slug = (await seed.http.get('/api/tenant').set(tenant.admin.headers)).body.data.slug as string;
    const refs = [slug, tenant.name.toUpperCase(), ` ${tenant.name.toLowerCase()} `];
    for (const who of [username, `nobody${uniqueSuffix()}`]) {
      for (const ref of refs) expectInvalid(await login(api, { username: who, tenant: ref }, 'wrong'));
      expectThrottled(await login(api, { username: who.toUpperCase(), tenant: tenant.name }, TEST_PASSWORD));
    }
    // The email is an identity of its own.
    expect((await login(api, agent, TEST_PASSWORD)).status).toBe(200);
  });

  it('is counted in Redis: two API processes share one count', async () => {
    const other = await createTestApi({ config: api.config });
    try {
      const agent = await createUser(seed.http, tenant, 'agent');
      for (let i = 0; i < ATTEMPTS; i++)
        expectInvalid(await login(i % 2 ? api : other, agent, 'not the password'));
      expectThrottled(await login(other, agent, TEST_PASSWORD));
      expectThrottled(await login(api, agent, TEST_PASSWORD));
    } finally {
      await other.close();
    }
  });

  describe('the window', () => {
    const WINDOW = 4;
    let short: TestApi;
    beforeAll(async () => {
      short = await createTestApi({ env: { ...THROTTLED, LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW) } });
    });
    afterAll(() => short?.close());

    const sleepUntil = (at: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

    it('ends on its own from the first failure; refused logins do not extend it', async () => {
      const agent = await createUser(seed.http, tenant, 'agent');
      // The window starts when Redis counts the first failure: after `started`, before `firstDone`.
      const started = Date.now();
      expectInvalid(await login(short, agent, 'not the password'));
      const firstDone = Date.now();
      for (let i = 1; i < ATTEMPTS; i++) expectInvalid(await login(short, agent, 'not the password'));
      expectThrottled(await login(short, agent, TEST_PASSWORD), WINDOW);
      // Still inside the window (it ends after started + WINDOW s); were it extended, to past firstDone + 5.5 s.
      await sleepUntil(firstDone + 1500);
      expect(Date.now()).toBeLessThan(started + WINDOW * 1000 - 500);
      expectThrottled(await login(short, agent, TEST_PASSWORD), WINDOW);
      // The window has ended (by firstDone + WINDOW s).
      await sleepUntil(firstDone + WINDOW * 1000 + 100);
      expect((await login(short, agent, TEST_PASSWORD)).status).toBe(200);
    });
  });
});
