import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A waiting run's wake-up time (its waiting step's `resume_at`, kept on the run), with a partial index of the
 * waiting runs by it: the sweep of stranded runs finds those whose wake-up job never came (lost from Redis) without
 * reading the many runs still waiting on purpose. Runs waiting now take their step's time.
 */
export class WorkflowRunsWakeAt1769360000000 implements MigrationInterface {
  name = 'WorkflowRunsWakeAt1769360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "workflow_runs" ADD COLUMN "wake_at" timestamptz`);
    await q.query(
      `UPDATE "workflow_runs" r SET "wake_at" = s."resume_at"
         FROM "workflow_run_steps" s
        WHERE r."status" = 'waiting' AND s."tenant_id" = r."tenant_id" AND s."run_id" = r."id"
          AND s."node_id" = r."current_node_id" AND s."status" = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX "ix_workflow_runs_waiting_wake" ON "workflow_runs" ("wake_at") WHERE "status" = 'waiting'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_workflow_runs_waiting_wake"`);
    await q.query(`ALTER TABLE "workflow_runs" DROP COLUMN "wake_at"`);
  }
}
