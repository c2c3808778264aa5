import { StatusDrainService, StatusDrainSignal } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, createTestWorker, TestWorker, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StatusPlatform, startStatusPlatform } from './status-callbacks.fixture';

/** One run of a tenant's drain in a worker: when it read and applied, and how many callbacks it claimed. */
interface DrainRun {
  tenantId: string;
  worker: string;
  start: number;
  end: number;
  claimed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The status drain's turns (StatusDrainSignal), with workers of one `inbound-events` slot each: a drain paced after
 * a busy one (500 ms after it started) waits as a delayed job, not in a slot, so an inbound message queued meanwhile
 * goes first; callbacks arriving while it waits are applied by it, each once; and a tenant's drains never run at
 * once, in one worker or two, nor closer than their pace.
 */
describe('status drain turns (e2e)', () => {
  let platform: StatusPlatform;
  let db: DataSource;
  let workerA: TestWorker;
  let workerB: TestWorker | undefined;
  const runs: DrainRun[] = [];
  /** How long each drain keeps running after it read (a slow drain). */
  let holdMs = 0;

  /** Records each drain a worker runs, and holds it `holdMs`. */
  function watchDrains(worker: TestWorker, name: string): void {
    const service = worker.app.get(StatusDrainService) as unknown as {
      drainTenant(tenantId: string): Promise<number>;
    };
    const drainTenant = service.drainTenant.bind(service);
    service.drainTenant = async (tenantId: string) => {
      const run: DrainRun = { tenantId, worker: name, start: Date.now(), end: 0, claimed: 0 };
      runs.push(run);
      try {
        run.claimed = await drainTenant(tenantId);
        if (holdMs) await sleep(holdMs);
        return run.claimed;
      } finally {
        run.end = Date.now();
      }
    };
  }

  beforeAll(async () => {
    platform = await startStatusPlatform({ WORKER_CONCURRENCY: '1' });
    ({ db, worker: workerA } = platform);
    watchDrains(workerA, 'A');
  }, 60_000);
  afterAll(async () => {
    await workerB?.close();
    await platform?.close();
  });

  /** A second worker process's consumers: same Redis prefix, same database, a drain service of its own. */
  async function secondWorker(): Promise<void> {
    if (workerB) return;
    workerB = await createTestWorker({ config: workerA.config, clock: platform.api.clock });
    watchDrains(workerB, 'B');
  }

  /** `n` pending `delivered` callbacks of a sent message of the tenant, recorded as the intake records them. */
  async function insertCallbacks(tenantId: string, n: number): Promise<string[]> {
    const message = await platform.calls.outbound(tenantId, 'sent');
    const rows = await db.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       SELECT $1, $2, 'status', 'status:' || $3 || ':delivered:' || i, $4::jsonb FROM generate_series(1, $5) AS i
       RETURNING id`,
      [
        tenantId,
        platform.sms.provider,
        message.providerId,
        JSON.stringify({
          kind: 'status',
          message_id: message.id,
          update: { provider_message_id: message.providerId, status: 'delivered' },
          raw: {},
        }),
        n,
      ],
    );
    return (rows as { id: string }[]).map((r) => r.id);
  }

  /** Callbacks committed, then their drain asked for, as the intake asks (the API's signal). */
  async function callbacks(tenantId: string, n: number): Promise<string[]> {
    const ids = await insertCallbacks(tenantId, n);
    await platform.api.app.get(StatusDrainSignal).request(tenantId);
    return ids;
  }

  const processedAt = async (ids: string[]): Promise<Date[] | undefined> => {
    const rows = (await db.query(`SELECT processed_at FROM webhook_events WHERE id = ANY($1::uuid[])`, [
      ids,
    ])) as { processed_at: Date | null }[];
    return rows.length === ids.length && rows.every((r) => r.processed_at)
      ? rows.map((r) => r.processed_at as Date)
      : undefined;
  };
  const applied = (ids: string[], what: string) => waitFor(() => processedAt(ids), 15_000, what);

  /** The tenant's drains that read something or ran meanwhile, in start order. */
  const drainsOf = (tenantId: string) =>
    runs.filter((r) => r.tenantId === tenantId).sort((a, b) => a.start - b.start);

  /** Posts an inbound SMS to the platform tenant's channel; answers its event once applied. */
  async function inboundSms(body: string): Promise<{ id: string; processed_at: Date }> {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const { path, form } = platform.calls.inboundSms('+14155550123', body, sid);
    expect((await platform.calls.postSigned(path, form)).status).toBe(200);
    const [row] = await waitFor(
      async () => {
        const rows = (await db.query(
          `SELECT id, processed_at FROM webhook_events WHERE tenant_id = $1 AND event_key = $2 AND processed_at IS NOT NULL`,
          [platform.tenant.id, `inbound:${sid}`],
        )) as { id: string; processed_at: Date }[];
        return rows.length ? rows : undefined;
      },
      15_000,
      'the inbound message to be applied',
    );
    return row;
  }

  it('a drain paced after a busy one holds no slot: an inbound message queued behind it goes first', async () => {
    // The lead and its conversation exist: the timed message below is applied as fast as a reply is.
    await inboundSms('Hello');
    const busyTenant = await createTenant(platform.api.http);
    await applied(await callbacks(busyTenant.id, 25), 'the busy drain');
    const [busy] = drainsOf(busyTenant.id);
    expect(busy.claimed).toBe(25);
    // The tenant's next drain is due 500 ms after the busy one started.
    const late = await callbacks(busyTenant.id, 1);
    await sleep(80);
    const queue = platform.api.app.get(JobProducer).queue(QueueName.InboundEvents);
    expect(await queue.getActiveCount()).toBe(0);
    const inboundRow = await inboundSms('Yes please');
    const [lateAt] = await applied(late, 'the callback of the paced drain');
    expect(inboundRow.processed_at.getTime()).toBeLessThan(lateAt.getTime());
    // The paced drain still kept its pace.
    const [, next] = drainsOf(busyTenant.id);
    expect(next.start - busy.start).toBeGreaterThanOrEqual(490);
    expect(next.claimed).toBe(1);
  });

  it('callbacks arriving while the drain waits for its pace, and while it runs, are applied, each once, at the pace', async () => {
    await secondWorker();
    const tenant = await createTenant(platform.api.http);
    const ids = await callbacks(tenant.id, 25);
    await applied(ids, 'the busy drain');
    // 1.5 s of callbacks, one every ~30 ms, each asking for a drain: some while a drain waits for its pace, some
    // while a drain runs, some just as one ends.
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      ids.push(...(await callbacks(tenant.id, 1 + (ids.length % 3))));
      await sleep(30);
    }
    await applied(ids, 'every callback');
    const drains = drainsOf(tenant.id);
    expect(drains.reduce((sum, d) => sum + d.claimed, 0)).toBe(ids.length);
    for (let i = 1; i < drains.length; i++) {
      const pace = drains[i - 1].claimed >= 20 ? 500 : 100;
      expect({ i, apart: drains[i].start - drains[i - 1].start >= pace - 30 }).toEqual({ i, apart: true });
    }
  }, 30_000);

  it('a tenant never gets two drains at once across two workers, even when its drains are slow', async () => {
    const tenant = await createTenant(platform.api.http);
    await secondWorker();
    holdMs = 150;
    const ids: string[] = [];
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      ids.push(...(await callbacks(tenant.id, 1)));
      await sleep(25);
    }
    await applied(ids, 'every callback');
    holdMs = 0;
    const drains = drainsOf(tenant.id);
    expect(drains.length).toBeGreaterThan(1);
    for (let i = 1; i < drains.length; i++)
      expect({ i, overlaps: drains[i].start < drains[i - 1].end }).toEqual({ i, overlaps: false });
    expect(drains.reduce((sum, d) => sum + d.claimed, 0)).toBe(ids.length);
  }, 30_000);
});
