import { fastTransaction, SqlRunner, tenantCheck, tenantQuery } from '@app/db';
import { JobPayloads, OnJob } from '@app/queues';
import type { Job } from 'bull';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { erasedEventPayload, RecordedEvent } from './inbound-event';
import { MessageStatusService, StatusBatchResult, StatusCallback } from './message-status.service';
import { StatusDrainSignal } from './status-drain.signal';

/** Callbacks claimed per transaction. */
const BATCH = 500;
/** Tries of a callback whose message is not found (its send's provider id not stored yet) before it is dropped. */
const MAX_ATTEMPTS = 5;
/** The first retry's delay; each next one doubles it (2, 4, 8, 16 s). */
const RETRY_BASE_MS = 2000;
/**
 * A tenant's drains start at least this far apart, in every worker process (StatusDrainSignal keeps the turn): at
 * rest a callback's drain starts at once, under load each drain takes what came in meanwhile, so its fixed cost
 * (its job's Redis scripts, its transaction's six statements) is shared by more callbacks; a callback waits at
 * most this much longer to be applied.
 */
const MIN_DRAIN_INTERVAL_MS = 100;
/**
 * After a drain that claimed at least BUSY_DRAIN_CLAIMED callbacks (a steady 200 a second at the pace above), the
 * tenant's next drain starts BUSY_DRAIN_INTERVAL_MS after it instead: the fixed cost of a drain (about 3 ms of the
 * worker's CPU and 2 of Postgres's, bench:status-drain-cpu) is then paid twice a second instead of ten times, which
 * leaves that CPU to the API taking the callbacks. A callback waits at most this long to be applied; the first drain
 * claiming fewer brings the pace back. The drain due at the end of a pace is a delayed job, added by the first
 * callback asking during the drain or the pace: no job waits for the pace in a queue slot, where it would keep
 * inbound messages waiting, and once the callbacks stop coming no drain runs to find none.
 */
const BUSY_DRAIN_CLAIMED = 20;
const BUSY_DRAIN_INTERVAL_MS = 500;

/** A claimed callback: its recorded event's fields the drain reads (not the raw form it came in, kept for audit). */
type EventRow = Pick<Extract<RecordedEvent, { kind: 'status' }>, 'message_id' | 'update'> & {
  id: string;
  provider: string;
  attempts: number;
};

interface BatchResult {
  claimed: number;
  moved: StatusBatchResult['moved'];
  /** When some callbacks wait for their message: the soonest next try, in ms from now. */
  retryInMs?: number;
}

/**
 * The `inbound-events` queue's status drain (`inbound.statuses`): applies a tenant's pending status callbacks
 * from webhook_events, oldest first, a batch per transaction until none is left. A batch claims its events with
 * SKIP LOCKED (drains running at once never share one), moves their messages and marks the events processed in
 * one commit, so a drain that dies leaves its batch pending for the next. A callback whose message is not found
 * is tried again with backoff, then dropped with a warning. One drain of a tenant runs at a time across the
 * worker processes, at least MIN_DRAIN_INTERVAL_MS after the previous one started (BUSY_DRAIN_INTERVAL_MS after a
 * busy one): a drain job that comes sooner returns at once and leaves the work to a successor due when the pace
 * runs out (StatusDrainSignal), so no drain waits in one of its queue's slots.
 */
@Injectable()
export class StatusDrainService {
  private readonly logger = new Logger(StatusDrainService.name);

  constructor(
    private readonly db: DataSource,
    private readonly statuses: MessageStatusService,
    private readonly signal: StatusDrainSignal,
  ) {}

