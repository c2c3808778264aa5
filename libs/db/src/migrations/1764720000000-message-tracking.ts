import { MigrationInterface, QueryRunner } from 'typeorm';

/** Email open and click tracking on messages (the open rate of email campaigns). */
export class MessageTracking1764720000000 implements MigrationInterface {
  name = 'MessageTracking1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD "opened_at" timestamptz`);
    await q.query(`ALTER TABLE "messages" ADD "open_count" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "messages" ADD "clicked_at" timestamptz`);
    await q.query(`ALTER TABLE "messages" ADD "click_count" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN "click_count"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "clicked_at"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "open_count"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "opened_at"`);
  }
}
