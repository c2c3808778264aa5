import { deliveredStatus } from './delivered-status.fixture';
import { REDIS } from '@app/common';
import { LiveEvents, PRESENCE_HOLD, presenceKey, Rooms, runScript } from '@app/events';
import { createTenant, createTestApi, TestApi, TestTenant, waitFor } from '@app/testing';
import type Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';

/** Short, so that presence not renewed lapses within a test (the processes renew every third of it). */
const TTL_MS = 600;

/**
 * A live event none of whose rooms has a socket in any API process is not published (LiveEvents asks the rooms'
 * presence in Redis, which the API processes keep from their socket.io adapters). Two API processes on one
 * deployment's Redis (one prefix): a room is listened to while either holds a socket in it.
 */
describe('live events only to rooms with a socket (e2e, two API processes)', () => {
  let a: TestApi;
  let b: TestApi;
  let tenant: TestTenant;
  let redis: Redis;
  /** The socket.io messages A's LiveEvents published (its Redis client's publish, spied on). */
  let published: string[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const env = {
      REDIS_KEY_PREFIX: `rltest_${process.env.TEST_RUN_ID}_live_${randomBytes(4).toString('hex')}`,
      LIVE_ROOM_TTL_MS: String(TTL_MS),
    };
    a = await createTestApi({ env });
    b = await createTestApi({ env });
    tenant = await createTenant(a.http);
    redis = a.app.get<Redis>(REDIS);
  });
  beforeEach(() => {
    published = [];
    const publish = redis.publish.bind(redis);
    jest.spyOn(redis, 'publish').mockImplementation(((channel: string, message: string | Buffer) => {
      if (channel.startsWith(a.config.redisKey('socket.io'))) published.push(channel);
      return publish(channel, message);
    }) as Redis['publish']);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const live = () => a.app.get(LiveEvents);
  /** Long enough for LiveEvents to have asked Redis and published (or not). */
  const settle = () => new Promise((r) => setTimeout(r, 150));
  const listeners = (room: string) => redis.zcard(presenceKey((...p) => a.config.redisKey(...p), room));

  /** An admin's socket (in the tenant's and the staff rooms), connected, and the markers of what it hears. */
  async function connect(api: TestApi, onConnect?: () => void): Promise<{ socket: Socket; heard: string[] }> {
    const socket = io(api.url, {
      auth: { token: tenant.admin.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const heard: string[] = [];
    socket.on('message.status', (p: { message_id: string }) => heard.push(p.message_id));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        onConnect?.();
        resolve();
      });
      socket.once('connect_error', reject);
    });
    return { socket, heard };
  }

  it('publishes nothing for rooms no socket is in', async () => {
    live().toConversation(tenant.id, randomUUID(), 'message.status', deliveredStatus(randomUUID(), 'nobody'));
    live().toTenant(tenant.id, 'message.status', deliveredStatus(randomUUID(), 'nobody either'));
    await settle();
    expect(published).toEqual([]);
  });

  it('an event raised as the client connects reaches it, though the room was found empty just before', async () => {
    const conversationId = randomUUID();
    live().toConversation(
      tenant.id,
      conversationId,
      'message.status',
      deliveredStatus(conversationId, 'before'),
    );
    await settle();
    expect(published).toEqual([]);
    const { heard } = await connect(b, () =>
      live().toConversation(
        tenant.id,
        conversationId,
        'message.status',
        deliveredStatus(conversationId, 'on connect'),
      ),
    );
    await waitFor(() => heard.includes('on connect'), 5_000, 'the event raised on connect');
    expect(heard).toEqual(['on connect']);
    expect(published).toHaveLength(1);
  });

  it("a room stays listened to while the other process's socket is in it, and no longer once it leaves", async () => {
    const staff = Rooms.staff(tenant.id);
    const onA = await connect(a);
    const onB = await connect(b);
    expect(await listeners(staff)).toBe(2);
    onA.socket.disconnect();
    await waitFor(async () => (await listeners(staff)) === 1, 5_000, "A's presence taken out on disconnect");
    const conversationId = randomUUID();
    live().toConversation(
      tenant.id,
      conversationId,
      'message.status',
      deliveredStatus(conversationId, 'after A left'),
    );
    await waitFor(() => onB.heard.includes('after A left'), 5_000, "B's socket hears the event");
    expect(onA.heard).toEqual([]);

    onB.socket.disconnect();
    await waitFor(async () => (await listeners(staff)) === 0, 5_000, "B's presence taken out on disconnect");
    // A's cache of the room listened to lapses within a second: then the room is asked about again.
    await new Promise((r) => setTimeout(r, 1_100));
    published = [];
    live().toConversation(
      tenant.id,
      conversationId,
      'message.status',
      deliveredStatus(conversationId, 'nobody left'),
    );
    await settle();
    expect(published).toEqual([]);
  });

  it('a live process renews its rooms past the TTL; a dead one stops counting one TTL after it last did', async () => {
    const onB = await connect(b);
    // A process that died holding a socket in a tenant's room: its presence as it last renewed it, never taken out.
    const dead = randomUUID();
    const key = presenceKey((...p) => a.config.redisKey(...p), Rooms.tenant(dead));
    await runScript(redis, PRESENCE_HOLD, [key], [TTL_MS, 'dead-process']);
    live().toTenant(dead, 'message.status', deliveredStatus(randomUUID(), 'while it counts'));
    await settle();
    expect(published).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 2.5 * TTL_MS));
    live().toTenant(tenant.id, 'message.status', deliveredStatus(randomUUID(), 'renewed'));
    await waitFor(() => onB.heard.includes('renewed'), 5_000, "B's socket hears the event after 2.5 TTL");
    published = [];
    live().toTenant(dead, 'message.status', deliveredStatus(randomUUID(), 'lapsed'));
    await settle();
    expect(published).toEqual([]);
  });
});
