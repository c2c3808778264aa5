import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep of stranded workflow runs reads every tenant's runs still `running`, oldest first: a partial index of
 * those alone (a handful at any time, however many runs have finished) serves it.
 */
export class WorkflowRunsRunningIndex1769240000000 implements MigrationInterface {
  name = 'WorkflowRunsRunningIndex1769240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_workflow_runs_running_updated" ON "workflow_runs" ("updated_at") WHERE "status" = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_workflow_runs_running_updated"`);
  }
}
