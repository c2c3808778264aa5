import { CredentialsService, REFRESH_AHEAD_MS, UserAuthStates } from '@app/auth';
import { REDIS } from '@app/common';
import { createTenant, createUser, TestTenant, TestUser, useTestApi, waitFor } from '@app/testing';
import type Redis from 'ioredis';

/**
 * A user's auth state lives 60 s in Redis; a request that finds none reads it from Postgres. When a busy user's
 * state expires, the requests in flight share one read per process (and a failed read is not kept), and a request
 * that finds it about to expire has it read again in the background, so it does not expire under load.
 */
describe('auth state reads (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let user: TestUser;
  let redis: Redis;
  let states: UserAuthStates;
  let credentials: CredentialsService;
  const N = 20;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    user = await createUser(api.http, tenant, 'agent');
    redis = api.app.get<Redis>(REDIS);
    states = api.app.get(UserAuthStates);
    credentials = api.app.get(CredentialsService);
  });
  afterEach(() => jest.restoreAllMocks());

  const stateKey = () => states.key(tenant.id, user.id);
  const identifyAll = () =>
    Promise.all(Array.from({ length: N }, () => credentials.identify({ bearer: user.token })));
  /** The instance's `load` (one read of Postgres each), counted; with `slow`, each waits that long first. */
  const spyLoad = (slow = 0) => {
    const load = states.load.bind(states);
    return jest.spyOn(states, 'load').mockImplementation(async (tenantId, userId) => {
      if (slow) await new Promise((r) => setTimeout(r, slow));
      return load(tenantId, userId);
    });
  };

  it(`${N} requests in flight when the state has expired read Postgres once, and all are let in`, async () => {
    await redis.del(stateKey());
    const load = spyLoad(200);
    const got = await identifyAll();
    expect(load).toHaveBeenCalledTimes(1);
    expect(got.map((g) => [g.auth?.userId, g.error])).toEqual(Array(N).fill([user.id, null]));
    expect(await redis.get(stateKey())).toMatch(/^\d+\|agent\|1\|/);
  });

  it('a failed read answers the requests that shared it with a 503, and is not kept for the next', async () => {
    await redis.del(stateKey());
    const load = spyLoad();
    // Slow to fail, as a lost connection is: the requests in flight all come while it is pending.
    load.mockImplementationOnce(async () => {
      await new Promise((r) => setTimeout(r, 200));
      throw new Error('connection terminated unexpectedly');
    });
    const failed = await identifyAll();
    expect(load).toHaveBeenCalledTimes(1);
    expect(failed.map((g) => [g.auth, g.error?.code])).toEqual(Array(N).fill([null, 'SERVICE_UNAVAILABLE']));

    const next = await credentials.identify({ bearer: user.token });
    expect(load).toHaveBeenCalledTimes(2);
    expect([next.auth?.userId, next.error]).toEqual([user.id, null]);
  });

  it('a state about to expire is read again once, in the background, and lives on', async () => {
    expect((await credentials.identify({ bearer: user.token })).auth?.userId).toBe(user.id);
    await redis.pexpire(stateKey(), REFRESH_AHEAD_MS - 2_000);
    const load = spyLoad(200);
    const got = await identifyAll();
    expect(got.map((g) => g.auth?.userId)).toEqual(Array(N).fill(user.id));
    await waitFor(async () => (await redis.pttl(stateKey())) > 50_000, 3_000, 'the state renewed');
    expect(load).toHaveBeenCalledTimes(1);
    expect(await redis.get(stateKey())).toMatch(/^\d+\|agent\|1\|/);
  });

  it('a change made while a state is about to expire is what the next request sees', async () => {
    expect((await credentials.identify({ bearer: user.token })).auth?.role).toBe('agent');
    await redis.pexpire(stateKey(), REFRESH_AHEAD_MS - 2_000);
    spyLoad(100);
    const during = credentials.identify({ bearer: user.token });
    const changed = await api.http
      .patch(`/api/users/${user.id}`)
      .set(tenant.admin.headers)
      .send({ role: 'manager' });
    expect(changed.status).toBe(200);
    expect((await during).auth?.role).toBe('agent');
    expect((await credentials.identify({ bearer: user.token })).auth?.role).toBe('manager');
    await new Promise((r) => setTimeout(r, 200));
    expect((await credentials.identify({ bearer: user.token })).auth?.role).toBe('manager');
    expect(await redis.get(stateKey())).toMatch(/^\d+\|manager\|1\|/);
  });
});
