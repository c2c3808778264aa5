import { ConfigError, loadConfig, parseCallMix } from './load-config';

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
    expect(config.worker).toMatchObject({
      queues: 'all',
      concurrency: 5,
      sendConcurrency: 50,
      failedRetention: { days: 30, max: 10_000 },
    });
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
    // One proxy: the address it appended is the client's, what comes before it the client's own text.
    expect(config.trustProxy).toBe(1);
    expect(config.publicBaseUrl).toBe('https://api.example.com');
    expect(config.encryptionKey.equals(Buffer.alloc(32, 7))).toBe(true);
  });

  it('reads TRUST_PROXY as no proxy, a number of proxies or their addresses, never every hop', () => {
    const trust = (value: string | undefined) => loadConfig({ ...valid, TRUST_PROXY: value }).trustProxy;
    expect(trust(undefined)).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('true')).toBe(1);
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.7,loopback')).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback']);
    expect(() => trust('yes')).toThrow(/TRUST_PROXY: "yes" is not/);
    expect(() => trust('10.0.0.0/99')).toThrow(/TRUST_PROXY: "10.0.0.0\/99" is not/);
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
    [{ ...valid, WORKER_SEND_CONCURRENCY: '0' }, /WORKER_SEND_CONCURRENCY must not be less than 1/],
    [{ ...valid, WORKER_SEND_CONCURRENCY: '501' }, /WORKER_SEND_CONCURRENCY must not be greater than 500/],
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

  it('reads EGRESS_ALLOWED (none by default) and refuses a malformed CIDR or character', () => {
    expect(loadConfig(valid).egressAllowed).toEqual([]);
    expect(loadConfig({ ...valid, EGRESS_ALLOWED: ' ollama, 10.0.5.0/24,,[::1] ' }).egressAllowed).toEqual([
      'ollama',
      '10.0.5.0/24',
      '[::1]',
    ]);
    expect(() => loadConfig({ ...valid, EGRESS_ALLOWED: '10.0.0.0/99' })).toThrow(
      /EGRESS_ALLOWED.*not a CIDR/,
    );
    expect(() => loadConfig({ ...valid, EGRESS_ALLOWED: 'ollama;rm' })).toThrow(/EGRESS_ALLOWED/);
  });

  it('reads the platform-wide Twilio account (none by default), its SID and token together', () => {
    expect(loadConfig(valid).twilio).toBeNull();
    const sid = `AC${'0f'.repeat(16)}`;
    expect(loadConfig({ ...valid, TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'token' }).twilio).toEqual({
      accountSid: sid,
      authToken: 'token',
      from: null,
      whatsappFrom: null,
      baseUrl: null,
    });
    expect(() => loadConfig({ ...valid, TWILIO_ACCOUNT_SID: sid })).toThrow(/go together/);
    expect(() => loadConfig({ ...valid, TWILIO_AUTH_TOKEN: 'token' })).toThrow(/go together/);
    expect(() => loadConfig({ ...valid, TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 't' })).toThrow(
      /TWILIO_ACCOUNT_SID/,
    );
    expect(() =>
      loadConfig({ ...valid, TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '555-0100' }),
    ).toThrow(/TWILIO_FROM/);
  });

  it('reads how long and how many failed jobs are kept, and refuses none', () => {
    const config = loadConfig({ ...valid, QUEUE_FAILED_RETENTION_DAYS: '7', QUEUE_FAILED_MAX: '500' });
    expect(config.worker.failedRetention).toEqual({ days: 7, max: 500 });
    expect(() => loadConfig({ ...valid, QUEUE_FAILED_MAX: '0' })).toThrow(/QUEUE_FAILED_MAX/);
    expect(() => loadConfig({ ...valid, QUEUE_FAILED_RETENTION_DAYS: '0' })).toThrow(
      /QUEUE_FAILED_RETENTION_DAYS/,
    );
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

  it('reads the telephony simulator settings, with the issue numbers by default', () => {
    expect(loadConfig(valid).telephonySimulator).toEqual({
      timeScale: 1,
      mix: { human: 25, machine: 25, no_answer: 40, busy: 10, failed: 0 },
      humanRingMeanMs: 8000,
      machineRingMs: 10_000,
      noAnswerRingMs: 25_000,
      busyAfterMs: 5000,
      amdMinMs: 2000,
      amdMaxMs: 3000,
      talkMeanMs: 180_000,
      talkSdMs: 120_000,
      humanPatienceMs: 20_000,
      agentAnswerMs: 2000,
    });
    const config = loadConfig({
      ...valid,
      SIMULATOR_CALL_TIME_SCALE: '0.02',
      SIMULATOR_CALL_MIX: ' human : 1 , failed:0.5',
      SIMULATOR_CALL_TALK_MEAN_MS: '60000',
      SIMULATOR_CALL_AGENT_ANSWER_MS: '0',
    }).telephonySimulator;
    expect(config).toMatchObject({
      timeScale: 0.02,
      mix: { human: 1, machine: 0, no_answer: 0, busy: 0, failed: 0.5 },
      talkMeanMs: 60_000,
      agentAnswerMs: 0,
    });
  });

  it.each([
    ['SIMULATOR_CALL_MIX', 'robot:3', /SIMULATOR_CALL_MIX /],
    ['SIMULATOR_CALL_MIX', 'human', /SIMULATOR_CALL_MIX /],
    ['SIMULATOR_CALL_MIX', 'human:-1', /SIMULATOR_CALL_MIX /],
    ['SIMULATOR_CALL_MIX', 'human:0,busy:0', /SIMULATOR_CALL_MIX needs at least one positive weight/],
    ['SIMULATOR_CALL_TIME_SCALE', '0', /SIMULATOR_CALL_TIME_SCALE /],
    ['SIMULATOR_CALL_TIME_SCALE', 'fast', /SIMULATOR_CALL_TIME_SCALE /],
    ['SIMULATOR_CALL_TALK_SD_MS', '-5', /SIMULATOR_CALL_TALK_SD_MS /],
    ['SIMULATOR_CALL_AMD_MIN_MS', '4000', /SIMULATOR_CALL_AMD_MIN_MS must not exceed/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(message);
  });

  it('parses a call mix on its own (the bench reads one too)', () => {
    expect(parseCallMix('human:25,machine:25,no_answer:40,busy:10')).toEqual({
      human: 25,
      machine: 25,
      no_answer: 40,
      busy: 10,
      failed: 0,
    });
    for (const bad of ['', 'human:1:2', 'human:x', 'human:']) expect(() => parseCallMix(bad)).toThrow();
  });

  it('namespaces Redis keys under the prefix', () => {
    expect(loadConfig({ ...valid, REDIS_KEY_PREFIX: 'blue' }).redisKey('bull', 'x')).toBe('blue:bull:x');
  });
});
