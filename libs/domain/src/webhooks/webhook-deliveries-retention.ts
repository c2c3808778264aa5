import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { fastSql, SqlRunner } from '@app/db';
import { OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Deliveries deleted per statement, and statements per sweep: the rest goes at the next sweep. */
const PRUNE_BATCH = 2000;
const PRUNE_ROUNDS = 25;
/** The delivery logs the sweep keeps bounded: outbound webhooks' and integrations'. */
const PRUNED_TABLES = ['webhook_deliveries', 'integration_deliveries'] as const;

/**
 * The `webhooks.prune` job (repeating, added by the worker every WEBHOOK_PRUNE_EVERY_MS): outbound webhook and
 * integration deliveries delivered or failed more than WEBHOOK_DELIVERIES_RETENTION_DAYS ago are deleted, their
 * bodies and attempts with them, so the delivery logs stay bounded. Platform-wide, by when each was made; a
 * pending one (its job still to run) is never deleted.
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
    for (const table of PRUNED_TABLES) {
      const count = await this.pruneTable(table, before);
      if (count) this.logger.log({ table, count, before: before.toISOString() }, 'Old deliveries deleted');
      total += count;
    }
    return total;
  }

  private async pruneTable(table: (typeof PRUNED_TABLES)[number], before: Date): Promise<number> {
    let total = 0;
    for (let round = 0; round < PRUNE_ROUNDS; round++) {
      const [row] = (await this.sql.query(
        `WITH old AS (
           SELECT id FROM ${table} WHERE status <> 'pending' AND created_at < $1
            ORDER BY created_at LIMIT ${PRUNE_BATCH}),
         gone AS (DELETE FROM ${table} d USING old WHERE d.id = old.id RETURNING d.id)
         SELECT count(*)::int AS n FROM gone`,
        [before],
      )) as { n: number }[];
      total += row.n;
      if (row.n < PRUNE_BATCH) break;
    }
    return total;
  }
}
