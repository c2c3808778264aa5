import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `messages.rate_limited`: how many of a message's sends the provider refused for its rate (HTTP 429, Twilio
 * 20429, Meta 130429). Such a refusal sent nothing, so it does not use up one of the message's tries for real
 * failures; it is counted apart and has its own, longer allowance.
 */
export class MessageRateLimited1766200000000 implements MigrationInterface {
  name = 'MessageRateLimited1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD "rate_limited" smallint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN "rate_limited"`);
  }
}
