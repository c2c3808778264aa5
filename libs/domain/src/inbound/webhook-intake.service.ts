import { tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventToRecord } from './inbound-event';

export interface IntakeResult {
  /** Events recorded by this delivery. */
  recorded: number;
  /** Events this delivery repeated (recorded before): answered all the same, never recorded twice. */
  duplicates: number;
}

/**
 * The API's half of a provider webhook, after its signature checked out: records each event once per
 * (tenant, provider, event key) in webhook_events and queues `inbound.process` for it. A redelivery of an event
 * that was recorded but not yet processed is queued again (the job id is the event's, so Bull keeps one job):
 * a crash between the insert and the enqueue loses nothing.
 */
@Injectable()
export class WebhookIntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async record(tenantId: string, provider: string, events: EventToRecord[]): Promise<IntakeResult> {
    if (!events.length) return { recorded: 0, duplicates: 0 };
    const rows = await tenantQuery<{ id: string; created: boolean }>(
      this.db,
      tenantId,
      `WITH input AS (
         SELECT DISTINCT ON (event_key) event_key, kind, payload
           FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS t(event_key, kind, payload)
       ), inserted AS (
         INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
         SELECT $1, $2, kind, event_key, payload FROM input
         ON CONFLICT (tenant_id, provider, event_key) DO NOTHING
         RETURNING id, event_key
       )
       SELECT id, true AS created FROM inserted
       UNION ALL
       SELECT w.id, false AS created
         FROM webhook_events w JOIN input i ON i.event_key = w.event_key
        WHERE w.tenant_id = $1 AND w.provider = $2 AND w.processed_at IS NULL`,
      [
        provider,
        events.map((e) => e.event_key),
        events.map((e) => e.event.kind),
        events.map((e) => JSON.stringify(e.event)),
      ],
    );
    await Promise.all(
      rows.map((row) =>
        this.jobs.enqueue(
          'inbound.process',
          { tenant_id: tenantId, event_id: row.id },
          { jobId: `inbound-${row.id}` },
        ),
      ),
    );
    const recorded = rows.filter((r) => r.created).length;
    return { recorded, duplicates: events.length - recorded };
  }
}
