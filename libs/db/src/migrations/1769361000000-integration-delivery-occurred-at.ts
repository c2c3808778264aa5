import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an integration delivery's event happened (its job's `occurred_at`, the `timestamp` a Zapier hook is sent):
 * kept so that a retry sends the time the first attempts sent, as a webhook retry sends its stored body, and so the
 * delivery log shows it. Deliveries made before it take their first attempt's time, the nearest one known.
 */
export class IntegrationDeliveryOccurredAt1769361000000 implements MigrationInterface {
  name = 'IntegrationDeliveryOccurredAt1769361000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "integration_deliveries" ADD COLUMN "occurred_at" timestamptz`);
    await q.query(`UPDATE "integration_deliveries" SET "occurred_at" = "created_at"`);
    await q.query(
      `ALTER TABLE "integration_deliveries" ALTER COLUMN "occurred_at" SET DEFAULT now(),
                                            ALTER COLUMN "occurred_at" SET NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "integration_deliveries" DROP COLUMN "occurred_at"`);
  }
}
