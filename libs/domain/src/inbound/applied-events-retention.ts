import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { fastSql, SqlRunner } from '@app/db';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Events deleted per sweep: a few thousand rows a statement, the rest at the next sweep. */
const RETIRE_BATCH = 2000;

/**
 * Provider events applied more than WEBHOOK_EVENTS_RETENTION_DAYS ago are deleted (their raw payloads with them):
 * no provider retries a delivery that long after, so their dedupe keys are no longer needed. Platform-wide, by
 * the time each was applied; an event not yet applied is never deleted.
 */
@Injectable()
export class AppliedEventsRetention {
  private readonly logger = new Logger(AppliedEventsRetention.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.sql = fastSql(db);
  }

  async sweep(): Promise<number> {
    const before = new Date(this.clock.nowMs() - this.config.webhookEventsRetentionDays * 86_400_000);
    const [row] = (await this.sql.query(
      `WITH old AS (
         SELECT id FROM webhook_events WHERE processed_at < $1 ORDER BY processed_at LIMIT ${RETIRE_BATCH}),
       gone AS (DELETE FROM webhook_events e USING old WHERE e.id = old.id RETURNING e.id)
       SELECT count(*)::int AS n FROM gone`,
      [before],
    )) as { n: number }[];
    if (row.n)
      this.logger.log({ count: row.n, before: before.toISOString() }, 'Applied provider events deleted');
    return row.n;
  }
}
