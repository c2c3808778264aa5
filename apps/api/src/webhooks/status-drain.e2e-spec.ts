import { fastTransaction } from '@app/db';
import { MessageStatusService, StatusDrainSignal, StatusSweeper } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, HeardEvent, TestApi, TestTenant, TestWorker, waitFor } from '@app/testing';
import { DataSource } from 'typeorm';
import { StatusPlatform, startStatusPlatform } from './status-callbacks.fixture';

/**
 * Status callbacks (three per send) are applied in batches per tenant by the status drain (`inbound.statuses`),
 * not one job each: every callback once, each message written once per batch and moved forward only; a callback
 * whose message is not stored yet is held and tried again, then dropped; the sweep restarts a lost drain.
 */
describe('status drain (e2e)', () => {
  let platform: StatusPlatform;
  let api: TestApi;
  let worker: TestWorker;
  let db: DataSource;
  let tenant: TestTenant;
  let sms: StatusPlatform['sms'];
  let seen: HeardEvent[] = [];
  let calls: StatusPlatform['calls'];

  beforeAll(async () => {
    platform = await startStatusPlatform();
    ({ api, worker, db, tenant, sms, seen, calls } = platform);
  }, 60_000);
  afterAll(() => platform?.close());

  const processed = (ids: string[], what: string) =>
    waitFor(
      async () => {
        const [{ left }] = await db.query(
          `SELECT count(*)::int AS left FROM webhook_events WHERE id = ANY($1::uuid[]) AND processed_at IS NULL`,
          [ids],
        );
        return left === 0 ? true : undefined;
      },
      15_000,
      what,
    );

  it('a burst of callbacks is applied once each, in batches, with no job per callback', async () => {
    const messages = await Promise.all(
      Array.from({ length: 30 }, () => calls.outbound(tenant.id, 'sending')),
    );
    // sent and delivered for each, all at once and in no particular order.
    const events = await Promise.all(
      messages.flatMap((m) => [
        calls.post(m.providerId, 'delivered', m.id),
        calls.post(m.providerId, 'sent', m.id),
      ]),
    );
    await processed(events, 'the burst to be applied');
    const rows = await db.query(
      `SELECT status, sent_at, delivered_at FROM messages WHERE id = ANY($1::uuid[])`,
      [messages.map((m) => m.id)],
    );
    expect(rows).toHaveLength(30);
    for (const row of rows)
      expect(row).toEqual({ status: 'delivered', sent_at: expect.any(Date), delivered_at: expect.any(Date) });
    // No per-callback job: the intake asked for drains instead.
    const queue = api.app.get(JobProducer).queue(QueueName.InboundEvents);
    for (const id of events.slice(0, 5)) expect(await queue.getJob(`inbound-${id}`)).toBeNull();
    // Each message's live events end at delivered, and never go back.
    await waitFor(
      () =>
        messages.every((m) =>
          seen.some(
            (s) =>
              s.event === 'message.status' &&
              s.payload.message_id === m.id &&
              s.payload.status === 'delivered',
          ),
        ) || undefined,
      5_000,
      'message.status delivered for every message',
    );
    for (const m of messages) {
      const heard = seen.filter((s) => s.event === 'message.status' && s.payload.message_id === m.id);
      expect(heard.at(-1)?.payload.status).toBe('delivered');
    }
  });

  it('the sweep starts a drain for callbacks left pending without one', async () => {
    // A tenant of its own: a drain the earlier cases asked for (a held callback's retry) would take this one too.
    const quiet = await createTenant(api.http);
    const message = await calls.outbound(quiet.id, 'sent');
    // Recorded a minute ago, its drain lost with Redis: nothing asks for one but the sweep.
    const [{ id }] = await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, received_at)
       VALUES ($1, $2, 'status', $3, $4, now() - interval '1 minute') RETURNING id`,
      [
        quiet.id,
        sms.provider,
        `status:${message.providerId}:delivered`,
        JSON.stringify({
          kind: 'status',
          message_id: message.id,
          update: { provider_message_id: message.providerId, status: 'delivered' },
          raw: {},
        }),
      ],
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await calls.event(id)).processed_at).toBeNull();
    expect(await worker.app.get(StatusSweeper).sweep()).toBeGreaterThanOrEqual(1);
    await processed([id], 'the swept callback to be applied');
    expect(await calls.message(message.id)).toMatchObject({ status: 'delivered' });
  });
  it('answers a callback whose drain could not be asked for: recorded, and applied once by the sweep', async () => {
    const message = await calls.outbound(tenant.id, 'sent');
    const signal = api.app.get(StatusDrainSignal);
    const redis = (signal as unknown as { redis: { eval: (...args: unknown[]) => Promise<unknown> } }).redis;
    const set = jest.spyOn(redis, 'eval').mockRejectedValue(new Error('Redis is down'));
    let id: string;
    try {
      // 200 and recorded: the ask goes after the answer, and its failure is the sweep's to make up for.
      id = await calls.post(message.providerId, 'delivered', message.id);
      await waitFor(
        () => set.mock.calls.some((args) => String(args[2]).includes('status-drain')) || undefined,
        5_000,
        'the drain to be asked for',
      );
    } finally {
      set.mockRestore();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await calls.event(id)).processed_at).toBeNull();
    await db.query(`UPDATE webhook_events SET received_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await worker.app.get(StatusSweeper).sweep()).toBeGreaterThanOrEqual(1);
    await processed([id], 'the swept callback to be applied');
    expect(await calls.message(message.id)).toMatchObject({ status: 'delivered' });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
      [tenant.id, `status:${message.providerId}:delivered`],
    );
    expect(n).toBe(1);
  });

  it('asks of one tenant arriving together share their Redis calls, and one drain still applies every callback', async () => {
    const messages = await Promise.all(Array.from({ length: 5 }, () => calls.outbound(tenant.id, 'sent')));
    const signal = api.app.get(StatusDrainSignal);
    const redis = (signal as unknown as { redis: { eval: (...args: unknown[]) => Promise<unknown> } }).redis;
    const set = jest.spyOn(redis, 'eval');
    try {
      const events = await Promise.all(messages.map((m) => calls.post(m.providerId, 'delivered', m.id)));
      await Promise.all(Array.from({ length: 40 }, () => signal.request(tenant.id)));
      const asks = set.mock.calls.filter((args) => String(args[2]).includes('status-drain'));
      // 45 asks: the first goes at once, the rest share a few more.
      expect(asks.length).toBeGreaterThanOrEqual(1);
      expect(asks.length).toBeLessThanOrEqual(10);
      await processed(events, 'the callbacks to be applied');
    } finally {
      set.mockRestore();
    }
  });

  it('folds one batch in order: forward only, a failure ends the send with its code, one write per message', async () => {
    const delivered = await calls.outbound(tenant.id, 'sending');
    const failed = await calls.outbound(tenant.id, 'sending');
    const statuses = api.app.get(MessageStatusService);
    const update = (m: { providerId: string }, status: string, error_code?: string) => ({
      provider: sms.provider,
      message_id: null,
      update: { provider_message_id: m.providerId, status, error_code } as never,
    });
    const result = await fastTransaction(db, (sql) =>
      statuses.applyBatch(sql, tenant.id, [
        update(delivered, 'sent'),
        update(failed, 'sent'),
        update(delivered, 'delivered'),
        update(failed, 'undelivered', '30003'),
        update(delivered, 'sent'),
        update(failed, 'delivered'),
        update({ providerId: 'SMnobody' }, 'delivered'),
      ]),
    );
    expect(result.outcomes).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'stale',
      'stale',
      'not_found',
    ]);
    // Written once each; the statuses each went through are kept for the live events (one per transition).
    expect(result.moved.map((m) => [m.id, m.status, m.error_code, m.steps]).sort()).toEqual(
      [
        [delivered.id, 'delivered', null, ['sent', 'delivered']],
        [failed.id, 'failed', '30003', ['sent', 'failed']],
      ].sort(),
    );
    expect(await calls.message(delivered.id)).toMatchObject({
      status: 'delivered',
      sent_at: expect.any(Date),
      delivered_at: expect.any(Date),
    });
    expect(await calls.message(failed.id)).toMatchObject({
      status: 'failed',
      error_code: '30003',
      failed_at: expect.any(Date),
    });
  });

  it('holds a callback whose message is not stored yet, and applies it on a later try', async () => {
    const providerId = calls.sid();
    const eventId = await calls.post(providerId, 'delivered');
    const held = await calls.heldOnce(eventId);
    expect(held).toMatchObject({ processed_at: null, next_attempt_at: expect.any(Date) });
    // The send's provider id is stored after its callback arrived: the next try finds it.
    const message = await calls.outbound(tenant.id, 'sent', providerId);
    await processed([eventId], 'the held callback to be applied');
    expect(await calls.message(message.id)).toMatchObject({ status: 'delivered' });
    // Held once at least (twice when the message took longer to store than the first retry's wait).
    expect((await calls.event(eventId)).attempts).toBeGreaterThanOrEqual(1);
  });

  it('drops a callback whose message never comes after its last try, changing nothing', async () => {
    const providerId = calls.sid();
    const eventId = await calls.post(providerId, 'delivered');
    await calls.heldOnce(eventId);
    // Its last try is due now.
    await db.query(`UPDATE webhook_events SET attempts = 4, next_attempt_at = NULL WHERE id = $1`, [eventId]);
    await worker.app.get(StatusDrainSignal).request(tenant.id);
    await processed([eventId], 'the callback to be dropped');
    expect(await calls.event(eventId)).toMatchObject({ attempts: 4 });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`,
      [tenant.id, providerId],
    );
    expect(n).toBe(0);
  });
});
