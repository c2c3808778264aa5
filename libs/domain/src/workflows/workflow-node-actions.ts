import { AppError } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { CampaignEnrollmentService } from '../campaigns/campaign-enrollment.service';
import { renderTemplate } from '../campaigns/message-template';
import { MAX_LEAD_TAGS, normalizeTags } from '../leads/lead-input';
import { NotificationWriter } from '../notifications/notification-writer';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';
import { ConditionLead, conditionHolds, delayMsOf } from './workflow-definition';
import { failed, LEAD_FOR_NODES_SQL, NodeContext, NodeResult } from './workflow-node';
import { WorkflowSendAction } from './workflow-send.action';

type LeadRow = ConditionLead & Record<string, unknown>;

/** What each node type does for one run (its settings passed runnableIssues when the workflow was activated). */
@Injectable()
export class WorkflowNodeActions {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly send: WorkflowSendAction,
    private readonly enrollment: CampaignEnrollmentService,
    private readonly notifications: NotificationWriter,
    private readonly activity: ActivityService,
    private readonly webhooks: OutboundWebhooks,
  ) {
    this.sql = fastSql(db);
  }

  async run(ctx: NodeContext): Promise<NodeResult> {
    const data = ctx.node.data ?? {};
    switch (ctx.node.type) {
      case 'trigger':
        return { status: 'done', outcome: 'triggered' };
      case 'wait': {
        if (ctx.resumed) return { status: 'done', outcome: 'resumed' };
        const resumeAt = new Date(ctx.now.getTime() + (delayMsOf(data) ?? 0));
        return {
          status: 'waiting',
          outcome: 'waiting',
          resumeAt,
          detail: { resume_at: resumeAt.toISOString() },
        };
      }
      case 'send_message':
        return this.send.run(ctx);
      case 'condition': {
        const lead = await this.lead(ctx);
        if (!lead) return failed('lead_missing', 'The lead is archived or gone');
        const branch = String(conditionHolds(data, lead));
        return { status: 'done', outcome: branch, branch, detail: { branch } };
      }
      case 'update_lead':
        return this.updateLead(ctx);
      case 'add_to_campaign':
        return this.addToCampaign(ctx);
      case 'notify':
        return this.notify(ctx);
      default:
        return failed('unknown_node', `Unknown node type ${ctx.node.type}`);
    }
  }

  private async lead(ctx: NodeContext): Promise<LeadRow | null> {
    if (!ctx.leadId) return null;
    const [row] = await tenantQuery<LeadRow>(this.sql, ctx.tenantId, LEAD_FOR_NODES_SQL, [ctx.leadId]);
    return row ?? null;
  }

  /**
   * Status, tags and owner, set in the step's transaction with an activity entry when they changed; then, as a
   * user's change does, `lead.updated` to the tenant's webhooks and workflows, but to no workflow in this run's chain
   * nor to this one (WorkflowTriggers.raise): a workflow started by the changes it makes, or two workflows each
   * started by the other's, would run for ever.
   */
  private async updateLead(ctx: NodeContext): Promise<NodeResult> {
    if (!(await this.lead(ctx))) return failed('lead_missing', 'The lead is archived or gone');
    const d = ctx.node.data;
    const gone = typeof d.owner_id === 'string' ? await this.usersGone(ctx, [d.owner_id]) : null;
    if (gone) return gone;
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    const changed = ['status', 'add_tags', 'remove_tags', 'owner_id'].filter((k) => d[k] !== undefined);
    const write = async (tx: SqlRunner) => {
      const [row] = await tenantQuery<{ tags: string[] }>(
        tx,
        ctx.tenantId,
        `SELECT tags FROM leads WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL FOR UPDATE`,
        [ctx.leadId],
      );
      if (!row) return undefined;
      const removed = new Set(strings(d.remove_tags).map((t) => t.trim().toLowerCase()));
      const tags = normalizeTags([...row.tags, ...strings(d.add_tags)])
        .filter((t) => !removed.has(t.toLowerCase()))
        .slice(0, MAX_LEAD_TAGS);
      const updated = await tenantQuery<{ id: string }>(
        tx,
        ctx.tenantId,
        `UPDATE leads SET tags = $3, status = coalesce($4, status),
                owner_id = CASE WHEN $5 THEN $6::uuid ELSE owner_id END, updated_at = $7
          WHERE tenant_id = $1 AND id = $2
            AND (tags IS DISTINCT FROM $3 OR status IS DISTINCT FROM coalesce($4, status)
                 OR ($5 AND owner_id IS DISTINCT FROM $6::uuid))
        RETURNING id`,
        [ctx.leadId, tags, d.status ?? null, d.owner_id !== undefined, d.owner_id ?? null, ctx.now],
      );
      if (!updated.length) return undefined;
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
      return () => this.webhooks.emit(ctx.tenantId, 'lead.updated', [leadId], [...ctx.chain, ctx.workflowId]);
    };
    return { status: 'done', outcome: 'updated', detail: { fields: changed }, write };
  }

  /** Through the campaign's enrollment (once per lead, the contact policy's refusals skipped). */
  private async addToCampaign(ctx: NodeContext): Promise<NodeResult> {
    if (!ctx.leadId) return failed('lead_missing', 'The run has no lead');
    const campaignId = ctx.node.data.campaign_id as string;
    try {
      const counts = await this.enrollment.enroll(
        { tenantId: ctx.tenantId, role: 'manager', userId: null, apiKeyId: null },
        campaignId,
        { lead_ids: [ctx.leadId] },
      );
      const outcome = counts.enrolled ? 'enrolled' : counts.already_enrolled ? 'already_enrolled' : 'skipped';
      return { status: 'done', outcome, detail: { campaign_id: campaignId } };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return failed(err.code.toLowerCase(), err.message, { campaign_id: campaignId });
    }
  }

  /** A notification to the users named, or to the tenant's admins and managers: written with the step's end. */
  private async notify(ctx: NodeContext): Promise<NodeResult> {
    const d = ctx.node.data;
    const lead = (await this.lead(ctx)) ?? {};
    const title = renderTemplate(d.title as string, lead);
    const message = typeof d.message === 'string' ? renderTemplate(d.message, lead) : title;
    const named = Array.isArray(d.user_ids) ? d.user_ids.map(String) : null;
    const gone = named ? await this.usersGone(ctx, named) : null;
    if (gone) return gone;
    const write = async (tx: SqlRunner) => {
      const users = named ?? (await this.notifications.staff(tx, ctx.tenantId));
      const created = await this.notifications.create(
        tx,
        ctx.tenantId,
        users,
        {
          type: 'lead',
          title,
          message,
          data: { workflow_id: ctx.workflowId, run_id: ctx.runId, lead_id: ctx.leadId },
          leadId: ctx.leadId,
        },
        ctx.now,
      );
      return () => this.notifications.announce(created);
    };
    return { status: 'done', outcome: 'notified', write };
  }

  /**
   * The run fails at once when a user the node names is no longer one of the tenant's (removed since the workflow
   * was saved): no retry of the step could bring them back.
   */
  private async usersGone(ctx: NodeContext, ids: readonly string[]): Promise<NodeResult | null> {
    const found = await tenantQuery<{ id: string }>(
      this.sql,
      ctx.tenantId,
      `SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [[...new Set(ids)]],
    );
    const gone = ids.filter((id) => !found.some((u) => u.id === id));
    if (!gone.length) return null;
    return failed(
      'user_missing',
      `${gone.length === 1 ? `User ${gone[0]} no longer exists` : `Users ${gone.join(', ')} no longer exist`}: ` +
        `change node ${ctx.node.id} to name a user of the tenant`,
      { user_ids: gone },
    );
  }
}
