import { loadConfig } from '@app/config';
import { testEnv } from '@app/testing';
import Redis from 'ioredis';
import { SenderThrottleService } from './sender-throttle.service';

/**
 * Send pacing on a real Redis, as two processes see it (two clients, one prefix): a sender's sends are spaced at
 * least 1/rate apart whoever takes them, each sender and tenant has its own pace, and a wait answered is the time
 * to the sender's next slot.
 */
describe('sender throttle (integration)', () => {
  const config = loadConfig(
    testEnv({ SEND_RATE_SMS_PER_SECOND: '4', SEND_RATE_WHATSAPP_PER_SECOND: '1000' }),
  );
  let clients: Redis[];
  let a: SenderThrottleService;
  let b: SenderThrottleService;

  beforeAll(() => {
    clients = [new Redis(config.redis.url), new Redis(config.redis.url)];
    [a, b] = clients.map((c) => new SenderThrottleService(c, config));
  });
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it('spaces one sender at 1/rate across processes, and says how long to wait', async () => {
    expect(await a.take('tenant-1', 'sms', '+14155550100')).toBe(0);
    const wait = await b.take('tenant-1', 'sms', '+14155550100');
    // 4 per second: the next slot is at most 250 ms away.
    expect(wait).toBeGreaterThan(200);
    expect(wait).toBeLessThanOrEqual(250);
    // Taking again before the slot changes nothing: the wait only shrinks.
    expect(await a.take('tenant-1', 'sms', '+14155550100')).toBeLessThanOrEqual(wait);
    await new Promise((r) => setTimeout(r, wait + 5));
    expect(await b.take('tenant-1', 'sms', '+14155550100')).toBe(0);
  });

  it('keeps a pace per tenant, channel and sender', async () => {
    expect(await a.take('tenant-2', 'sms', '+14155550100')).toBe(0);
    expect(await a.take('tenant-2', 'sms', '+14155550101')).toBe(0);
    expect(await a.take('tenant-3', 'sms', '+14155550100')).toBe(0);
    expect(await a.take('tenant-2', 'whatsapp', '+14155550100')).toBe(0);
    expect(await a.take('tenant-2', 'sms', '+14155550100')).toBeGreaterThan(0);
  });
});
