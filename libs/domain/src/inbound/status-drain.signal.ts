import { BoundedMap, Coalescer, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/** How long a drain's marker lasts when its job never starts (lost, or stuck behind a backlog): then another is added. */
const MARKER_TTL_MS = 5000;
/** A drain starts this long after the callback that asked for it, so the callbacks right behind go in its batch. */
const DRAIN_DELAY_MS = 20;

/** Tenants whose requests this process coalesces at once. */
const TENANTS_KEPT = 10_000;

/**
 * Asks for a drain of a tenant's status callbacks (`inbound.statuses`), at most one waiting to start per tenant:
 * a Redis marker says one is waiting; the drain clears it before it reads, so a callback committed before the clear
 * is in its reads, and one committed after finds no marker and adds the next drain. Thousands of callbacks a second
 * cost a handful of jobs, not one each. Within a process, callers asking while the tenant's previous ask is in
 * flight share the next one (which starts after all of them committed), so a burst costs a few Redis calls too.
 */
@Injectable()
export class StatusDrainSignal {
  private readonly asks = new BoundedMap<string, Coalescer<string, void>>(TENANTS_KEPT);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly jobs: JobProducer,
  ) {}

  /** Called after the tenant's status callbacks committed: a drain that has not started yet will apply them. */
  async request(tenantId: string): Promise<void> {
    let asks = this.asks.get(tenantId);
    if (!asks) {
      asks = new Coalescer<string, void>(async (ids) => {
        await this.ask(tenantId);
        return ids.map(() => undefined);
      });
      this.asks.set(tenantId, asks);
    }
    await asks.submit([tenantId]);
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
