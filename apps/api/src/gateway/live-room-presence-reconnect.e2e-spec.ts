import { deliveredStatus } from './delivered-status.fixture';
import { REDIS } from '@app/common';
import { LiveEvents } from '@app/events';
import { createTenant, createTestApi, TestApi, TestTenant, waitFor } from '@app/testing';
import type Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { RedisIoAdapter } from './redis-io.adapter';

/**
 * Room presence lost with Redis's data (a restart without persistence, a failover that lost the last writes): the
 * API process writes its rooms again as soon as its Redis connection is back, not at its next renewal (a third of
 * LIVE_ROOM_TTL_MS, 10 s by default), so the events for its connected sockets are not skipped meanwhile.
 */
describe('room presence after Redis lost it (e2e)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let redis: Redis;
  let socket: Socket | undefined;
  const prefix = `rltest_${process.env.TEST_RUN_ID}_livere_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    // The default TTL (30 s): renewed every 10 s, far beyond this test's waits.
    api = await createTestApi({ env: { REDIS_KEY_PREFIX: prefix } });
    tenant = await createTenant(api.http);
    redis = api.app.get<Redis>(REDIS);
  });
  afterAll(async () => {
    socket?.disconnect();
    await api?.close();
  });

  it("writes its rooms' presence again when its Redis connection is back", async () => {
    socket = io(api.url, {
      auth: { token: tenant.admin.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const heard: string[] = [];
    socket.on('message.status', (p: { message_id: string }) => heard.push(p.message_id));
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', () => resolve());
      socket!.once('connect_error', reject);
    });
    const keys = await redis.keys(`${prefix}:live-rooms:*`);
    expect(keys.length).toBeGreaterThan(0);

    // Redis restarted empty: the presence is gone, and the API process's connection drops and comes back.
    await redis.del(...keys);
    const adapter = (
      api.app as unknown as { config: { getIoAdapter(): RedisIoAdapter } }
    ).config.getIoAdapter();
    const pub = (adapter as unknown as { clients: Redis[] }).clients[0];
    const ready = new Promise((r) => pub.once('ready', r));
    pub.disconnect(true);
    await ready;

    await waitFor(async () => (await redis.exists(...keys)) === keys.length, 3_000, 'presence written again');
    const marker = randomUUID();
    api.app.get(LiveEvents).toTenant(tenant.id, 'message.status', deliveredStatus(randomUUID(), marker));
    await waitFor(() => heard.includes(marker), 3_000, 'the event after the reconnection');
    await redis.del(...(await redis.keys(`${prefix}:*`)));
  });
});
