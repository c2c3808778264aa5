import { REDIS } from '@app/common';
import { JobProducer, QueueName } from '@app/queues';
import { apiOnIsolatedDatabase, createTenant, PgSessions, refuseUpdates } from '@app/testing';
import type { Queue } from 'bull';
import type Redis from 'ioredis';
import { StatusDrainService } from './status-drain.service';
import { StatusDrainSignal } from './status-drain.signal';
import { seedSentSms } from './sent-sms.fixture';

/** A tenant's turn as Redis holds it: the running drain (`owner`, `started`, `again`), or the next one's `due`. */
type Turn = Partial<Record<'owner' | 'started' | 'again' | 'due', string>>;

/**
 * A drain job takes its tenant's turn first (StatusDrainSignal, on Redis's clock): it drains only when the turn is
 * its own, then gives it back with the pace of the next drain (500 ms after one that claimed 20 or more, else
 * 100 ms), and adds the successor when a callback asked for a drain while it ran. A job that finds the turn taken,
 * or the pace not run out, returns at once without reading. The drain is called as its job calls it, on the API's
 * providers (no worker consumes the jobs it adds, so they can be read); a trigger stands on the database, so the
 * file has one of its own.
 */
describe('status drain turns (integration)', () => {
  let redis: Redis;
  let drain: StatusDrainService;
  let signal: StatusDrainSignal;
  let queue: Queue;
  let sessions: PgSessions;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    redis = on.api.app.get(REDIS);
    drain = on.api.app.get(StatusDrainService);
    signal = on.api.app.get(StatusDrainSignal);
    queue = on.api.app.get(JobProducer).queue(QueueName.InboundEvents);
    sessions = new PgSessions(on.db);
  });
  afterEach(() => sessions.close());

  /** Redis's clock, in ms: the one the turns are timed by. */
  async function redisNow(): Promise<number> {
    const [seconds, micros] = await redis.time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  const turnKey = (tenantId: string) => on.api.config.redisKey('status-drain-turn', tenantId);
  const turn = async (tenantId: string) => (await redis.hgetall(turnKey(tenantId))) as Turn;

  /** The tenant's drain jobs waiting in the queue (delayed or not), as `inbound.statuses` payloads with their ids. */
  async function queued(tenantId: string): Promise<{ id: string; due?: number }[]> {
    const jobs = await queue.getJobs(['delayed', 'waiting']);
    return jobs
      .filter((job) => job?.data?.tenant_id === tenantId)
      .map((job) => ({ id: String(job.id), due: job.data.due as number | undefined }));
  }

  /** A tenant with `n` sent messages and a pending `delivered` callback for each: the events' ids. */
  async function tenantWithCallbacks(
    n: number,
  ): Promise<{ tenantId: string; events: string[]; messages: string[] }> {
    const tenant = await createTenant(on.api.http);
    const messages = await seedSentSms(on.db, tenant.id, n, `turn${tenant.id}`);
    const events = (await on.db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       SELECT $1, 'twilio', 'status', m.provider_message_id || ':delivered',
              json_build_object('kind', 'status', 'message_id', m.id,
                                'update', json_build_object('provider_message_id', m.provider_message_id,
                                                            'status', 'delivered'),
                                'raw', json_build_object('MessageStatus', 'delivered'))
         FROM unnest($2::uuid[], $3::varchar[]) AS m(id, provider_message_id)
       RETURNING id`,
      [tenant.id, messages.map((m) => m.id), messages.map((m) => m.provider_message_id)],
    )) as { id: string }[];
    return { tenantId: tenant.id, events: events.map((e) => e.id), messages: messages.map((m) => m.id) };
  }

  const pendingOf = async (tenantId: string) =>
    Number(
      (
        await on.db.query(
          `SELECT count(*) AS n FROM webhook_events WHERE tenant_id = $1 AND processed_at IS NULL`,
          [tenantId],
        )
      )[0].n,
    );

  /**
   * Runs a drain job whose reads wait behind a lock on one of the tenant's messages, asks for a drain while it
   * waits (a callback committed during the drain), then lets it go on: the drain's settled outcome.
   */
  async function drainAskedMeanwhile(tenantId: string, messageId: string, token: string) {
    const { tx, pid } = await sessions.begin();
    await tx.query(`SELECT id FROM messages WHERE id = $1 FOR UPDATE`, [messageId]);
    const running = drain.drain({ tenant_id: tenantId }, { id: token });
    const settled = running.then(
      (claimed) => ({ claimed, error: null }),
      (err: Error) => ({ claimed: null, error: err.message }),
    );
    expect(await sessions.doneOrWaiting(running, [pid])).not.toEqual([]);
    expect(await turn(tenantId)).toMatchObject({ owner: token });
    await signal.request(tenantId);
    expect(await turn(tenantId)).toMatchObject({ owner: token, again: '1' });
    await tx.commitTransaction();
    return settled;
  }

  it('drains on its turn, then gives the turn back with a 100 ms pace, or 500 ms after claiming 20 or more', async () => {
    for (const [n, pace] of [
      [19, 100],
      [20, 500],
    ]) {
      const { tenantId } = await tenantWithCallbacks(n);
      const before = await redisNow();
      expect(await drain.drain({ tenant_id: tenantId }, { id: 7 })).toBe(n);
      const after = await redisNow();
      const { owner, due } = await turn(tenantId);
      expect(owner).toBeUndefined();
      expect(Number(due)).toBeGreaterThanOrEqual(before + pace);
      expect(Number(due)).toBeLessThanOrEqual(after + pace);
      expect(await pendingOf(tenantId)).toBe(0);
      // No callback asked for a drain meanwhile: none is added (the next callback's ask adds one).
      expect(await queued(tenantId)).toEqual([]);
    }
  });

  it('adds the successor, due at the end of the pace, when a callback asked for a drain while it ran', async () => {
    const { tenantId, messages } = await tenantWithCallbacks(30);
    expect(await drainAskedMeanwhile(tenantId, messages[0], 'a')).toEqual({ claimed: 30, error: null });
    const { due } = await turn(tenantId);
    expect(await queued(tenantId)).toEqual([{ id: `statuses:${tenantId}:${due}`, due: Number(due) }]);
  });

  it('a callback asking during the pace adds the successor itself, once', async () => {
    const { tenantId } = await tenantWithCallbacks(20);
    await drain.drain({ tenant_id: tenantId }, { id: 'b' });
    const { due } = await turn(tenantId);
    // Unless the pace ran out meanwhile (then the ask adds a drain to start now): Redis's clock says which.
    const inPace = Number(due) > (await redisNow());
    await signal.request(tenantId);
    await signal.request(tenantId);
    const jobs = await queued(tenantId);
    expect(jobs).toHaveLength(1);
    if (inPace) expect(jobs).toEqual([{ id: `statuses:${tenantId}:${due}`, due: Number(due) }]);
  });

  it('a job finding the turn taken returns at once, without reading, and the running drain hands on', async () => {
    const { tenantId } = await tenantWithCallbacks(5);
    // Another worker's drain holds the turn.
    expect(await signal.begin(tenantId, 'other')).toBe('run');
    expect(await drain.drain({ tenant_id: tenantId }, { id: 1 })).toBe(0);
    expect(await pendingOf(tenantId)).toBe(5);
    expect(await turn(tenantId)).toMatchObject({ owner: 'other', again: '1' });
    // The job marked the turn: the running drain adds the successor as it ends.
    const next = await signal.end(tenantId, 'other', 100);
    expect(next).toEqual({ due: expect.any(Number), delayMs: expect.any(Number) });
    expect(next!.delayMs).toBeLessThanOrEqual(100);
  });

  it('a job coming before the pace ran out adds the successor and returns at once; the successor drains, early or not', async () => {
    const { tenantId } = await tenantWithCallbacks(5);
    // A drain ended a moment ago and its pace runs a minute on (Redis's clock).
    const due = (await redisNow()) + 60_000;
    await redis.hset(turnKey(tenantId), 'due', String(due));
    expect(await drain.drain({ tenant_id: tenantId }, { id: 2 })).toBe(0);
    expect(await pendingOf(tenantId)).toBe(5);
    expect(await turn(tenantId)).toEqual({ due: String(due) });
    const [successor] = await queued(tenantId);
    expect(successor).toEqual({ id: `statuses:${tenantId}:${due}`, due });
    expect(await queue.getJob(successor.id).then((job) => job?.opts.delay)).toBeGreaterThan(50_000);
    // The successor takes the turn of its own due even though it starts before it (its clock ran early).
    expect(await drain.drain({ tenant_id: tenantId, due }, { id: successor.id })).toBe(5);
    expect(await pendingOf(tenantId)).toBe(0);
  });

  it('a drain whose turn ran out (its lease, with the ask it held) hands on as it ends', async () => {
    const { tenantId } = await tenantWithCallbacks(1);
    // The drain read before this callback committed; the callback asked while it ran.
    expect(await signal.begin(tenantId, 'lapsed')).toBe('run');
    await signal.request(tenantId);
    expect(await turn(tenantId)).toMatchObject({ owner: 'lapsed', again: '1' });
    // The drain outlived its lease: the turn went, and the ask it held with it.
    await redis.del(turnKey(tenantId));
    // Asks meanwhile find the marker and leave the callback to the running drain.
    await signal.request(tenantId);
    expect(await queued(tenantId)).toEqual([]);
    const next = await signal.end(tenantId, 'lapsed', 100);
    expect(next).toEqual({ due: expect.any(Number), delayMs: expect.any(Number) });
  });

  it('a drain that fails gives its turn back too, and adds the successor asked for meanwhile', async () => {
    const { tenantId, messages } = await tenantWithCallbacks(3);
    const fault = await refuseUpdates(on.db, 'messages', `NEW.tenant_id = '${tenantId}'`);
    try {
      const outcome = await drainAskedMeanwhile(tenantId, messages[0], 'c');
      expect(outcome).toEqual({
        claimed: null,
        error: expect.stringContaining('update refused by the test'),
      });
      expect(await fault.refusals()).toBe(1);
    } finally {
      await fault.unwind();
    }
    const { owner, due } = await turn(tenantId);
    expect(owner).toBeUndefined();
    expect(await queued(tenantId)).toEqual([{ id: `statuses:${tenantId}:${due}`, due: Number(due) }]);
    // Nothing of the failed batch stayed: its callbacks wait for the successor.
    expect(await pendingOf(tenantId)).toBe(3);
  });
});
