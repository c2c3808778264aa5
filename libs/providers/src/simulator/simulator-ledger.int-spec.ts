import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { SimulatedSend, SimulatorLedger } from './simulator-ledger';

/**
 * The simulator's ledger on a real Redis: the status it last reported for a send is what a look-up answers, written
 * on the send as the callback job read it, with the time the send is remembered kept; a send forgotten meanwhile
 * is not written back (a late callback does not bring it back, nor keep it for ever).
 */
describe('simulator ledger statuses (integration)', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `rltest_simledger_${randomBytes(4).toString('hex')}:simulator`;
  let redis: Redis;
  let ledger: SimulatorLedger;

  const send = (id: string): SimulatedSend => ({
    tenant_id: 'tenant-a',
    channel: 'sms',
    provider_message_id: `SM${id}`,
    message_id: `message-${id}`,
    to: '+14155550123',
    from: '+15005550006',
    body: 'Hello',
    status: 'queued',
    sent_at: '2026-12-03T09:00:00.000Z',
  });

  beforeAll(() => {
    redis = new Redis(redisUrl);
    ledger = new SimulatorLedger(redis, prefix, 3600);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('answers the last status reported, its error code, and keeps the time the send is remembered', async () => {
    const sent = send('a1');
    await ledger.record(sent);
    let now = await ledger.setStatus(sent, 'sent');
    now = await ledger.setStatus(now, 'undelivered', '30003');
    expect(now).toMatchObject({ status: 'undelivered', error_code: '30003' });
    expect(await ledger.find('tenant-a', 'SMa1')).toEqual({
      ...sent,
      status: 'undelivered',
      error_code: '30003',
    });
    expect(await ledger.sentTo('tenant-a', 'sms', sent.to, new Date(0))).toEqual([now]);
    const ttl = await redis.ttl(`${prefix}:send:tenant-a:SMa1`);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it('does not write back a send it has forgotten', async () => {
    const sent = send('b2');
    await ledger.record(sent);
    await redis.del(`${prefix}:send:tenant-a:SMb2`);
    await ledger.setStatus(sent, 'delivered');
    expect(await ledger.find('tenant-a', 'SMb2')).toBeNull();
  });
});
