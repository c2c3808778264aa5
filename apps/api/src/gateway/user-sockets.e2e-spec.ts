import { REDIS } from '@app/common';
import {
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  TestApi,
  TestTenant,
  waitFor,
} from '@app/testing';
import type Redis from 'ioredis';
import { io, Socket } from 'socket.io-client';
import { UserSockets } from './user-sockets';

/**
 * SOCKET_MAX_PER_USER: one user (or API key) holds at most that many open sockets across every API process; one
 * more handshake is refused as the gateway refuses any handshake (connect_error, data { code, message }).
 */

const CAP = 2;
/** Short, so that a socket not renewed lapses within the test (three of these); the other app's is 60 s. */
const RECHECK_MS = 300;

describe('open sockets per user (e2e): SOCKET_MAX_PER_USER=2', () => {
  /** Sockets lapse after three minutes here: a place freed within the test was freed by the close. */
  let api: TestApi;
  /** Sockets lapse after three RECHECK_MS here. */
  let fast: TestApi;
  let tenant: TestTenant;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi({ env: { SOCKET_MAX_PER_USER: String(CAP), SOCKET_RECHECK_MS: '60000' } });
    fast = await createTestApi({
      env: { SOCKET_MAX_PER_USER: String(CAP), SOCKET_RECHECK_MS: String(RECHECK_MS) },
    });
    tenant = await createTenant(api.http);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await fast?.close();
    await api?.close();
  });

  /** A handshake: 'connected', or the refusal's data. */
  const handshake = (url: string, auth: Record<string, string>) => {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise<{ socket: Socket; outcome: unknown }>((resolve) => {
      socket.once('connect', () => resolve({ socket, outcome: 'connected' }));
      socket.once('connect_error', (err: Error & { data?: unknown }) =>
        resolve({ socket, outcome: { message: err.message, data: err.data } }),
      );
    });
  };
  const outcome = async (url: string, auth: Record<string, string>) => (await handshake(url, auth)).outcome;

  const refused = {
    message: `Too many open connections: ${CAP} at most per user or API key; close one first`,
    data: {
      code: 'RATE_LIMIT_EXCEEDED',
      message: `Too many open connections: ${CAP} at most per user or API key; close one first`,
    },
  };

  it("refuses a user's third socket, not another user's; a closed one frees its place", async () => {
    const agent = await createUser(api.http, tenant, 'agent');
    const first = await handshake(api.url, { token: agent.token });
    expect(first.outcome).toBe('connected');
    expect(await outcome(api.url, { token: agent.token })).toBe('connected');
    expect(await outcome(api.url, { token: agent.token })).toEqual(refused);
    // Another user of the tenant (its admin) is not limited by the agent's sockets.
    expect(await outcome(api.url, { token: tenant.admin.token })).toBe('connected');

    first.socket.disconnect();
    // The server uncounts it on its disconnect, a moment after the client's.
    await waitFor(
      async () => (await outcome(api.url, { token: agent.token })) === 'connected',
      5000,
      'a socket after one closed',
    );
  });

  it('gives back the place of a client that hangs up during its handshake', async () => {
    const agent = await createUser(api.http, tenant, 'agent');
    const redis = api.app.get<Redis>(REDIS);
    const key = api.config.redisKey('principal-sockets', `user:${agent.id}`);
    const openSockets = api.app.get(UserSockets);
    const admit = openSockets.admit.bind(openSockets);
    let admitted!: (socketId: string) => void;
    const counted = new Promise<string>((resolve) => (admitted = resolve));
    let hangUp!: () => void;
    const hungUp = new Promise<void>((resolve) => (hangUp = resolve));
    // The handshake is counted, then the client goes before the server answers it.
    const spy = jest.spyOn(openSockets, 'admit').mockImplementationOnce(async (auth, socketId) => {
      await admit(auth, socketId);
      admitted(socketId);
      await hungUp;
    });
    try {
      const socket = io(api.url, {
        auth: { token: agent.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      const socketId = await counted;
      expect(await redis.zrange(key, 0, -1)).toEqual([socketId]);
      socket.io.engine.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      hangUp();
      // Its place lapses only after three minutes here: gone sooner, it was given back.
      await waitFor(async () => ((await redis.zcard(key)) === 0 ? true : undefined), 5000, 'the place freed');
      expect(socket.connected).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it('caps an API key as a user', async () => {
    const key = await createApiKey(api.http, tenant, 'manager');
    for (let i = 0; i < CAP; i++) expect(await outcome(api.url, { api_key: key.key })).toBe('connected');
    expect(await outcome(api.url, { api_key: key.key })).toEqual(refused);
  });

  it('counts across API processes', async () => {
    const other = await createTestApi({ config: api.config });
    try {
      const agent = await createUser(api.http, tenant, 'agent');
      expect(await outcome(api.url, { token: agent.token })).toBe('connected');
      expect(await outcome(other.url, { token: agent.token })).toBe('connected');
      expect(await outcome(other.url, { token: agent.token })).toEqual(refused);
      expect(await outcome(api.url, { token: agent.token })).toEqual(refused);
    } finally {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await other.close();
    }
  });

  it('an open socket stays counted past three SOCKET_RECHECK_MS (each recheck renews it)', async () => {
    const agent = await createUser(api.http, tenant, 'agent');
    for (let i = 0; i < CAP; i++) expect(await outcome(fast.url, { token: agent.token })).toBe('connected');
    const redis = fast.app.get<Redis>(REDIS);
    const key = fast.config.redisKey('principal-sockets', `user:${agent.id}`);
    const redisNow = async () => {
      const [seconds, micros] = await redis.time();
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    };
    /** When each open socket was last seen (Redis's clock, as the lapse is judged). */
    const lastSeen = async () =>
      (await redis.zrange(key, 0, -1, 'WITHSCORES')).filter((_, i) => i % 2).map(Number);
    const admittedAt = Math.max(...(await lastSeen()));
    // The next handshake is counted once both sockets would have lapsed unrenewed (three SOCKET_RECHECK_MS after
    // their handshakes), at a moment when a recheck saw each within the last SOCKET_RECHECK_MS: a recheck that a
    // loaded machine runs late is waited for (a socket not seen for three periods lapses, as a dead process's does),
    // and one that never renews the socket leaves it to lapse, so that the handshake is let in.
    const openSockets = fast.app.get(UserSockets);
    const admit = openSockets.admit.bind(openSockets);
    const spy = jest.spyOn(openSockets, 'admit').mockImplementationOnce(async (auth, socketId) => {
      await waitFor(
        async () => {
          const [now, seen] = [await redisNow(), await lastSeen()];
          return (
            now > admittedAt + 3 * RECHECK_MS &&
            seen.length === CAP &&
            seen.every((at) => at >= now - RECHECK_MS)
          );
        },
        10_000,
        'both sockets renewed past three SOCKET_RECHECK_MS',
      );
      await admit(auth, socketId);
    });
    try {
      expect(await outcome(fast.url, { token: agent.token })).toEqual(refused);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('the sockets of a process that died without closing them lapse after three SOCKET_RECHECK_MS', async () => {
    const agent = await createUser(api.http, tenant, 'agent');
    // Two sockets a dead process counted: in Redis, never renewed, never closed.
    const redis = fast.app.get<Redis>(REDIS);
    const key = fast.config.redisKey('principal-sockets', `user:${agent.id}`);
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await redis.zadd(key, now, 'dead-process-socket-1', now, 'dead-process-socket-2');

    expect(await outcome(fast.url, { token: agent.token })).toEqual(refused);
    await waitFor(
      async () => (await outcome(fast.url, { token: agent.token })) === 'connected',
      5000,
      'a socket once the dead ones lapsed',
    );
    expect(await redis.zrange(key, 0, -1)).not.toContain('dead-process-socket-1');
    expect(await redis.zcard(key)).toBe(1);
  });
});
