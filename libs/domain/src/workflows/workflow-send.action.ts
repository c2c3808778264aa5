import { AppError, ErrorCode } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import type { MessagingChannel } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { renderTemplate, TemplateLead } from '../campaigns/message-template';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { HUMAN_HOLDS_LEAD } from '../messaging/human-hold';
import { MessagesRepository } from '../messaging/messages.repository';
import { OutboundMessagesService } from '../messaging/outbound-messages.service';
import { sendBodyOf } from './workflow-definition';
import { failed, LEAD_FOR_NODES_SQL, NodeContext, NodeResult } from './workflow-node';

/** How often a send held by a human looks again whether control was ceded (a hand-back wakes it at once too). */
export const HUMAN_HOLD_RECHECK_MS = 15 * 60_000;

/** The idempotency key of a run's send at a node: the message it made, whatever job asks again. */
export const workflowSendKey = (runId: string, nodeId: string) => `workflow:${runId}:${nodeId}`;

/**
 * A send_message node: through the one outbound path (OutboundMessagesService: contact policy, the row and its
 * idempotency key committed before the provider is called), at most once per (run, node) by its key. As automation
 * it also keeps to the 08:00-21:00 bound in the lead's local time (waiting for it to open) and to a human's hold of
 * the lead (DESIGN §7.2, §7.5: waiting until control is ceded, which wakes it through WorkflowHeldSends, and looked
 * at again every 15 minutes should that wake be missed).
 */
@Injectable()
export class WorkflowSendAction {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly policy: ContactPolicyService,
    private readonly outbound: OutboundMessagesService,
    private readonly messages: MessagesRepository,
  ) {
    this.sql = fastSql(db);
  }

  async run(ctx: NodeContext): Promise<NodeResult> {
    const { tenantId, leadId, node } = ctx;
    if (!leadId) return failed('lead_missing', 'The run has no lead');
    const key = workflowSendKey(ctx.runId, node.id);
    const made = await this.messages.findByIdempotencyKey(tenantId, key);
    if (made) return { status: 'done', outcome: 'sent', detail: { message_id: made.id } };
    const [lead] = await tenantQuery<TemplateLead & { held: boolean }>(
      this.sql,
      tenantId,
      `SELECT l.*, ${HUMAN_HOLDS_LEAD} AS held FROM (${LEAD_FOR_NODES_SQL}) l`,
      [leadId],
    );
    if (!lead) return failed('lead_missing', 'The lead is archived or gone');
    // As a campaign's messages do, the send waits while a human holds the lead, and goes once control is ceded.
    if (lead.held)
      return {
        status: 'waiting',
        outcome: 'human_hold',
        resumeAt: new Date(ctx.now.getTime() + HUMAN_HOLD_RECHECK_MS),
      };
    const data = node.data;
    const channel = data.channel as MessagingChannel;
    const { verdict } = await this.policy.evaluate(tenantId, leadId, channel, { window: { hours: {} } });
    if (!verdict.allowed) {
      if (verdict.rule === 'outside_window' && verdict.next_open_at)
        return { status: 'waiting', outcome: 'outside_window', resumeAt: verdict.next_open_at };
      return failed(verdict.rule, verdict.message, { rule: verdict.rule });
    }
    try {
      const message = await this.outbound.send(tenantId, {
        lead_id: leadId,
        channel,
        body: renderTemplate(sendBodyOf(data) as string, lead),
        subject: typeof data.subject === 'string' ? renderTemplate(data.subject, lead) : undefined,
        sender: 'system',
        idempotency_key: key,
      });
      return { status: 'done', outcome: 'sent', detail: { message_id: message.id } };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const rule = (err.details as { rule?: string } | undefined)?.rule;
      const outcome = err.code === ErrorCode.POLICY_VIOLATION && rule ? rule : err.code.toLowerCase();
      return failed(outcome, err.message, rule ? { rule } : undefined);
    }
  }
}
