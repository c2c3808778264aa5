import { SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import type { StepContext, StepRow, StepTurn } from '../campaign-engine/enrollments.repository';
import { renderTemplate } from '../campaigns/message-template';
import { AiMessageWriter } from './ai-message-writer.service';
import type { AiChannel } from './outreach-history';

/**
 * While a step's message was written (by the AI, or from its template), a human took the lead over (`overridden`),
 * or the turn stopped being this job's (`lost`: ceded, released or taken again meanwhile): the message is not
 * recorded.
 */
export class StaleTurnError extends Error {
  override name = 'StaleTurnError';

  constructor(readonly reason: 'overridden' | 'lost') {
    super(`The campaign turn was ${reason} while its message was written`);
  }
}

/**
 * A campaign's AI_MESSAGE step (issue 7 item 3): the campaign scheduler asks the contact policy as for any step,
 * then this writes the message (before the send's transaction; a job that runs again writes again, and the turn's
 * idempotency key keeps it to one message), and `guard` refuses the send in its transaction when a human has taken
 * the lead over meanwhile.
 */
@Injectable()
export class AiCampaignSteps {
  constructor(private readonly writer: AiMessageWriter) {}

  /** The step's message, written by the AI: what `OutboundMessagesService.send` takes. */
  async content(turn: StepTurn, ctx: StepContext, step: StepRow, channel: AiChannel) {
    const instructions = step.content ? renderTemplate(step.content, ctx.lead) : null;
    const written = await this.writer.write(turn.tenantId, {
      purpose: 'campaign_step',
      lead_id: ctx.lead_id,
      channel,
      instructions,
      refs: {
        campaign_id: ctx.campaign_id,
        step_id: step.id,
        enrollment_id: turn.id,
        attempt: turn.attempt,
      },
    });
    // The step's subject (or the campaign's) when set, else the one the AI wrote.
    const subjectText = step.subject ?? ctx.subject_line;
    const subject =
      channel === 'email'
        ? (subjectText ? renderTemplate(subjectText, ctx.lead) : written.subject) || undefined
        : undefined;
    return { body: written.body, subject, ai_usage: written.ai_usage, sender: 'ai' as const };
  }

  /**
   * In the send's transaction, before the enrollment moves: locks it and stops the send (rolling its row back) when a
   * human took it over or the turn is no longer the one the job was made for.
   */
  async guard(tx: SqlRunner, turn: StepTurn): Promise<void> {
    const [row] = await tenantQuery<{ ai_paused: boolean; taken: boolean }>(
      tx,
      turn.tenantId,
      `SELECT ai_paused, status = 'queued' AND current_step = $3 AND attempts = $4 - 1 AS taken
         FROM campaign_enrollments WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [turn.id, turn.step, turn.attempt],
    );
    if (!row?.taken) throw new StaleTurnError('lost');
    if (row.ai_paused) throw new StaleTurnError('overridden');
  }
}
