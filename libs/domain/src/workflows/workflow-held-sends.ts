import { Clock } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUMAN_HOLDS_LEAD } from '../messaging/human-hold';

/**
 * Workflow sends waiting while a human held a lead (outcome `human_hold`) go on as soon as the lead is handed back
 * (a conversation set back to `ai_mode: auto`, a campaign's cede), as a campaign's held messages do, instead of at
 * their next look 15 minutes on (which stays, should this miss: a job not queued, a worker down). Called after the
 * hand-back committed; never a rejection.
 */
@Injectable()
export class WorkflowHeldSends {
  private readonly logger = new Logger(WorkflowHeldSends.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {
    this.sql = fastSql(db);
  }

  /** The lead's held sends, due now when no human holds it any longer: their step jobs, queued. */
  async release(tenantId: string, leadId: string): Promise<number> {
    try {
      const due = await tenantQuery<{ run_id: string; node_id: string }>(
        this.sql,
        tenantId,
        `UPDATE workflow_run_steps s SET resume_at = $3
           FROM workflow_runs r
          WHERE r.tenant_id = $1 AND r.lead_id = $2 AND r.status = 'waiting'
            AND s.tenant_id = $1 AND s.run_id = r.id AND s.status = 'waiting' AND s.outcome = 'human_hold'
            AND NOT ${HUMAN_HOLDS_LEAD}
        RETURNING s.run_id, s.node_id`,
        [leadId, this.clock.now()],
      );
      for (const step of due)
        await this.jobs.enqueue('workflows.step', {
          tenant_id: tenantId,
          run_id: step.run_id,
          node_id: step.node_id,
        });
      return due.length;
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, lead_id: leadId }, 'Held workflow sends not released');
      return 0;
    }
  }
}
