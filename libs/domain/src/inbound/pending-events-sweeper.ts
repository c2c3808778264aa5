import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { eventJobId } from './webhook-intake.service';

/** An event is looked at once it has waited this long: its job's five tries take about 30 s. */
export const PENDING_EVENT_AGE_MS = 5 * 60_000;
/** Times an event's job is started again; then it is left to admins (its failed job stays visible). */
export const PENDING_EVENT_REDRIVES = 5;
/** Events looked at per sweep; the rest wait for the next. */
const SWEEP_EVENTS = 100;

/** The job that applies each kind of event (status callbacks have their drain and its own sweep). */
const JOB_OF = { inbound: 'inbound.process', opt_out: 'inbound.process', call: 'calls.event' } as const;

interface PendingEvent {
  id: string;
  tenant_id: string;
  kind: string;
}

/**
 * Inbound messages, opt-outs told with no message (a Telegram block) and call events left unapplied: their job was lost with Redis, or failed its last try (a
 * database outage longer than the backoff). Each gets its job again: added when it is gone, run again when it
 * finished; one waiting, delayed or running is left alone. An event's job is started again at most
 * PENDING_EVENT_REDRIVES times.
 */
@Injectable()
export class PendingEventsSweeper {
  private readonly logger = new Logger(PendingEventsSweeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async sweep(): Promise<number> {
    // A platform-wide read from the partial index of events still to apply.
    const rows = (await this.db.query(
      `SELECT id, tenant_id, kind FROM webhook_events
        WHERE processed_at IS NULL AND kind <> 'status' AND kind = ANY($3) AND attempts < $2
          AND received_at < now() - make_interval(secs => $1::int / 1000.0)
        ORDER BY received_at
        LIMIT ${SWEEP_EVENTS}`,
      [PENDING_EVENT_AGE_MS, PENDING_EVENT_REDRIVES, Object.keys(JOB_OF)],
    )) as PendingEvent[];
    let started = 0;
    for (const event of rows) {
      const name = JOB_OF[event.kind as keyof typeof JOB_OF];
      // Its job still waiting, delayed or running is left alone; one lost is added, one finished runs again.
      const payload = { tenant_id: event.tenant_id, event_id: event.id };
      if (!(await this.jobs.ensureMany(name, [{ payload, jobId: eventJobId(event.id) }]))) continue;
      // Counted, so that an event whose job keeps failing (or keeps finishing without applying it) stops.
      await this.db.query(
        `UPDATE webhook_events SET attempts = attempts + 1 WHERE tenant_id = $1 AND id = $2`,
        [event.tenant_id, event.id],
      );
      started++;
    }
    if (started) this.logger.warn({ events: started }, 'Jobs started again for events left unapplied');
    return started;
  }
}
