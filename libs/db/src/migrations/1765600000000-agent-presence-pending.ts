import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agent who has just become available is `presence_pending_at` until the dialer's `agents.status-changed` job
 * has placed their live leg (or found they need none): the dialer does not hand them a lead meanwhile, so a lead
 * is never bridged by calling a phone that is about to get a live leg.
 */
export class AgentPresencePending1765600000000 implements MigrationInterface {
  name = 'AgentPresencePending1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agents" ADD "presence_pending_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agents" DROP COLUMN "presence_pending_at"`);
  }
}
