import { Clock } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { leadHeldByHuman } from '../messaging/human-hold';
import { WorkflowJobs } from './workflow-jobs';

/**
 * Workflow sends waiting while a human held a lead (outcome `human_hold`) go on as soon as the lead is handed back,
 * as a campaign's held messages do, instead of at their next look 15 minutes on (which stays, should this miss: a
 * job not queued, a worker down). Every hand-back calls it once committed: a conversation set back to
 * `ai_mode: auto`, a campaign's cede, a campaign cancelled (or archived) or ended whose paused enrollment held the
 * lead, and that enrollment stopped from outside the campaign (InboundEnrollmentStops: a reply, its classification,
 * a bounce, a provider's opt-out, an unsubscribe link).
 * Only sends whose lead no human holds any longer go, so a caller may name leads that are still held. Never a
 * rejection.
 */
@Injectable()
export class WorkflowHeldSends {
  private readonly logger = new Logger(WorkflowHeldSends.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly jobs: WorkflowJobs,
    private readonly clock: Clock,
  ) {
    this.sql = fastSql(db);
  }

  /**
   * The held sends of these leads, due now where no human holds their lead any longer (the step's `resume_at` and
   * its run's `wake_at`, the run's row locked first as a step's job locks it): their wake-up jobs, queued. Answers
   * how many.
   */
  async release(tenantId: string, leadIds: readonly string[]): Promise<number> {
    if (!leadIds.length) return 0;
    try {
      const now = this.clock.now();
      const due = await tenantQuery<{ run_id: string; node_id: string }>(
        this.sql,
        tenantId,
        `WITH run AS (
           UPDATE workflow_runs r SET wake_at = $3
            WHERE r.tenant_id = $1 AND r.lead_id = ANY($2::uuid[]) AND r.status = 'waiting'
              AND EXISTS (SELECT 1 FROM workflow_run_steps w
                           WHERE w.tenant_id = $1 AND w.run_id = r.id AND w.node_id = r.current_node_id
                             AND w.status = 'waiting' AND w.outcome = 'human_hold')
              AND NOT ${leadHeldByHuman('r.lead_id')}
            RETURNING r.id, r.current_node_id)
         UPDATE workflow_run_steps s SET resume_at = $3
           FROM run
          WHERE s.tenant_id = $1 AND s.run_id = run.id AND s.node_id = run.current_node_id
            AND s.status = 'waiting' AND s.outcome = 'human_hold'
        RETURNING s.run_id, s.node_id`,
        [[...new Set(leadIds)], now],
      );
      for (const step of due) await this.jobs.wake(tenantId, step.run_id, step.node_id, now);
      return due.length;
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, lead_ids: leadIds }, 'Held workflow sends not released');
      return 0;
    }
  }
}
