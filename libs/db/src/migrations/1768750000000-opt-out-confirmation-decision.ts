import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the first application of an inbound STOP decided to confirm it (it opted the lead out), kept on its
 * event in that application's transaction, so that a run of its job again confirms only what that one decided.
 * Null: no STOP, or applied before this column.
 */
export class OptOutConfirmationDecision1768750000000 implements MigrationInterface {
  name = 'OptOutConfirmationDecision1768750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_events" ADD COLUMN "confirm_opt_out" boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_events" DROP COLUMN "confirm_opt_out"`);
  }
}
