import { AppError, Clock, ErrorCode } from '@app/common';
import { ProviderError } from '@app/providers';
import { JobPayloads, JobProducer, OnJob, PermanentJobError } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { MessagesRepository } from '../messaging/messages.repository';
import { OutboundMessagesService } from '../messaging/outbound-messages.service';
import { replySubject } from '../messaging/reply-subject';
import { AiMessageWriter } from './ai-message-writer.service';
import { AiOutreachRepository } from './ai-outreach.repository';
import { autoReplyEnabled, autoReplySkip } from './auto-reply-decision';
import { MAX_CHARS, type AiChannel } from './outreach-history';

/** The key of the AI's answer to one inbound message: at most one answer each. */
export const autoReplyKey = (messageId: string) => `ai-reply:${messageId}`;

/** The lead wrote again, or a human answered, while the AI wrote: the answer is dropped. */
class AnswerSupersededError extends Error {
  override name = 'AnswerSupersededError';
}

/**
 * The `ai.auto-reply` job (issue 7 item 3): the AI answers one inbound message when the tenant turned auto-replies on
 * (`settings.ai.auto_reply`, default off), the conversation is in `ai_mode: auto`, no running enrollment of the lead
 * is taken over by a human, no human answered after it, it is still the lead's last message (a newer one has its own
 * job) and the contact policy allows the channel now, within 08:00-21:00 in the lead's local time. The answer is
 * written from the product context, the lead and the conversation, and sent once (`ai-reply:<message_id>`); a
 * provider failure fails the job, which retries.
 */
@Injectable()
export class AiAutoReplyService {
  private readonly logger = new Logger(AiAutoReplyService.name);

  constructor(
    private readonly repo: AiOutreachRepository,
    private readonly writer: AiMessageWriter,
    private readonly policy: ContactPolicyService,
    private readonly outbound: OutboundMessagesService,
    private readonly messages: MessagesRepository,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  @OnJob('ai.auto-reply')
  async run(payload: JobPayloads['ai.auto-reply']): Promise<void> {
    await this.answer(payload.tenant_id, payload.message_id);
  }

  /** Answers the inbound message when it should be; says what it did. */
  async answer(tenantId: string, messageId: string): Promise<string> {
    const log = { tenant_id: tenantId, message_id: messageId };
    const key = autoReplyKey(messageId);
    // A job that runs again after its answer was recorded writes nothing more.
    if (await this.messages.findByIdempotencyKey(tenantId, key)) return 'already_sent';
    const inbound = await this.repo.inbound(tenantId, messageId);
    if (!inbound) return 'not_found';
    const skip = autoReplySkip({
      enabled: autoReplyEnabled(inbound.settings),
      inbound: inbound.direction === 'inbound' && inbound.lead_id !== null,
      ai_mode: inbound.ai_mode,
      overridden: inbound.overridden,
      agent_after: inbound.agent_after,
      newer_inbound: inbound.newer_inbound,
      label: inbound.label,
      confidence: inbound.confidence,
      ai_in_a_row: inbound.ai_in_a_row,
    });
    if (skip) {
      this.logger.debug({ ...log, reason: skip }, 'No auto-reply');
      return skip;
    }
    const leadId = inbound.lead_id as string;
    const channel = inbound.channel as AiChannel;
    if (!(channel in MAX_CHARS)) return 'channel';
    const { verdict } = await this.policy.evaluate(tenantId, leadId, channel, {
      window: { hours: {}, zone: inbound.tenant_timezone },
    });
    if (!verdict.allowed && verdict.rule === 'outside_window' && verdict.next_open_at) {
      // Asked again when the hours open (everything is judged again then): a question at night is answered in
      // the morning, not dropped.
      const at = verdict.next_open_at.getTime();
      await this.jobs.enqueue(
        'ai.auto-reply',
        { tenant_id: tenantId, message_id: messageId },
        { delay: Math.max(1000, at - this.clock.nowMs()), jobId: autoReplyLaterJobId(messageId, at) },
      );
      this.logger.log(
        { ...log, lead_id: leadId, at: new Date(at) },
        'Auto-reply waits for the hours to open',
      );
      return verdict.rule;
    }
    if (!verdict.allowed) {
      this.logger.log(
        { ...log, lead_id: leadId, rule: verdict.rule },
        'No auto-reply: the contact policy refuses',
      );
      return verdict.rule;
    }
    const written = await this.writer
      .write(tenantId, {
        purpose: 'auto_reply',
        lead_id: leadId,
        channel,
        instructions: null,
        classification: inbound.label,
        message_id: messageId,
      })
      .catch((err: unknown) => {
        // The tenant's LLM refuses its key or model: asking again would be refused again (and a model billed).
        if (err instanceof ProviderError && !err.retryable)
          throw new PermanentJobError(`The AI could not write the answer: ${err.message}`, { cause: err });
        throw err;
      });
    try {
      await this.outbound.send(tenantId, {
        lead_id: leadId,
        channel,
        body: written.body,
        subject: channel === 'email' ? answerSubject(inbound.subject, written.subject) : undefined,
        sender: 'ai',
        ai_usage: written.ai_usage,
        idempotency_key: key,
        policy_checked: true,
        // Written meanwhile: a newer message from the lead, or a human's answer, makes this one stale.
        within: async (tx) => {
          if (!(await this.repo.answerStands(tx, tenantId, messageId))) throw new AnswerSupersededError();
        },
      });
    } catch (err) {
      if (err instanceof AnswerSupersededError) {
        this.logger.debug({ ...log, reason: 'superseded' }, 'No auto-reply');
        return 'superseded';
      }
      if (err instanceof AppError && err.code === ErrorCode.POLICY_VIOLATION) return 'policy';
      throw err;
    }
    this.logger.log({ ...log, lead_id: leadId, channel }, 'AI auto-reply sent');
    return 'sent';
  }
}

/** The job that asks again, at `at` (ms), for an answer the hours held: one per message and opening. */
export const autoReplyLaterJobId = (messageId: string, at: number) => `ai-auto-reply:${messageId}:at:${at}`;

/** An email answer keeps the thread's subject ("Re: ..."), else takes the one the AI wrote. */
function answerSubject(inbound: string | null, written: string | null): string | undefined {
  const subject = inbound?.trim();
  if (subject) return replySubject(subject).slice(0, 998);
  return written ?? undefined;
}
