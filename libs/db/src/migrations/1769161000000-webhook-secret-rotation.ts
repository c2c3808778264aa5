import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's signing secret rotated with a grace period (`POST /api/webhooks/:id/rotate-secret`): the secret it
 * replaced, sealed, with its hint and until when deliveries also carry a signature made with it.
 */
export class WebhookSecretRotation1769161000000 implements MigrationInterface {
  name = 'WebhookSecretRotation1769161000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "webhook_endpoints"
        ADD "previous_secret_sealed" text,
        ADD "previous_secret_hint" varchar(8),
        ADD "previous_secret_expires_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "webhook_endpoints"
        DROP COLUMN "previous_secret_sealed",
        DROP COLUMN "previous_secret_hint",
        DROP COLUMN "previous_secret_expires_at"`);
  }
}
