import { AppError } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignEnrollmentService } from '../campaigns/campaign-enrollment.service';
import { renderTemplate } from '../campaigns/message-template';
import { NotificationWriter } from '../notifications/notification-writer';
import { ConditionLead, conditionHolds } from './workflow-definition';
import { failed, LEAD_FOR_NODES_SQL, NodeContext, NodeResult } from './workflow-node';
import { WorkflowSendAction } from './workflow-send.action';
import { WorkflowUpdateLeadAction } from './workflow-update-lead.action';
import { WorkflowWaitAction } from './workflow-wait.action';
import { usersGone } from './workflow-users';

type LeadRow = ConditionLead & Record<string, unknown>;

/** What each node type does for one run (its settings passed runnableIssues when the workflow was activated). */
@Injectable()
export class WorkflowNodeActions {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly send: WorkflowSendAction,
    private readonly updateLead: WorkflowUpdateLeadAction,
    private readonly wait: WorkflowWaitAction,
    private readonly enrollment: CampaignEnrollmentService,
    private readonly notifications: NotificationWriter,
  ) {
    this.sql = fastSql(db);
  }

  async run(ctx: NodeContext): Promise<NodeResult> {
    const data = ctx.node.data ?? {};
    switch (ctx.node.type) {
      case 'trigger':
        return { status: 'done', outcome: 'triggered' };
      case 'wait':
        return this.wait.run(ctx);
      case 'send_message':
        return this.send.run(ctx);
      case 'condition': {
        const lead = await this.lead(ctx);
        if (!lead) return failed('lead_missing', 'The lead is archived or gone');
        const branch = String(conditionHolds(data, lead));
        return { status: 'done', outcome: branch, branch, detail: { branch } };
      }
      case 'update_lead':
        return this.updateLead.run(ctx);
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
    const gone = named ? await usersGone(this.sql, ctx, named) : null;
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
}
