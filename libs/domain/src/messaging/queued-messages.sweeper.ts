import { Clock, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer, OnJob } from '@app/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { sendJobId, sendRetryKey } from './send-jobs';

/** Messages read per page, and pages per sweep; the rest wait for the next sweep. */
const SWEEP_BATCH = 500;
const SWEEP_PAGES = 10;

/**
 * The `messages.sweep` job (repeating, added once by the worker): a message whose row committed but whose
 * `messages.send` enqueue failed would stay `queued` for ever. Messages queued longer than MESSAGES_SWEEP_AGE_MS
 * with no retry due get their send job again under its fixed id, so a job still pending is never doubled; the
 * handler's claim keeps the send at most once whatever happens. Messages a paused campaign holds are left to its
 * resume, and those a human override holds to its cede (else, once there are more of them than a sweep reads, the
 * same held rows would fill every sweep). A message left `sending` with no provider id longer than that and than
 * a send's lease, with no retry due, is a send whose job gave up (Bull's tries spent, a job stalled twice): it gets
 * its job again too, which reconciles it through the provider's look-up or marks it `unknown`, never resends it.
 */
@Injectable()
export class QueuedMessagesSweeper {
  private readonly logger = new Logger(QueuedMessagesSweeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @OnJob('messages.sweep')
  async sweep(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.messageSweep.ageMs);
    let requeued = 0;
    // Page on: rows waiting for a retry (a throttled backlog, a campaign's window at night) can be thousands, and
    // would hide a lost message behind them if only the oldest page were read.
    let after: { updated_at: Date; id: string } | null = null;
    for (let page = 0; page < SWEEP_PAGES; page++) {
      const rows = await this.page(before, after);
      if (!rows.length) break;
      requeued += await this.requeue(rows);
      if (rows.length < SWEEP_BATCH) break;
      after = rows[rows.length - 1];
    }
    const orphans = await this.orphans();
    if (requeued) this.logger.warn({ count: requeued }, 'Re-enqueued messages left queued without a job');
    if (orphans) this.logger.warn({ count: orphans }, 'Re-enqueued sends left sending without a job');
    return requeued + orphans;
  }

  /** Sends claimed long ago whose outcome nobody is looking for: their job again, to reconcile them. */
  private async orphans(): Promise<number> {
    const age = Math.max(this.config.messageSweep.ageMs, this.config.messageSweep.leaseMs);
    const rows = (await this.db.query(
      `SELECT tenant_id, id FROM messages
        WHERE status = 'sending' AND provider_message_id IS NULL AND updated_at < $1
        ORDER BY updated_at, id LIMIT ${SWEEP_BATCH}`,
      [new Date(this.clock.nowMs() - age)],
    )) as { tenant_id: string; id: string }[];
    return this.requeue(rows);
  }

  /** Enqueues the send job of each row with no retry due (its marker is set while one waits). */
  private async requeue(rows: { tenant_id: string; id: string }[]): Promise<number> {
    if (!rows.length) return 0;
    const retrying = await this.redis.mget(...rows.map(({ id }) => sendRetryKey(this.config, id)));
    return this.producer.ensureMany(
      'messages.send',
      rows
        .filter((_, k) => retrying[k] === null)
        .map(({ tenant_id, id }) => ({ payload: { tenant_id, message_id: id }, jobId: sendJobId(id) })),
    );
  }

  /** A platform-wide read of routing fields only (tenant and id); each send then runs inside its tenant. */
  private page(
    before: Date,
    after: { updated_at: Date; id: string } | null,
  ): Promise<{ tenant_id: string; id: string; updated_at: Date }[]> {
    return this.db.query(
      `SELECT m.tenant_id, m.id, m.updated_at FROM messages m
        WHERE m.status = 'queued' AND m.updated_at < $1
          AND ($2::timestamptz IS NULL OR (m.updated_at, m.id) > ($2::timestamptz, $3::uuid))
          AND NOT EXISTS (SELECT 1 FROM campaigns c
                           WHERE c.tenant_id = m.tenant_id AND c.id = m.campaign_id
                             AND c.status IN ('paused', 'scheduled', 'draft'))
          AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e
                           WHERE e.tenant_id = m.tenant_id AND e.campaign_id = m.campaign_id
                             AND e.lead_id = m.lead_id AND e.ai_paused)
        ORDER BY m.updated_at, m.id LIMIT ${SWEEP_BATCH}`,
      [before, after?.updated_at ?? null, after?.id ?? null],
    ) as Promise<{ tenant_id: string; id: string; updated_at: Date }[]>;
  }
}
