import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lead's call rings one agent at a time: at most one agent's leg for it is open (not ended). A second bridge of the
 * same call (its connect deadline while the agent's phone still rang, or a retried job) finds the leg there and
 * calls no one again. Legs left open twice before this are ended first, all but the newest.
 */
export class OneOpenAgentLeg1766500000000 implements MigrationInterface {
  name = 'OneOpenAgentLeg1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "calls" c SET "end_time" = now(), "status" = 'canceled', "disposition" = 'failed', "updated_at" = now(),
              "metadata" = c."metadata" || '{"failure": "duplicate_leg"}'::jsonb
        WHERE c."kind" = 'agent_leg' AND c."parent_call_id" IS NOT NULL AND c."end_time" IS NULL
          AND EXISTS (SELECT 1 FROM "calls" n
                       WHERE n."tenant_id" = c."tenant_id" AND n."parent_call_id" = c."parent_call_id"
                         AND n."kind" = 'agent_leg' AND n."end_time" IS NULL
                         AND (n."created_at", n."id") > (c."created_at", c."id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_calls_open_agent_leg" ON "calls" ("tenant_id", "parent_call_id")
        WHERE "kind" = 'agent_leg' AND "parent_call_id" IS NOT NULL AND "end_time" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_calls_open_agent_leg"`);
  }
}
