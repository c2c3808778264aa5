import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An AI call's cost is kept as it was computed (to 1e-10 dollars, as the API answers it): numeric(12,6) rounded a
 * gpt-4o-mini call of $0.0000108 to $0.000011 and a nano model's to 0, so the ledger's sums (analytics) did not
 * add up to the costs answered call by call. Dropping the typmod is binary-compatible: the table is not rewritten.
 */
export class AiCostPrecision1768600000000 implements MigrationInterface {
  name = 'AiCostPrecision1768600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ai_interactions" ALTER COLUMN "cost_usd" TYPE numeric`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ai_interactions" ALTER COLUMN "cost_usd" TYPE numeric(12,6)`);
  }
}
