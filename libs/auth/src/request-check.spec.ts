import { loadConfig } from '@app/config';
import { testEnv } from '@app/testing';
import Redis from 'ioredis';
import { checkToken, countRequest } from './request-check';

/**
 * The API's per-request check goes to Redis at once, even on a client that auto-pipelines its other commands:
 * held for the auto-pipeline, each request's check waited for the event loop's next check phase in a pipeline of
 * its own.
 */
describe('request check on an auto-pipelining client', () => {
  const config = loadConfig(testEnv());
  const redis = new Redis(config.redis.url, { enableAutoPipelining: true });
  afterAll(async () => {
    const keys = await redis.keys(`${config.redis.keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  const key = (name: string) => config.redisKey('request-check-spec', name);

  it('is written at once, not queued for the auto-pipeline; other commands still are', async () => {
    const counted = countRequest(redis, { key: key('counter'), windowSeconds: 60 });
    const checked = checkToken(
      redis,
      { stateKey: key('state'), revokedKey: key('revoked'), sessionKey: null, iat: 1, rv: 0 },
      null,
    );
    expect(redis.autoPipelineQueueSize).toBe(0);
    const other = redis.get(key('other'));
    expect(redis.autoPipelineQueueSize).toBe(1);
    await expect(counted).resolves.toEqual({ consumed: 1, msBeforeReset: expect.any(Number) });
    await expect(checked).resolves.toEqual({ state: null, revoked: false, stateTtlMs: null, counted: null });
    await expect(other).resolves.toBeNull();
  });

  it('leaves the auto-pipelining of other clients as it was', () => {
    const other = new Redis(config.redis.url, { lazyConnect: true, enableAutoPipelining: true });
    expect(other.options.autoPipeliningIgnoredCommands).toEqual([]);
    other.disconnect();
  });
});
