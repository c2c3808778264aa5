import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version on each channel config, raised by every change under the row's lock: what the adapters built from a
 * config are cached by. The timestamp it replaces can be the same for two changes (it is the transaction's start,
 * read to the millisecond), which left a process on the older credentials.
 */
export class ChannelConfigVersion1767900000000 implements MigrationInterface {
  name = 'ChannelConfigVersion1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "channel_configs" ADD COLUMN "version" integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "channel_configs" DROP COLUMN "version"`);
  }
}
