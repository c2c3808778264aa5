import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the lead sent the STOP or START last applied on each channel (`{ "sms": "<timestamptz>" }`): a keyword the
 * lead sent before it, applied later (a webhook the provider retried, a job run late), changes nothing. Null until
 * a keyword is applied.
 */
export class LeadOptKeywordAt1768300000000 implements MigrationInterface {
  name = 'LeadOptKeywordAt1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD COLUMN "opt_keyword_at" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" DROP COLUMN "opt_keyword_at"`);
  }
}
