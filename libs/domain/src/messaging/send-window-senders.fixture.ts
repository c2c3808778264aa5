import { loadConfig } from '@app/config';
import Redis from 'ioredis';
import { once } from 'node:events';
import { SenderThrottleService } from './sender-throttle.service';

/**
 * One process of send-window.int-spec's senders: argv[2] is the JSON of its environment, argv[3] how many senders
 * send at once, argv[4] how long (ms), argv[5] the most synchronous work after each call (ms). It says `ready`, waits
 * for a line on stdin, then each sender sends through one sender's window (SenderThrottleService.admit) again and
 * again: its call takes its time as the simulator takes a request's (`new Date()` as it is called), then the job
 * does up to argv[5] ms of its own work without yielding, as a busy worker does, which holds back the other sends
 * whose admissions this process reads meanwhile. At the end it prints the calls' times as JSON.
 */
async function main(): Promise<void> {
  const [env, senders, runMs, busyMs] = [JSON.parse(process.argv[2]), ...process.argv.slice(3).map(Number)];
  const config = loadConfig(env);
  const redis = new Redis(config.redis.url);
  const throttle = new SenderThrottleService(redis, config);
  await redis.ping();
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const until = Date.now() + runMs;
  const calls: number[] = [];
  const work = () => {
    const end = performance.now() + Math.random() * busyMs;
    while (performance.now() < end);
  };
  await Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      for (let i = 0; Date.now() < until; i++) {
        await throttle.admit('tenant-w', 'sms', '+14155550100', `${process.pid}-${s}-${i}:1`, async () => {
          calls.push(new Date().getTime());
        });
        work();
      }
    }),
  );
  process.stdout.write(`${JSON.stringify(calls)}\n`);
  redis.disconnect();
  process.stdin.destroy();
}

void main();
