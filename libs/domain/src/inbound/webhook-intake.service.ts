import { assertTenantId, fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventToRecord } from './inbound-event';
import { StatusDrainSignal } from './status-drain.signal';

/** An event to record: a messaging event, or any other provider event with a `kind` (a call's). */
export type RecordableEvent = EventToRecord | { event_key: string; event: { kind: string } };

interface PendingEvent {
  id: string;
  event_key: string;
  kind: string;
}

export interface IntakeResult {
  /** Events recorded by this delivery. */
  recorded: number;
  /** Events this delivery repeated (recorded before): answered all the same, never recorded twice. */
  duplicates: number;
}

/**
 * The API's half of a provider webhook, after its signature checked out: records each event once per
 * (tenant, provider, event key) in webhook_events, then asks for what applies it: a drain of the tenant's status
 * callbacks (batched, StatusDrainSignal), or one job per other event (`inbound.process`, `calls.event`). A
 * redelivery of an event that was recorded but not yet processed asks again (a job's id is its event's, so Bull
 * keeps one job): a crash between the insert and the enqueue loses nothing.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly jobs: JobProducer,
    private readonly drains: StatusDrainSignal,
  ) {
    this.sql = fastSql(db);
  }

  /** `job`: what applies the events — `inbound.process` (messaging) or `calls.event` (voice). */
  async record(
    tenantId: string,
    provider: string,
    events: readonly RecordableEvent[],
    job: 'inbound.process' | 'calls.event' = 'inbound.process',
  ): Promise<IntakeResult> {
    if (!events.length) return { recorded: 0, duplicates: 0 };
    // An insert has no tenant filter for tenantQuery to check: the tenant id is checked and bound as $1 here.
    assertTenantId(tenantId);
    const inserted = (await this.sql.query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       SELECT DISTINCT ON (event_key) $1::uuid, $2::varchar, kind, event_key, payload
         FROM unnest($3::text[], $4::text[], $5::jsonb[]) AS t(event_key, kind, payload)
       ON CONFLICT (tenant_id, provider, event_key) DO NOTHING
       RETURNING id, event_key, kind`,
      [
        tenantId,
        provider,
        events.map((e) => e.event_key),
        events.map((e) => e.event.kind),
        events.map((e) => JSON.stringify(e.event)),
      ],
    )) as PendingEvent[];
    // Repeats (rare): one probe each by the whole unique key, a plan no statistics can turn into a scan.
    const fresh = new Set(inserted.map((r) => r.event_key));
    const repeated = [...new Set(events.map((e) => e.event_key))].filter((key) => !fresh.has(key));
    const pending = (
      await Promise.all(
        repeated.map((key) =>
          tenantQuery<PendingEvent>(
            this.sql,
            tenantId,
            `SELECT id, event_key, kind FROM webhook_events
              WHERE tenant_id = $1 AND provider = $2 AND event_key = $3 AND processed_at IS NULL`,
            [provider, key],
          ),
        ),
      )
    ).flat();
    const toApply = [...inserted, ...pending];
    // Messaging status callbacks (three per send) are applied in batches; everything else one job per event.
    const drained = job === 'inbound.process' ? toApply.filter((row) => row.kind === 'status') : [];
    await Promise.all([
      ...(drained.length ? [this.drains.request(tenantId)] : []),
      ...toApply
        .filter((row) => !drained.includes(row))
        .map((row) =>
          this.jobs.enqueue(job, { tenant_id: tenantId, event_id: row.id }, { jobId: `inbound-${row.id}` }),
        ),
    ]);
    return { recorded: inserted.length, duplicates: events.length - inserted.length };
  }
}
