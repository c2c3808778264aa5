import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message may wait in `queued` until a time (`send_after`): the retry of a failed campaign send whose enrollment
 * has moved on is written at once, as a new attempt, and goes after its retry policy's backoff. Nullable, no
 * default: adding it rewrites nothing.
 */
export class MessageSendAfter1768770000000 implements MigrationInterface {
  name = 'MessageSendAfter1768770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD COLUMN IF NOT EXISTS "send_after" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN IF EXISTS "send_after"`);
  }
}
