import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { fastSql, SqlRunner } from '@app/db';
import { OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Deliveries deleted per statement, and statements per sweep: the rest goes at the next sweep. */
const PRUNE_BATCH = 2000;
const PRUNE_ROUNDS = 25;

/**
 * The `webhooks.prune` job (repeating, added by the worker every WEBHOOK_PRUNE_EVERY_MS): outbound webhook
 * deliveries delivered or failed more than WEBHOOK_DELIVERIES_RETENTION_DAYS ago are deleted, their bodies and
 * attempts with them, so the delivery log stays bounded. Platform-wide, by when each was made; a pending one (its
 * job still to run) is never deleted.
 */
@Injectable()
export class WebhookDeliveriesRetention {
  private readonly logger = new Logger(WebhookDeliveriesRetention.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.sql = fastSql(db);
  }

  @OnJob('webhooks.prune')
  async prune(): Promise<number> {
    const before = new Date(this.clock.nowMs() - this.config.webhooks.retentionDays * 86_400_000);
    let total = 0;
    for (let round = 0; round < PRUNE_ROUNDS; round++) {
      const [row] = (await this.sql.query(
        `WITH old AS (
           SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1
            ORDER BY created_at LIMIT ${PRUNE_BATCH}),
         gone AS (DELETE FROM webhook_deliveries d USING old WHERE d.id = old.id RETURNING d.id)
         SELECT count(*)::int AS n FROM gone`,
        [before],
      )) as { n: number }[];
      total += row.n;
      if (row.n < PRUNE_BATCH) break;
    }
    if (total)
      this.logger.log({ count: total, before: before.toISOString() }, 'Old webhook deliveries deleted');
    return total;
  }
}
