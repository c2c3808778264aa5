import { ConfigError, loadConfig } from './load-config';

const valid = {
  JWT_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: 'ab'.repeat(32),
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.port).toBe(3000);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/reachline');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.rateLimits).toEqual({
      auth: { points: 5, windowSeconds: 60 },
      messages: { points: 100, windowSeconds: 3600 },
      api: { points: 100, windowSeconds: 60 },
    });
    expect(config.worker.queues).toBe('all');
    expect(config.encryptionKey).toHaveLength(32);
  });

  it('parses lists, numbers and booleans', () => {
    const config = loadConfig({
      ...valid,
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      WORKER_QUEUES: 'system, imports',
      TRUST_PROXY: 'true',
      PUBLIC_BASE_URL: 'https://api.example.com/',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.port).toBe(8080);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.worker.queues).toEqual(['system', 'imports']);
    expect(config.trustProxy).toBe(true);
    expect(config.publicBaseUrl).toBe('https://api.example.com');
    expect(config.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it.each([
    [{ ...valid, JWT_SECRET: undefined }, /JWT_SECRET is required/],
    [{ ...valid, JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ ...valid, ENCRYPTION_KEY: 'abc' }, /ENCRYPTION_KEY must be 32 bytes/],
    [{ ...valid, PORT: 'eighty' }, /PORT must be an integer/],
    [{ ...valid, PORT: '70000' }, /PORT must not be greater than 65535/],
    [{ ...valid, DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ ...valid, REDIS_URL: 'http://x' }, /REDIS_URL must be a redis:\/\/ URL/],
    [{ ...valid, RATE_LIMIT_API_POINTS: '0' }, /RATE_LIMIT_API_POINTS must not be less than 1/],
    [{ ...valid, PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL must be an http\(s\) URL/],
  ])('refuses a bad variable with one line naming it (%#)', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Invalid configuration: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x' })).toThrow(/PORT .*; .*JWT_SECRET|JWT_SECRET .*; .*PORT/);
  });

  it('reads the simulator settings, and refuses a rate outside 0-1', () => {
    expect(loadConfig(valid).simulator).toEqual({
      seed: 'reachline',
      delayMs: 2000,
      failureRate: 0.03,
      replyRate: 0.2,
      rateLimitPerSecond: 0,
    });
    const env = {
      SIMULATOR_SEED: 'bench-7',
      SIMULATOR_DELAY_MS: '0',
      SIMULATOR_FAILURE_RATE: '1',
      SIMULATOR_REPLY_RATE: '0.5',
      SIMULATOR_RATE_LIMIT_PER_SECOND: '80',
    };
    expect(loadConfig({ ...valid, ...env }).simulator).toEqual({
      seed: 'bench-7',
      delayMs: 0,
      failureRate: 1,
      replyRate: 0.5,
      rateLimitPerSecond: 80,
    });
    expect(() =>
      loadConfig({ ...valid, SIMULATOR_FAILURE_RATE: '1.5', SIMULATOR_REPLY_RATE: 'often' }),
    ).toThrow(/SIMULATOR_FAILURE_RATE .*; SIMULATOR_REPLY_RATE /);
    expect(() => loadConfig({ ...valid, SIMULATOR_RATE_LIMIT_PER_SECOND: '-1' })).toThrow(
      /SIMULATOR_RATE_LIMIT_PER_SECOND /,
    );
  });

  it('namespaces Redis keys under the prefix', () => {
    expect(loadConfig({ ...valid, REDIS_KEY_PREFIX: 'blue' }).redisKey('bull', 'x')).toBe('blue:bull:x');
  });
});
