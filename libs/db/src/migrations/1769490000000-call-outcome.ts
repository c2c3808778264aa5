import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A call's `outcome`: the agent's wrap-up code (how the conversation went), beside the line's disposition. */
export class CallOutcome1769490000000 implements MigrationInterface {
  name = 'CallOutcome1769490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "calls" ADD "outcome" character varying(16)`);
    await q.query(
      `ALTER TABLE "calls" ADD CONSTRAINT "ck_calls_outcome" CHECK ("outcome" IN ('interested', 'not_interested', 'callback', 'meeting_booked', 'converted', 'wrong_number', 'do_not_call'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "calls" DROP CONSTRAINT "ck_calls_outcome"`);
    await q.query(`ALTER TABLE "calls" DROP COLUMN "outcome"`);
  }
}
