import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { OutboundMessage } from '../messaging.port';
import { ProviderError } from '../provider-error';
import { SimulatorLedger } from './simulator-ledger';
import { SimulatorMessagingAdapter } from './simulator-messaging.adapter';
import { simulatedProviderId } from './simulator-plan';
import { SimulatorRateLimit } from './simulator-rate-limit';
import { SimulatorDeliverJob, SimulatorScheduler } from './simulator-scheduler';

/**
 * SIMULATOR_RATE_LIMIT_PER_SECOND on a real Redis: at most N accepted sends per tenant, channel and sender in each
 * one-second window of the platform clock, shared by every process; a send over it is refused as Twilio refuses
 * it (429 / 20429, retryable, Retry-After up to the next second), leaves no trace in the ledger, schedules no
 * callback, and is counted.
 */
describe('simulator rate limit (integration)', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `rltest_simrate_${randomBytes(4).toString('hex')}:simulator`;
  const settings = { seed: 'rate-limit-seed', delayMs: 0, failureRate: 0, replyRate: 0 };
  const SECOND = Date.parse('2026-11-30T09:00:00.000Z');
  let clients: Redis[];
  let now: Date;
  let scheduled: SimulatorDeliverJob[];

  const scheduler: SimulatorScheduler = {
    enqueue: (_name, payload) => {
      scheduled.push(payload);
      return Promise.resolve();
    },
  };

  /** The simulated provider as one process sees it: its own Redis connection, the shared prefix. */
  function adapter(
    redis: Redis,
    options: { tenantId?: string; from?: string; perSecond?: number } = {},
  ): SimulatorMessagingAdapter {
    return new SimulatorMessagingAdapter({
      tenantId: options.tenantId ?? 'tenant-a',
      channel: 'sms',
      settings,
      ledger: new SimulatorLedger(redis, prefix),
      scheduler,
      from: options.from ?? '+15005550006',
      ...(options.perSecond === 0
        ? {}
        : { rateLimit: new SimulatorRateLimit(redis, prefix, options.perSecond ?? 2) }),
      now: () => now,
    });
  }

  const sms = (): OutboundMessage => ({
    channel: 'sms',
    to: '+14155550123',
    body: 'Hello',
    message_id: randomUUID(),
  });

  const refused = (redis: Redis) => new SimulatorRateLimit(redis, prefix, 1).refused();

  beforeAll(() => {
    clients = [new Redis(redisUrl), new Redis(redisUrl)];
  });
  beforeEach(() => {
    now = new Date(SECOND + 250);
    scheduled = [];
  });
  afterEach(async () => {
    const keys = await clients[0].keys(`${prefix}:*`);
    if (keys.length) await clients[0].del(...keys);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('refuses the send over the limit in one second with a retryable 429 / 20429 until the next second', async () => {
    const provider = adapter(clients[0]);
    await provider.send(sms());
    await provider.send(sms());
    const over = sms();
    const error = await provider.send(over).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      provider: 'simulator',
      kind: 'rate_limited',
      httpStatus: 429,
      providerCode: '20429',
      retryable: true,
      mayHaveBeenSent: false,
      retryAfterMs: 750,
    });
    expect(await refused(clients[0])).toBe(1);
    // Refused: nothing remembered, no callback scheduled.
    const ledger = new SimulatorLedger(clients[0], prefix);
    expect(
      await ledger.find('tenant-a', simulatedProviderId(settings.seed, 'sms', over.message_id)),
    ).toBeNull();
    expect(scheduled).toHaveLength(2);

    // The next second has a fresh budget.
    now = new Date(SECOND + 1000);
    const next = await provider.send(over);
    expect(next).toMatchObject({ status: 'queued' });
    expect(await ledger.find('tenant-a', next.provider_message_id)).toMatchObject({
      message_id: over.message_id,
      sent_at: new Date(SECOND + 1000).toISOString(),
    });
    expect(await refused(clients[0])).toBe(1);
    expect(await ledger.resends()).toBe(0);
  });

  it('counts one window across processes (Redis connections)', async () => {
    const [one, two] = [adapter(clients[0]), adapter(clients[1])];
    await one.send(sms());
    await two.send(sms());
    await expect(one.send(sms())).rejects.toMatchObject({ httpStatus: 429 });
    await expect(two.send(sms())).rejects.toMatchObject({ httpStatus: 429 });
    expect(await refused(clients[1])).toBe(2);
  });

  it('keeps a budget per sender and per tenant', async () => {
    const provider = adapter(clients[0], { perSecond: 1 });
    await provider.send(sms());
    await expect(provider.send(sms())).rejects.toMatchObject({ providerCode: '20429' });
    await expect(
      adapter(clients[0], { perSecond: 1, from: '+15005550007' }).send(sms()),
    ).resolves.toBeDefined();
    await expect(
      adapter(clients[0], { perSecond: 1, tenantId: 'tenant-b' }).send(sms()),
    ).resolves.toBeDefined();
    expect(await refused(clients[0])).toBe(1);
  });

  it('answers the whole wait of a send at the very start of a second, and at least 1 ms at its end', async () => {
    const provider = adapter(clients[0], { perSecond: 1 });
    now = new Date(SECOND);
    await provider.send(sms());
    await expect(provider.send(sms())).rejects.toMatchObject({ retryAfterMs: 1000 });
    now = new Date(SECOND + 999);
    await expect(provider.send(sms())).rejects.toMatchObject({ retryAfterMs: 1 });
  });

  it('limits nothing without a rate limit', async () => {
    const provider = adapter(clients[0], { perSecond: 0 });
    for (let i = 0; i < 5; i++) await provider.send(sms());
    expect(scheduled).toHaveLength(5);
    expect(await refused(clients[0])).toBe(0);
  });

  it('counts a message accepted twice as a resend', async () => {
    const provider = adapter(clients[0], { perSecond: 0 });
    const message = sms();
    await provider.send(message);
    await provider.send(sms());
    expect(await new SimulatorLedger(clients[0], prefix).resends()).toBe(0);
    await provider.send(message);
    expect(await new SimulatorLedger(clients[0], prefix).resends()).toBe(1);
  });
});
