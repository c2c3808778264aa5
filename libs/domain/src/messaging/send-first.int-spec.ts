import { loadConfig } from '@app/config';
import { testEnv } from '@app/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LINE_LEAD_MS, PACING_SHARE, SenderThrottleService } from './sender-throttle.service';

/**
 * A send that answers a person goes before the sender's line (SenderThrottleService.take, `first`), on a real
 * Redis at 1 SMS a second: behind a campaign's backlog it would wait its turn for as many seconds as the backlog
 * holds sends. It takes the next slot; the turn that slot was meant for goes to the end of the line, and the
 * turns after it keep theirs.
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

  it('takes the next slot whoever waits; the turn it was meant for goes to the end, the next keeps its own', async () => {
    const tenant = randomUUID();
    const take = (id: string, first = false) =>
      throttle.take(tenant, 'sms', '+14155550100', id, undefined, first);
    const inLine = async (id: string) => {
      const slot = await take(id);
      if (!('retry_in_ms' in slot))
        throw new Error(`${id} was not put in the line (${JSON.stringify(slot)})`);
      return slot.retry_in_ms;
    };
    // A backlog: one slot taken now, three sends in the line, each told to come back one interval after the last.
    expect(await take('b0')).toEqual({ hold_ms: 0 });
    const told = [await inLine('b1'), await inLine('b2'), await inLine('b3')];
    expect(told[2]).toBeGreaterThan(3 * interval - LINE_LEAD_MS - 100);

    // The answer takes the next slot (b1's), about an interval away, held in its job.
    const answer = await take('answer', true);
    if (!('hold_ms' in answer)) throw new Error(`the answer was put in the line (${JSON.stringify(answer)})`);
    expect(answer.hold_ms).toBeLessThanOrEqual(interval + 5);
    // A send that answers nobody still joins the end.
    expect(await inLine('later')).toBeGreaterThan(told[2] + interval - 100);

    // b1, back as told, finds the next slot over a second away: to the end of the line, behind `later`.
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, told[0]));
    const b1 = await take('b1');
    expect('retry_in_ms' in b1 && b1.retry_in_ms).toBeGreaterThan(
      told[2] + interval - (Date.now() - started),
    );
    // b2, back as told, takes its own slot.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, told[1] - (Date.now() - started))));
    expect(await take('b2')).toEqual({ hold_ms: expect.any(Number) });
  });

  it('waits in place for slots in turn in a burst, up to ten seconds of them', async () => {
    const tenant = randomUUID();
    const take = (id: string, first = false) =>
      throttle.take(tenant, 'sms', '+14155550100', id, undefined, first);
    const holds: number[] = [];
    let refused = false;
    for (let i = 0; i < 12 && !refused; i++) {
      const slot = await take(`a${i}`, true);
      if ('hold_ms' in slot) holds.push(slot.hold_ms);
      else refused = true;
    }
    // Slots 0 to 9 are within ten seconds at 1,025 ms apart; the eleventh (10,256 ms from the first) is not, unless
    // these calls took over 256 ms (a busy machine); the twelfth never is.
    expect(refused).toBe(true);
    expect(holds.length).toBeGreaterThanOrEqual(10);
    expect(holds.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < holds.length; i++) expect(holds[i]).toBeGreaterThan(holds[i - 1]);
    expect(Math.max(...holds)).toBeLessThanOrEqual(10_000);
  });
});
