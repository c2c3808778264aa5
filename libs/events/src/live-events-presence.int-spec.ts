import { testConfig } from '@app/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LiveEvents } from './live-events';
import { PRESENCE_HOLD, presenceKey, runScript } from './room-presence';
import { Rooms } from './rooms';

/**
 * LiveEvents against a real Redis, with the rooms' presence written as an API process writes it: the events of
 * rooms nobody listens to are skipped, and what is published keeps the order it was asked for.
 */
describe('live events and the rooms listened to (integration)', () => {
  const config = testConfig();
  const keyOf = (...parts: string[]) => config.redisKey(...parts);
  let redis: Redis;
  let live: LiveEvents;
  /** The socket.io messages published, in order: the room or request each names. */
  let published: string[];

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
    await redis.connect();
    const publish = redis.publish.bind(redis);
    jest.spyOn(redis, 'publish').mockImplementation(((channel: string, message: Buffer) => {
      published.push(channel.slice(config.redisKey('socket.io').length));
      return publish(channel, message);
    }) as Redis['publish']);
    live = new LiveEvents(redis, config);
  });
  beforeEach(() => (published = []));
  afterAll(async () => {
    const keys = await redis.keys(`${config.redisKey('live-rooms')}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const listen = (room: string) =>
    runScript(redis, PRESENCE_HOLD, [presenceKey(keyOf, room)], [60_000, 'api-1']);
  const settle = () => new Promise((r) => setTimeout(r, 100));
  const pong = { job_id: 'j', requested_by: null, requested_at: '', processed_at: '' };

  it('skips an event to rooms nobody listens to, keeps the order of what follows it', async () => {
    const quiet = randomUUID();
    const heard = randomUUID();
    await listen(Rooms.tenant(heard));
    live.toTenant(quiet, 'system:pong', pong);
    live.endSession('s1');
    live.toTenant(heard, 'system:pong', pong);
    live.recheckApiKey('k1');
    await settle();
    expect(published).toEqual(['#/#session:s1#', '-request#/#', `#/#tenant:${heard}#`, '-request#/#']);
  });

  it("an event right after a reassignment reaches the conversation's room when the new assignee has a socket", async () => {
    const user = randomUUID();
    const conversation = randomUUID();
    const tenant = randomUUID();
    live.toConversation(tenant, conversation, 'system:pong' as never, pong as never);
    await settle();
    expect(published).toEqual([]);
    await listen(Rooms.user(user));
    live.reassigned(conversation, null, user);
    live.toConversation(tenant, conversation, 'system:pong' as never, pong as never);
    await settle();
    expect(published).toEqual(['-request#/#', '#/#']);
  });
});
