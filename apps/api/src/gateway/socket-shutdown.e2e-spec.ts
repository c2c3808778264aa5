import { REDIS } from '@app/common';
import {
  connectLiveClient,
  createAgent,
  createTenant,
  createTestApi,
  createUser,
  TestApi,
  waitFor,
} from '@app/testing';
import type Redis from 'ioredis';

/**
 * An API process that stops closes its sockets while its Redis client is still open: each socket's place
 * (SOCKET_MAX_PER_USER) is given back and its agent's presence counts it no more at once, instead of lapsing three
 * SOCKET_RECHECK_MS later (the client quit first, and every close logged "Connection is closed").
 */
describe('sockets at shutdown (e2e)', () => {
  let api: TestApi;
  let stopping: TestApi;
  let redis: Redis;

  beforeAll(async () => {
    api = await createTestApi();
    stopping = await createTestApi({ config: api.config });
    redis = api.app.get(REDIS);
  });
  afterAll(async () => {
    await stopping?.close();
    await api?.close();
  });

  it("gives back a closing process's socket places and agent presence before its Redis client quits", async () => {
    const tenant = await createTenant(api.http);
    const user = await createUser(api.http, tenant, 'agent');
    const agentId = await createAgent(api.http, tenant, { user_id: user.id });
    const live = await connectLiveClient(stopping.url, user.token);
    const joined = await live.socket.emitWithAck('agent:join', { agentId });
    expect(joined.success).toBe(true);
    const socketId = live.socket.id as string;
    const places = api.config.redisKey('principal-sockets', `user:${user.id}`);
    const presence = api.config.redisKey('agent-sockets', tenant.id, agentId);
    expect(await redis.zscore(places, socketId)).not.toBeNull();
    expect(await redis.zscore(presence, socketId)).not.toBeNull();

    await stopping.close();
    await waitFor(() => !live.socket.connected, 5_000, 'the socket closed');
    expect(await redis.zscore(places, socketId)).toBeNull();
    expect(await redis.zscore(presence, socketId)).toBeNull();
  });
});
