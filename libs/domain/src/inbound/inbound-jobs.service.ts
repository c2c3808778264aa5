import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobPayloads, OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { markEventApplied, RecordedEvent } from './inbound-event';
import { InboundMedia } from './inbound-media';
import { InboundMessagesService } from './inbound-messages.service';
import { ProviderOptOutsService } from './provider-opt-outs.service';
import { StatusDrainSignal } from './status-drain.signal';

interface EventRow {
  id: string;
  provider: string;
  payload: RecordedEvent;
  received_at: Date;
  processed_at: Date | null;
}

/**
 * The `inbound-events` queue: applies one recorded inbound message (or an opt-out the provider told of with no
 * message: a Telegram bot blocked), then marks it processed. The event is re-read
 * when the job runs, and a processed one is skipped, so a duplicate job does nothing. Status callbacks are applied
 * in batches by the status drain; a job for one (queued before the drain existed) asks for a drain.
 */
@Injectable()
export class InboundJobsService {
  /** Prepared statements: every event runs the same two. */
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly drains: StatusDrainSignal,
    private readonly inbound: InboundMessagesService,
    private readonly media: InboundMedia,
    private readonly optOuts: ProviderOptOutsService,
  ) {
    this.sql = fastSql(db);
  }

  @OnJob('inbound.process')
  async process(payload: JobPayloads['inbound.process']): Promise<void> {
    const tenantId = payload.tenant_id;
    const [event] = await tenantQuery<EventRow>(
      this.sql,
      tenantId,
      `SELECT id, provider, payload, received_at, processed_at FROM webhook_events WHERE tenant_id = $1 AND id = $2`,
      [payload.event_id],
    );
    if (!event || event.processed_at) return;
    const recorded = event.payload;
    if (recorded.kind === 'status') {
      await this.drains.request(tenantId);
      return;
    }
    const leadId = await this.applyEvent(tenantId, event, recorded);
    await markEventApplied(this.sql, tenantId, event.id, leadId);
  }

  /** The lead the event was applied to, if any. */
  private async applyEvent(
    tenantId: string,
    event: EventRow,
    recorded: Exclude<RecordedEvent, { kind: 'status' }>,
  ): Promise<string | null> {
    if (recorded.kind === 'opt_out') return this.optOuts.onTold(tenantId, event.id, recorded.opt_out);
    // The files it names by reference (Twilio, WhatsApp Cloud, Telegram) are fetched and stored before it is recorded.
    const message = await this.media.fetch(tenantId, event, recorded.message);
    return this.inbound.apply(tenantId, { id: event.id, provider: event.provider }, message, recorded.logged);
  }
}
