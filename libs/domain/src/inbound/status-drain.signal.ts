import { BoundedMap, Coalescer, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** How long a drain's marker lasts when its job never starts (lost, or stuck behind a backlog): then another is added. */
const MARKER_TTL_MS = 5000;
/** A drain starts this long after the callback that asked for it, so the callbacks right behind go in its batch. */
const DRAIN_DELAY_MS = 20;

/**
 * How often at most a process asks for a tenant's drain on its webhooks' behalf (`requestSoon`): callbacks
 * committed meanwhile share the next ask, so under load a tenant costs 20 Redis round trips a second instead of one
 * per insert (bench:webhooks-cpu: the API without any ask spent 0.89 of the CPU per Twilio status callback).
 */
const SOON_INTERVAL_MS = 50;

/** Tenants whose requests this process coalesces at once. */
const TENANTS_KEPT = 10_000;

/**
 * Asks for a drain of a tenant's status callbacks (`inbound.statuses`), at most one waiting to start per tenant:
 * a Redis marker says one is waiting; the drain clears it before it reads, so a callback committed before the clear
 * is in its reads, and one committed after finds no marker and adds the next drain. Thousands of callbacks a second
 * cost a handful of jobs, not one each. Within a process, callers asking while the tenant's previous ask is in
 * flight (or, for the webhooks' `requestSoon`, less than SOON_INTERVAL_MS old) share the next one, which starts
 * after all of them committed, so a burst costs a few Redis calls too.
 */
@Injectable()
export class StatusDrainSignal {
  private readonly logger = new Logger(StatusDrainSignal.name);
  private readonly asks = new BoundedMap<string, Coalescer<string, void>>(TENANTS_KEPT);
  private readonly soonAsks = new BoundedMap<string, Coalescer<string, void>>(TENANTS_KEPT);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly jobs: JobProducer,
  ) {}

  /** Called after the tenant's status callbacks committed: a drain that has not started yet will apply them. */
  async request(tenantId: string): Promise<void> {
    await this.coalesced(this.asks, tenantId, 0, this.passed).submit([tenantId]);
  }

  /**
   * The webhooks' ask, after the tenant's status callbacks committed, not waited for: the answer goes out at once,
   * and the ask at most every SOON_INTERVAL_MS per tenant (the first at once at rest). An ask already waiting to
   * start covers this call (it starts after these callbacks committed), so under load a callback adds nothing to
   * it. If it fails or the process dies first, the callbacks wait for the inbound sweep (StatusSweeper) or the
   * tenant's next callback; they are recorded, so none is lost, and the drain applies each once.
   */
  requestSoon(tenantId: string): void {
    const asks = this.coalesced(this.soonAsks, tenantId, SOON_INTERVAL_MS, this.logged);
    if (!asks.hasWaiting) void asks.submit([tenantId]);
  }

  private readonly passed = (ask: Promise<void>) => ask;

  private readonly logged = (ask: Promise<void>, tenantId: string) =>
    ask.catch((err: unknown) =>
      this.logger.warn(
        { tenant_id: tenantId, err: err instanceof Error ? err.message : String(err) },
        'Status drain not asked for; the inbound sweep will start it',
      ),
    );

  /** The tenant's asks in `asks`, one run per `minIntervalMs` at most, each run's ask passed through `settle`. */
  private coalesced(
    asks: BoundedMap<string, Coalescer<string, void>>,
    tenantId: string,
    minIntervalMs: number,
    settle: (ask: Promise<void>, tenantId: string) => Promise<void>,
  ): Coalescer<string, void> {
    let tenantAsks = asks.get(tenantId);
    if (!tenantAsks) {
      tenantAsks = new Coalescer<string, void>(
        async (ids) => {
          await settle(this.ask(tenantId), tenantId);
          return ids.map(() => undefined);
        },
        1,
        Number.MAX_SAFE_INTEGER,
        minIntervalMs,
      );
      asks.set(tenantId, tenantAsks);
    }
    return tenantAsks;
  }

  private async ask(tenantId: string): Promise<void> {
    const key = this.key(tenantId);
    if ((await this.redis.set(key, '1', 'PX', MARKER_TTL_MS, 'NX')) !== 'OK') return;
    try {
      await this.add(tenantId, DRAIN_DELAY_MS);
    } catch (err) {
      await this.redis.del(key).catch(() => undefined);
      throw err;
    }
  }

  /** Called by a drain before it reads: callbacks committed from now on ask for a drain of their own. */
  async starting(tenantId: string): Promise<void> {
    await this.redis.del(this.key(tenantId));
  }

  /** A drain `delayMs` from now, for callbacks held until then (their message was not stored yet). */
  async later(tenantId: string, delayMs: number): Promise<void> {
    await this.add(tenantId, delayMs);
  }

  private add(tenantId: string, delayMs: number): Promise<string> {
    return this.jobs.enqueue(
      'inbound.statuses',
      { tenant_id: tenantId },
      { delay: delayMs, removeOnComplete: true },
    );
  }

  private key(tenantId: string): string {
    return this.config.redisKey('status-drain', tenantId);
  }
}
