import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StatusDrainSignal } from './status-drain.signal';

/** Tenants looked at per sweep; the rest wait for the next one. */
const SWEEP_TENANTS = 1000;

/**
 * Part of the `inbound.sweep` job (InboundSweepService): a drain job lost with Redis would leave a tenant's status
 * callbacks pending until its next callback. Tenants with callbacks due and older than
 * STATUS_SWEEP_AGE_MS get a drain.
 */
@Injectable()
export class StatusSweeper {
  private readonly logger = new Logger(StatusSweeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly signal: StatusDrainSignal,
  ) {}

  async sweep(): Promise<number> {
    // A platform-wide read of tenant ids only, from the partial index of pending status events.
    const rows = (await this.db.query(
      `SELECT DISTINCT tenant_id FROM webhook_events
        WHERE processed_at IS NULL AND kind = 'status'
          AND received_at < now() - make_interval(secs => $1::int / 1000.0)
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        LIMIT ${SWEEP_TENANTS}`,
      [this.config.statusSweep.ageMs],
    )) as { tenant_id: string }[];
    for (const { tenant_id } of rows) await this.signal.request(tenant_id);
    if (rows.length)
      this.logger.warn({ tenants: rows.length }, 'Drains started for status callbacks left pending');
    return rows.length;
  }
}
