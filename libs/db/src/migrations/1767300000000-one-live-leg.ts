import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agent has at most one live leg open (their phone called once when they went available, in power and predictive
 * modes): a second "available" while the first leg still rings finds it there and calls their phone no second time.
 * Live legs left open twice before this are ended first, all but the newest.
 */
export class OneLiveLeg1767300000000 implements MigrationInterface {
  name = 'OneLiveLeg1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "calls" c SET "end_time" = now(), "status" = 'canceled', "disposition" = 'failed', "updated_at" = now(),
              "metadata" = c."metadata" || '{"failure": "duplicate_leg"}'::jsonb
        WHERE c."kind" = 'agent_leg' AND c."parent_call_id" IS NULL AND c."end_time" IS NULL
          AND EXISTS (SELECT 1 FROM "calls" n
                       WHERE n."tenant_id" = c."tenant_id" AND n."agent_id" = c."agent_id"
                         AND n."kind" = 'agent_leg' AND n."parent_call_id" IS NULL AND n."end_time" IS NULL
                         AND (n."created_at", n."id") > (c."created_at", c."id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_calls_live_leg" ON "calls" ("tenant_id", "agent_id")
        WHERE "kind" = 'agent_leg' AND "parent_call_id" IS NULL AND "end_time" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_calls_live_leg"`);
  }
}
