import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbound message or a call event is applied by a job of its own; one lost with Redis, or failed for good (five
 * tries within about 30 s: a longer database outage), would leave the event unapplied. The inbound sweep finds them
 * across tenants, oldest first, through `ix_webhook_events_pending_other` (partial: only events still to apply,
 * status callbacks aside, which their drain sweeps).
 */
export class PendingEventsSweep1766400000000 implements MigrationInterface {
  name = 'PendingEventsSweep1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_events_pending_other" ON "webhook_events" ("received_at")
        WHERE "processed_at" IS NULL AND "kind" <> 'status'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_events_pending_other"`);
  }
}