  /** How many callbacks the drain claimed (0 for a job that left its tenant's drain to another job). */
  @OnJob('inbound.statuses')
  async drain(payload: JobPayloads['inbound.statuses'], job: Pick<Job, 'id'>): Promise<number> {
    const tenantId = payload.tenant_id;
    const token = String(job.id);
    const turn = await this.signal.begin(tenantId, token, payload.due);
    if (turn === 'busy') return 0;
    if (turn !== 'run') {
      await this.signal.successor(tenantId, turn);
      return 0;
    }
    let claimed = 0;
    try {
      claimed = await this.drainTenant(tenantId);
    } finally {
      const pace = claimed >= BUSY_DRAIN_CLAIMED ? BUSY_DRAIN_INTERVAL_MS : MIN_DRAIN_INTERVAL_MS;
      const next = await this.signal.end(tenantId, token, pace);
      if (next) await this.signal.successor(tenantId, next);
    }
    return claimed;
  }

  private async drainTenant(tenantId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await fastTransaction(this.db, (sql) => this.batch(sql, tenantId));
      await this.statuses.publish(tenantId, batch.moved);
      if (batch.retryInMs !== undefined) await this.signal.later(tenantId, batch.retryInMs);
      total += batch.claimed;
      if (batch.claimed < BATCH) return total;
      await this.signal.renew(tenantId);
    }
  }

  private async batch(sql: SqlRunner, tenantId: string): Promise<BatchResult> {
    const events = await tenantQuery<EventRow>(
      sql,
      tenantId,
      `SELECT id, provider, payload->>'message_id' AS message_id, payload->'update' AS update, attempts
         FROM webhook_events
        WHERE tenant_id = $1 AND kind = 'status' AND processed_at IS NULL
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        ORDER BY received_at
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`,
    );
    if (!events.length) return { claimed: 0, moved: [] };
    const callbacks: StatusCallback[] = events.map((e) => ({
      provider: e.provider,
      message_id: e.message_id,
      update: e.update,
    }));
    const { outcomes, leads, moved } = await this.statuses.applyBatch(sql, tenantId, callbacks);
    const done: string[] = [];
    const doneLeads: (string | null)[] = [];
    const doneErased: boolean[] = [];
    const held: EventRow[] = [];
    events.forEach((event, i) => {
      if (outcomes[i] !== 'not_found') {
        done.push(event.id);
        doneLeads.push(leads[i]);
        // A late callback for a message whose lead was erased keeps nothing of the person (the number it was to).
        doneErased.push(leads[i] === null);
      } else if (event.attempts + 1 < MAX_ATTEMPTS) held.push(event);
      else {
        done.push(event.id);
        doneLeads.push(null);
        doneErased.push(false);
        this.logger.warn(
          { event_id: event.id, provider_message_id: event.update.provider_message_id },
          'Status callback for an unknown message dropped',
        );
      }
    });
    if (done.length)
      await tenantQuery(
        sql,
        tenantId,
        `WITH done AS (
           UPDATE webhook_events e
              SET processed_at = now(), lead_id = d.lead_id,
                  payload = CASE WHEN d.erased THEN ${erasedEventPayload('e')} ELSE e.payload END
             FROM unnest($2::uuid[], $3::uuid[], $4::boolean[]) AS d(id, lead_id, erased)
            WHERE e.id = d.id AND ${tenantCheck('e')} RETURNING e.id)
         SELECT count(*) FROM done`,
        [done, doneLeads, doneErased],
      );
    if (!held.length) return { claimed: events.length, moved };
    await tenantQuery(
      sql,
      tenantId,
      `WITH held AS (
         UPDATE webhook_events e
            SET attempts = attempts + 1,
                next_attempt_at = now() + make_interval(secs => $3::int * power(2, attempts) / 1000.0)
          WHERE e.id = ANY($2::uuid[]) AND ${tenantCheck('e')} RETURNING e.id)
       SELECT count(*) FROM held`,
      [held.map((e) => e.id), RETRY_BASE_MS],
    );
    const retryInMs = Math.min(...held.map((e) => RETRY_BASE_MS * 2 ** e.attempts));
    return { claimed: events.length, moved, retryInMs };
  }
}
