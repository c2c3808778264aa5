import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { ActivityService } from '../activity/activity.service';
import { isQualifiedLead } from '../leads/lead-announcements';
import { MAX_LEAD_TAGS, normalizeTags } from '../leads/lead-input';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';
import { failed, LEAD_FOR_NODES_SQL, NodeContext, NodeResult } from './workflow-node';
import { usersGone } from './workflow-users';

/** The lead as the update left it: what the owner's achievements read. */
interface UpdatedLead {
  owner_id: string | null;
  status: string;
  qualification_status: string | null;
}

/**
 * An update_lead node: status, tags and owner, set in the step's transaction with an activity entry when they
 * changed; then, as a user's change does, `lead.updated` to the tenant's webhooks and workflows, but to no workflow
 * in this run's chain nor to this one (WorkflowTriggers.raise): a workflow started by the changes it makes, or two
 * workflows each started by the other's, would run for ever. A lead it leaves qualified counts for its owner's
 * achievements as a user's change does (AchievementProgress unlocks each achievement once).
 */
@Injectable()
export class WorkflowUpdateLeadAction {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly activity: ActivityService,
    private readonly webhooks: OutboundWebhooks,
    private readonly achievements: AchievementProgress,
  ) {
    this.sql = fastSql(db);
  }

  async run(ctx: NodeContext): Promise<NodeResult> {
    const [lead] = ctx.leadId
      ? await tenantQuery(this.sql, ctx.tenantId, LEAD_FOR_NODES_SQL, [ctx.leadId])
      : [];
    if (!lead) return failed('lead_missing', 'The lead is archived or gone');
    const d = ctx.node.data;
    const gone = typeof d.owner_id === 'string' ? await usersGone(this.sql, ctx, [d.owner_id]) : null;
    if (gone) return gone;
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    const changed = ['status', 'add_tags', 'remove_tags', 'owner_id'].filter((k) => d[k] !== undefined);
    // The lead before the run (an erasure takes them in that order). FOR NO KEY UPDATE, as the UPDATE below takes:
    // it holds off another change, an archive or an erasure, never a row naming the lead.
    const lock = async (tx: SqlRunner) => {
      await tenantQuery(
        tx,
        ctx.tenantId,
        `SELECT id FROM leads WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE`,
        [ctx.leadId],
      );
    };
    const write = async (tx: SqlRunner) => {
      // Read under the lock `lock` took.
      const [row] = await tenantQuery<{ tags: string[] }>(
        tx,
        ctx.tenantId,
        `SELECT tags FROM leads WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL`,
        [ctx.leadId],
      );
      if (!row) return undefined;
      const removed = new Set(strings(d.remove_tags).map((t) => t.trim().toLowerCase()));
      const tags = normalizeTags([...row.tags, ...strings(d.add_tags)])
        .filter((t) => !removed.has(t.toLowerCase()))
        .slice(0, MAX_LEAD_TAGS);
      const [updated] = await tenantQuery<UpdatedLead>(
        tx,
        ctx.tenantId,
        `UPDATE leads SET tags = $3, status = coalesce($4, status),
                owner_id = CASE WHEN $5 THEN $6::uuid ELSE owner_id END, updated_at = $7
          WHERE tenant_id = $1 AND id = $2
            AND (tags IS DISTINCT FROM $3 OR status IS DISTINCT FROM coalesce($4, status)
                 OR ($5 AND owner_id IS DISTINCT FROM $6::uuid))
        RETURNING owner_id, status, qualification_status`,
        [ctx.leadId, tags, d.status ?? null, d.owner_id !== undefined, d.owner_id ?? null, ctx.now],
      );
      if (!updated) return undefined;
      await this.activity.record(
        ctx.tenantId,
        null,
        {
          type: 'lead.updated',
          description: 'A workflow updated a lead',
          data: { lead_id: ctx.leadId, workflow_id: ctx.workflowId, run_id: ctx.runId, fields: changed },
        },
        tx,
      );
      const leadId = ctx.leadId as string;
      return async () => {
        await this.webhooks.emit(ctx.tenantId, 'lead.updated', [leadId], [...ctx.chain, ctx.workflowId]);
        const { owner_id: ownerId, status, qualification_status: qualificationStatus } = updated;
        if (isQualifiedLead({ ownerId, status, qualificationStatus }))
          await this.achievements.changed(ctx.tenantId, ownerId, ['leads_qualified']);
      };
    };
    return { status: 'done', outcome: 'updated', detail: { fields: changed }, lock, write };
  }
}
