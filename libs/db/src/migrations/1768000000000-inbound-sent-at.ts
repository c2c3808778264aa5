import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the lead's latest message was sent, as its provider dates it (Meta's `timestamp`): WhatsApp's 24-hour window
 * counts from there, not from when we processed the message, which a queue backlog can delay. Null on conversations
 * from before, which keep counting from `last_inbound_at`.
 */
export class InboundSentAt1768000000000 implements MigrationInterface {
  name = 'InboundSentAt1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" ADD COLUMN "last_inbound_sent_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "last_inbound_sent_at"`);
  }
}
