import { Clock } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { leadHeldByHuman } from '../messaging/human-hold';

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
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {
    this.sql = fastSql(db);
  }

  /**
   * The held sends of these leads, due now where no human holds their lead any longer: their step jobs, queued.
   * Answers how many.
   */
  async release(tenantId: string, leadIds: readonly string[]): Promise<number> {
    if (!leadIds.length) return 0;
    try {
      const due = await tenantQuery<{ run_id: string; node_id: string }>(
        this.sql,
        tenantId,
        `UPDATE workflow_run_steps s SET resume_at = $3
           FROM workflow_runs r
          WHERE r.tenant_id = $1 AND r.lead_id = ANY($2::uuid[]) AND r.status = 'waiting'
            AND s.tenant_id = $1 AND s.run_id = r.id AND s.status = 'waiting' AND s.outcome = 'human_hold'
            AND NOT ${leadHeldByHuman('r.lead_id')}
        RETURNING s.run_id, s.node_id`,
        [[...new Set(leadIds)], this.clock.now()],
      );
      for (const step of due)
        await this.jobs.enqueue('workflows.step', {
          tenant_id: tenantId,
          run_id: step.run_id,
          node_id: step.node_id,
        });
      return due.length;
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, lead_ids: leadIds }, 'Held workflow sends not released');
      return 0;
    }
  }
}
