import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobPayloads, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import type { RecordedEvent } from './inbound-event';
import { InboundMessagesService } from './inbound-messages.service';
import { MessageStatusService } from './message-status.service';

interface EventRow {
  id: string;
  provider: string;
  payload: RecordedEvent;
  processed_at: Date | null;
}

/** A status callback for a message we cannot find yet (the send's provider id is not stored yet): retried. */
export class StatusTargetNotFoundError extends Error {
  override name = 'StatusTargetNotFoundError';
}

/**
 * The `inbound-events` queue: applies one recorded webhook event, then marks it processed. The event is re-read
 * when the job runs, and a processed one is skipped, so a duplicate job does nothing.
 */
@Injectable()
export class InboundJobsService {
  private readonly logger = new Logger(InboundJobsService.name);

  /** Prepared statements: every event runs the same two. */
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly statuses: MessageStatusService,
    private readonly inbound: InboundMessagesService,
  ) {
    this.sql = fastSql(db);
  }

  @OnJob('inbound.process')
  async process(payload: JobPayloads['inbound.process'], job: Job): Promise<void> {
    const tenantId = payload.tenant_id;
    const [event] = await tenantQuery<EventRow>(
      this.sql,
      tenantId,
      `SELECT id, provider, payload, processed_at FROM webhook_events WHERE tenant_id = $1 AND id = $2`,
      [payload.event_id],
    );
    if (!event || event.processed_at) return;
    const recorded = event.payload;
    if (recorded.kind === 'status') {
      const outcome = await this.statuses.apply(
        tenantId,
        event.provider,
        recorded.message_id,
        recorded.update,
      );
      if (outcome === 'not_found') {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (!last)
          throw new StatusTargetNotFoundError(
            `No message ${recorded.message_id ?? recorded.update.provider_message_id} yet`,
          );
        this.logger.warn(
          { event_id: event.id, provider_message_id: recorded.update.provider_message_id },
          'Status callback for an unknown message dropped',
        );
      }
    } else {
      await this.inbound.apply(tenantId, { id: event.id, provider: event.provider }, recorded.message);
    }
    await tenantQuery(
      this.sql,
      tenantId,
      `WITH done AS (
         UPDATE webhook_events SET processed_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id)
       SELECT id FROM done`,
      [event.id],
    );
  }
}
