import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agent's after-call work ends with a delayed job; one lost (a worker that died between a call's end and the
 * job's enqueue, or Redis) would keep the agent busy for good. The dialer's tick finds the wrap-ups overdue across
 * tenants through `ix_agents_wrap_up` (partial: only agents in after-call work).
 */
export class AgentWrapUpSweep1766300000000 implements MigrationInterface {
  name = 'AgentWrapUpSweep1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_agents_wrap_up" ON "agents" ("wrap_up_until") WHERE "wrap_up_until" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_agents_wrap_up"`);
  }
}
