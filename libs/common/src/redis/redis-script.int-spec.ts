import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { takePacedSlot } from './gcra';
import { leavePacedLine, takePacedTurn } from './paced-line';
import { RedisScript } from './redis-script';
import { admitInWindow } from './sliding-window';

/**
 * Our Lua scripts go to Redis by EVALSHA (ioredis defineCommand): the script's text is sent once per connection (an
 * EVAL that loads it), then only its hash; the answers are those of EVAL. On a real Redis.
 */
describe('RedisScript (integration)', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `rltest_script_${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  /** The name each command went to Redis with (a script's EVALSHA turns into EVAL as it is written, to load it). */
  let sent: { name: string }[];

  beforeEach(async () => {
    redis = new Redis(redisUrl);
    // Connected first: a command sent before is sent again from the offline queue (and would be counted twice).
    await redis.ping();
    sent = [];
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = ((command: { name: string }, stream?: never) => {
      sent.push(command);
      return send(command as never, stream);
    }) as typeof redis.sendCommand;
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  const scripts = () => sent.map((c) => c.name).filter((name) => name === 'eval' || name === 'evalsha');

  it("sends the paced slot's, the sliding window's and the paced line's scripts by hash after their first call", async () => {
    for (let i = 0; i < 3; i++) {
      await takePacedSlot(redis, `${prefix}:pace`, 1, 10_000);
      await admitInWindow(redis, `${prefix}:window`, 100, 1000, `m${i}`);
      const line = {
        pace: `${prefix}:line-pace`,
        line: `${prefix}:line`,
        intervalMs: 1,
        maxHoldMs: 10_000,
        leadMs: 10,
        staleMs: 60_000,
      };
      await takePacedTurn(redis, line, `t${i}`);
      await leavePacedLine(redis, line.line, `t${i}`);
    }
    // Each script's text went once (EVAL, loading it on this connection), then its hash (EVALSHA).
    expect(scripts()).toEqual(['eval', 'eval', 'eval', ...Array(6).fill('evalsha')]);
  });

  it('answers as EVAL does, keys first', async () => {
    const lua = `redis.call('SET', KEYS[1], ARGV[1]) return {KEYS[1], ARGV[1], ARGV[2]}`;
    const script = new RedisScript(lua, 1);
    const key = `${prefix}:k`;
    expect(await script.run(redis, key, 'a', 2)).toEqual(await redis.eval(lua, 1, key, 'a', 2));
    expect(await script.run(redis, key, 'b', 3)).toEqual([key, 'b', '3']);
    expect(await redis.get(key)).toBe('b');
  });
  it("runs on a client that auto-pipelines (the app's), scripts and plain commands at once", async () => {
    const piped = new Redis(redisUrl, { enableAutoPipelining: true });
    try {
      const lua = `return redis.call('INCR', KEYS[1])`;
      const script = new RedisScript(lua, 1);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 ? script.run(piped, `${prefix}:n`) : piped.set(`${prefix}:s${i}`, String(i)),
        ),
      );
      expect(answers.filter((a) => typeof a === 'number').sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 10 }, (_, i) => i + 1),
      );
    } finally {
      piped.disconnect();
    }
  });
});
