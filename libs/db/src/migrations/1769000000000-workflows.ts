import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflows (seed 000, DESIGN §4): a tenant's React Flow definitions (`workflows`, the active ones of a trigger
 * found by a partial index), their runs (`workflow_runs`, one per workflow and event id) and each run's path
 * (`workflow_run_steps`, one row per run and node: the key that keeps a retried job from acting twice).
 */
export class Workflows1769000000000 implements MigrationInterface {
  name = 'Workflows1769000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "workflows" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "description" varchar(1000),
        "trigger_event" varchar(32),
        "nodes" jsonb NOT NULL DEFAULT '[]',
        "edges" jsonb NOT NULL DEFAULT '[]',
        "active" boolean NOT NULL DEFAULT false,
        "activated_at" timestamptz,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_workflows" PRIMARY KEY ("id"),
        CONSTRAINT "fk_workflows_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_workflows_tenant_created" ON "workflows" ("tenant_id", "created_at")`);
    await q.query(
      `CREATE INDEX "ix_workflows_tenant_trigger_active" ON "workflows" ("tenant_id", "trigger_event") WHERE "active"`,
    );
    await q.query(`
      CREATE TABLE "workflow_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "workflow_id" uuid NOT NULL,
        "lead_id" uuid,
        "trigger_event" varchar(32) NOT NULL,
        "event_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'running',
        "current_node_id" varchar(100),
        "error" varchar(300),
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_workflow_runs" PRIMARY KEY ("id"),
        CONSTRAINT "fk_workflow_runs_workflow" FOREIGN KEY ("workflow_id") REFERENCES "workflows" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_workflow_runs_status" CHECK ("status" IN ('running', 'waiting', 'completed', 'failed', 'stopped'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_workflow_runs_tenant_event_workflow" ON "workflow_runs" ("tenant_id", "event_id", "workflow_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_workflow_runs_tenant_workflow_created" ON "workflow_runs" ("tenant_id", "workflow_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_workflow_runs_tenant_lead" ON "workflow_runs" ("tenant_id", "lead_id") WHERE "lead_id" IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "workflow_run_steps" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "run_id" uuid NOT NULL,
        "node_id" varchar(100) NOT NULL,
        "node_type" varchar(32) NOT NULL,
        "seq" integer NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'running',
        "outcome" varchar(64),
        "detail" jsonb NOT NULL DEFAULT '{}',
        "resume_at" timestamptz,
        "started_at" timestamptz NOT NULL,
        "finished_at" timestamptz,
        CONSTRAINT "pk_workflow_run_steps" PRIMARY KEY ("id"),
        CONSTRAINT "fk_workflow_run_steps_run" FOREIGN KEY ("run_id") REFERENCES "workflow_runs" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_workflow_run_steps_status" CHECK ("status" IN ('running', 'waiting', 'done', 'failed'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_workflow_run_steps_tenant_run_node" ON "workflow_run_steps" ("tenant_id", "run_id", "node_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "workflow_run_steps"`);
    await q.query(`DROP TABLE "workflow_runs"`);
    await q.query(`DROP TABLE "workflows"`);
  }
}
