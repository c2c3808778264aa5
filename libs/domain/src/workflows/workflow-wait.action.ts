import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { delayMsOf } from './workflow-definition';
import { NodeContext, NodeResult } from './workflow-node';

/** How often a wait whose time came looks again whether the message it counts from has left the sender. */
export const WAIT_FOR_SEND_RECHECK_MS = 60_000;

/** The wait's step, and the message of the run's last send before it (its status and when the sender tried it). */
const WAIT_FROM_SQL = `
  SELECT w.started_at, m.status, COALESCE(m.sent_at, m.failed_at) AS tried_at
    FROM workflow_run_steps w
    LEFT JOIN LATERAL (
      SELECT m.status, m.sent_at, m.failed_at
        FROM workflow_run_steps s
        JOIN messages m ON m.tenant_id = s.tenant_id AND m.id = (s.detail->>'message_id')::uuid
       WHERE s.tenant_id = $1 AND s.run_id = $2 AND s.node_type = 'send_message' AND s.status = 'done'
       ORDER BY s.seq DESC LIMIT 1) m ON true
   WHERE w.tenant_id = $1 AND w.run_id = $2 AND w.node_id = $3`;

/**
 * A wait node counts its delay from the later of when the run reached it and when the sender tried the run's last
 * message (sent, or failed), as a campaign's DELAY counts from the send of the step before it: a `send_message`
 * makes its message and moves on, while the sender may keep that message queued for minutes (a backlog at the
 * number's rate, the lead's window). Until the message has left the sender the wait cannot end: its first wake-up is
 * its delay from now (the earliest it could end), and each one after that, while the message still waits, looks
 * again a minute later (or its delay, if shorter).
 */
@Injectable()
export class WorkflowWaitAction {
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  async run(ctx: NodeContext): Promise<NodeResult> {
    const delay = delayMsOf(ctx.node.data ?? {}) ?? 0;
    const [from] = await tenantQuery<{ started_at: Date; status: string | null; tried_at: Date | null }>(
      this.sql,
      ctx.tenantId,
      WAIT_FROM_SQL,
      [ctx.runId, ctx.node.id],
    );
    const now = ctx.now.getTime();
    const reached = from ? from.started_at.getTime() : now;
    const atSender = from?.status === 'queued' || from?.status === 'sending';
    const resumeAt = atSender
      ? Math.max(reached + delay, now + Math.min(delay, WAIT_FOR_SEND_RECHECK_MS))
      : Math.max(reached, from?.tried_at?.getTime() ?? reached) + delay;
    if (resumeAt <= now) return { status: 'done', outcome: 'resumed' };
    const at = new Date(resumeAt);
    return {
      status: 'waiting',
      outcome: atSender ? 'waiting_for_send' : 'waiting',
      resumeAt: at,
      detail: { resume_at: at.toISOString() },
    };
  }
}
