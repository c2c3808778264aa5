import { testConfig, waitFor } from '@app/testing';
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
  /**
   * Until LiveEvents has carried out everything asked of it (its queue flushed, Redis's answers in): what it
   * published and asked is then all in. A fixed 100 ms sleep was too short on a loaded machine, and the late
   * questions of one test were counted in the next.
   */
  const settle = () => waitFor(() => !live['busy'], 10_000, 'the live events to be flushed');
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
    // The assignee's socket, as the gateway joins it: its tenant's room and its user's.
    await listen(Rooms.tenant(tenant));
    await listen(Rooms.user(user));
    live.reassigned(conversation, null, user);
    live.toConversation(tenant, conversation, 'system:pong' as never, pong as never);
    await settle();
    expect(published).toEqual(['-request#/#', '#/#']);
  });

  it('asks about no room of a tenant whose own room nobody listens to, and about each once it is', async () => {
    const tenant = randomUUID();
    const [quiet, heard] = [randomUUID(), randomUUID()];
    const evalsha = jest.spyOn(redis, 'evalsha');
    // The rooms of each question to Redis.
    const asked = () => {
      const questions = evalsha.mock.calls.map((call) =>
        (call.slice(2, 2 + Number(call[1])) as string[]).map((key) =>
          key.slice(keyOf('live-rooms').length + 1),
        ),
      );
      evalsha.mockClear();
      return questions;
    };
    try {
      live.toConversation(tenant, quiet, 'system:pong' as never, pong as never);
      live.toCall(tenant, 'agent-1', 'system:pong' as never, pong as never);
      await settle();
      expect(asked()).toEqual([[Rooms.tenant(tenant)]]);
      expect(published).toEqual([]);

      await listen(Rooms.tenant(tenant));
      await listen(Rooms.conversation(heard));
      asked();
      live.toConversation(tenant, quiet, 'system:pong' as never, pong as never);
      live.toConversation(tenant, heard, 'system:pong' as never, pong as never);
      await settle();
      expect(asked()).toEqual([
        [Rooms.tenant(tenant)],
        [Rooms.staff(tenant), Rooms.conversation(quiet), Rooms.conversation(heard)],
      ]);
      expect(published).toEqual(['#/#']);
    } finally {
      evalsha.mockRestore();
    }
  });

  it("publishes a call's event to an agent's room known listened to, its tenant's room not asked about", async () => {
    const tenant = randomUUID();
    const agent = randomUUID();
    await listen(Rooms.tenant(tenant));
    await listen(Rooms.agent(agent));
    live.toAgent(agent, 'system:pong' as never, pong as never);
    await settle();
    live.toCall(tenant, agent, 'system:pong' as never, pong as never);
    await settle();
    expect(published).toEqual([`#/#agent:${agent}#`, '#/#']);
  });
});
