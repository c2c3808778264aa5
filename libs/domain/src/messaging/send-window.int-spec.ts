import { testEnv } from '@app/testing';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { SEND_WINDOW_MS } from './sender-throttle.service';

const ROOT = join(__dirname, '../../../..');
const FIXTURE = join(__dirname, 'send-window-senders.fixture.ts');

/** The most calls within any one second [t, t + 1000), by the calls' whole milliseconds (as bench:campaign counts). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

/**
 * The sender's window on a real Redis, from two processes whose event loops are busy: the provider, counting
 * requests by when they reach it, never sees more than the sender's rate in any sliding second.
 */
describe('send window across processes (integration)', () => {
  const LIMIT = 20;
  const RUN_MS = 4000;
  const env = testEnv({ SEND_RATE_SMS_PER_SECOND: String(LIMIT) });

  afterAll(async () => {
    const redis = new Redis(env.REDIS_URL);
    const keys = await redis.keys(`${env.REDIS_KEY_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  /** Starts one process of senders; `go` starts them all, `calls` answers the times of its calls. */
  async function senders(count: number, busyMs: number) {
    const child = spawn(
      process.execPath,
      [FIXTURE, JSON.stringify(env), String(count), String(RUN_MS), String(busyMs)],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = once(child, 'exit');
    while (!out.startsWith('ready\n')) {
      await Promise.race([once(child.stdout, 'data'), exited]);
      if (child.exitCode !== null) throw new Error(`the senders' process exited ${child.exitCode}`);
    }
    return {
      go: () => child.stdin.write('go\n'),
      calls: async () => {
        const [code] = await exited;
        expect(code).toBe(0);
        return JSON.parse(out.slice('ready\n'.length)) as number[];
      },
    };
  }

  it('no second of calls holds more than the rate, whatever each process is busy with between admission and call', async () => {
    // 12 senders per process, each sending again at once: far more than the rate asks to go. After each call its
    // job works up to 30 ms without yielding, so the admissions this process reads meanwhile are read late.
    const processes = await Promise.all([senders(12, 30), senders(12, 30)]);
    processes.forEach((p) => p.go());
    const calls = (await Promise.all(processes.map((p) => p.calls()))).flat();
    expect(busiestSecond(calls)).toBeLessThanOrEqual(LIMIT);
    // And the rate is used: a rate's worth per window, but for the last second's and the processes' starts.
    expect(calls.length).toBeGreaterThanOrEqual(Math.floor((LIMIT * (RUN_MS - 1000)) / SEND_WINDOW_MS));
  }, 60_000);
});
