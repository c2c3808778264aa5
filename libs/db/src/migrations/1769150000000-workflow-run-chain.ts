import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workflow run remembers the workflows whose runs' changes led to it (`trigger_chain`: a run's update_lead raises
 * `lead.updated` carrying its own chain and workflow), so that such an event never starts a run of a workflow
 * already in its chain: a workflow that updates the lead it was started for by `lead.updated` does not start itself
 * again, nor do two workflows start each other in turn.
 */
export class WorkflowRunChain1769150000000 implements MigrationInterface {
  name = 'WorkflowRunChain1769150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "workflow_runs" ADD "trigger_chain" uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "workflow_runs" DROP COLUMN "trigger_chain"`);
  }
}
