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

  it("sends the paced slot's and the sliding window's scripts by hash after their first call, the paced line's always by hash", async () => {
    const line = {
      pace: `${prefix}:line-pace`,
      line: `${prefix}:line`,
      intervalMs: 1,
      maxHoldMs: 10_000,
      firstHoldMs: 10_000,
      leadMs: 10,
      staleMs: 60_000,
    };
    // The paced line's script is pipelined (a plain EVALSHA, EVAL only when Redis answers NOSCRIPT): Redis holds it
    // once it ran anywhere.
    await takePacedTurn(redis, line, 'warm');
    await leavePacedLine(redis, line.line, 'warm');
    sent = [];
    for (let i = 0; i < 3; i++) {
      await takePacedSlot(redis, `${prefix}:pace`, 1, 10_000);
      await admitInWindow(redis, `${prefix}:window`, 100, 1000, `m${i}`);
      await takePacedTurn(redis, line, `t${i}`);
      await leavePacedLine(redis, line.line, `t${i}`);
    }
    // The defined scripts' text went once each (EVAL, loading it on this connection), then their hash (EVALSHA).
    expect(scripts()).toEqual(['eval', 'eval', ...Array(7).fill('evalsha')]);
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

  describe('pipelined', () => {
    /** A script text no Redis holds yet (its hash is new), so its first EVALSHA is answered NOSCRIPT. */
    const freshScript = () =>
      new RedisScript(
        `-- ${randomBytes(8).toString('hex')}\nreturn {redis.call('INCR', KEYS[1]), ARGV[1]}`,
        1,
        { pipelined: true },
      );

    it('goes as EVALSHA, and as EVAL with its text when Redis answers NOSCRIPT (then by hash again)', async () => {
      const script = freshScript();
      const key = `${prefix}:p`;
      expect(await script.run(redis, key, 'a')).toEqual([1, 'a']);
      expect(await script.run(redis, key, 'b')).toEqual([2, 'b']);
      // Unknown to Redis: EVALSHA refused, EVAL (which loads it); then EVALSHA alone.
      expect(scripts()).toEqual(['evalsha', 'eval', 'evalsha']);
    });

    it('answers every one of many calls made in one tick on an auto-pipelining client, in one pipeline', async () => {
      const piped = new Redis(redisUrl, { enableAutoPipelining: true });
      try {
        await piped.ping();
        const script = freshScript();
        const key = `${prefix}:many`;
        // A plain command first: the tick's auto-pipeline exists before the script's first use.
        const first = piped.set(`${prefix}:first`, '1');
        const calls = Array.from({ length: 50 }, (_, i) => script.run(piped, key, String(i)));
        const held = piped.autoPipelineQueueSize;
        expect(await first).toBe('OK');
        const answers = (await Promise.all(calls)) as [number, string][];
        // Held for the tick's pipeline (one write for all), not written one by one.
        expect(held).toBe(51);
        expect(answers.map(([, arg]) => arg)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
        expect(answers.map(([n]) => n).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        // And again, now that Redis holds it.
        const again = await Promise.all(Array.from({ length: 50 }, () => script.run(piped, key, 'x')));
        expect(again).toHaveLength(50);
        expect(await piped.get(key)).toBe('100');
      } finally {
        piped.disconnect();
      }
    });

    it("a script's own error is thrown as it is, not retried as EVAL", async () => {
      const script = new RedisScript(
        `-- ${randomBytes(8).toString('hex')}\nreturn redis.error_reply('ERR refused')`,
        0,
        { pipelined: true },
      );
      await expect(script.run(redis)).rejects.toThrow('ERR refused');
      await expect(script.run(redis)).rejects.toThrow('ERR refused');
      expect(scripts()).toEqual(['evalsha', 'eval', 'evalsha']);
    });
  });
});
