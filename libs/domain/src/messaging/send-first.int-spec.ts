import { loadConfig } from '@app/config';
import { testEnv } from '@app/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LINE_LEAD_MS, PACING_SHARE, SenderThrottleService } from './sender-throttle.service';

/**
 * A send that answers a person goes before the sender's line (SenderThrottleService.take, `first`), on a real
 * Redis at 1 SMS a second: behind a campaign's backlog it would wait its turn for as many seconds as the backlog
 * holds sends. The send it moves on still goes in its place, one interval later, not at the end of the line.
 */
describe('a send that goes first (integration)', () => {
  const config = loadConfig(testEnv({ SEND_RATE_SMS_PER_SECOND: '1' }));
  const interval = 1000 / PACING_SHARE;
  let redis: Redis;
  let throttle: SenderThrottleService;

  beforeAll(() => {
    redis = new Redis(config.redis.url);
    throttle = new SenderThrottleService(redis, config);
  });
  afterAll(() => redis.disconnect());

  it('comes back at the front of the line, and the turn it moved on keeps its place', async () => {
    const tenant = randomUUID();
    const take = (id: string, first = false) =>
      throttle.take(tenant, 'sms', '+14155550100', id, undefined, first);
    // A backlog: one slot taken now, five sends in the line, each told to come back one interval after the last.
    expect(await take('b0')).toEqual({ hold_ms: 0 });
    const told: number[] = [];
    for (const id of ['b1', 'b2', 'b3', 'b4', 'b5']) {
      const slot = await take(id);
      if (!('retry_in_ms' in slot)) throw new Error(`${id} was not put in the line`);
      told.push(slot.retry_in_ms);
    }
    expect(told[4]).toBeGreaterThan(4 * interval - LINE_LEAD_MS - 100);

    // The answer comes back with the first in line (its slot is the next one), not after the fifth.
    const answer = await take('answer', true);
    if (!('retry_in_ms' in answer)) throw new Error('the answer took a slot over a second away');
    expect(answer.retry_in_ms).toBeLessThanOrEqual(told[0] + 5);
    // A send that does not answer anyone still joins the end.
    const later = await take('later');
    expect('retry_in_ms' in later && later.retry_in_ms).toBeGreaterThan(told[4] + interval - 100);

    await new Promise((resolve) => setTimeout(resolve, answer.retry_in_ms));
    const answered = await take('answer', true);
    expect(answered).toEqual({ hold_ms: expect.any(Number) });
    // The first in line, back as told, finds its slot one interval on (about 1,275 ms away, past the second a send
    // waits in place): it takes it all the same, instead of going to the end of the line behind `later`.
    const moved = await take('b1');
    if (!('hold_ms' in moved))
      throw new Error(`the first in line was sent to the end (${JSON.stringify(moved)})`);
    expect(moved.hold_ms).toBeLessThanOrEqual(1000 + interval + 5);
  });
});
