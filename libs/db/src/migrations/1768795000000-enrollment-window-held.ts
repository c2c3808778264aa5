import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A turn held outside its campaign's window waits for the window's next opening; `window_held_until` records that
 * wait (the `next_action_at` the hold set), so a change of the window (time zone, calling hours, days) takes back
 * exactly those waits and no wait of the plan (a DELAY, a follow-up interval, a retry). Nullable, no default: adding
 * it rewrites nothing.
 */
export class EnrollmentWindowHeld1768795000000 implements MigrationInterface {
  name = 'EnrollmentWindowHeld1768795000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "campaign_enrollments" ADD COLUMN IF NOT EXISTS "window_held_until" timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaign_enrollments" DROP COLUMN IF EXISTS "window_held_until"`);
  }
}
