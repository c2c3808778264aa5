import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The person's handle on a conversation's channel (Telegram's @username, seed 003's `username`). */
export class ConversationHandle1768700000000 implements MigrationInterface {
  name = 'ConversationHandle1768700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" ADD COLUMN "handle" varchar(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "handle"`);
  }
}
