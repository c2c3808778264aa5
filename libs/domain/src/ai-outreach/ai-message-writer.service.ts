import { Clock } from '@app/common';
import type { AiInteractionKind, AiMessageUsage } from '@app/db';
import {
  LlmAnswerError,
  ReplyLabel,
  WriteMessageInput,
  WrittenMessage,
  type LlmPort,
  type LlmResult,
} from '@app/providers';
import { Injectable } from '@nestjs/common';
import { aiMessageUsage, LlmCallResult, LlmManager } from '../llm/llm-manager.service';
import { ProductContextService } from '../product-context/product-context.service';
import { AiOutreachRepository } from './ai-outreach.repository';
import {
  AiChannel,
  hasAgentMessage,
  HISTORY_LIMIT,
  historyDigest,
  MAX_CHARS,
  resumedAfterCede,
  toHistory,
  unsendableReason,
} from './outreach-history';

/** What to write: a campaign's AI_MESSAGE step, or the answer to one inbound message. */
export interface WriteRequest {
  purpose: WriteMessageInput['purpose'];
  lead_id: string;
  channel: AiChannel;
  /** The step's content (its placeholders already filled); null for an auto-reply. */
  instructions: string | null;
  /** The class of the message answered; else the lead's last classification. */
  classification?: ReplyLabel | null;
  /** The inbound message answered (auto-reply). */
  message_id?: string | null;
  /** Kept on the interaction's input: which campaign, step and attempt wrote it. */
  refs?: Record<string, unknown>;
}

export interface AiWrittenMessage {
  body: string;
  subject: string | null;
  ai_usage: AiMessageUsage;
  resumed_after_cede: boolean;
}

/** Refused answers (empty, a placeholder left in) for one lead and purpose within the window, before giving up. */
const MAX_REFUSED_WRITES = 5;
const REFUSED_WRITES_WINDOW_MS = 24 * 3_600_000;

const KIND: Record<WriteRequest['purpose'], AiInteractionKind> = {
  campaign_step: 'message',
  auto_reply: 'auto_reply',
};

/**
 * Writes one AI message (issue 7 item 3) from the tenant's product context, the lead's fields and its conversation
 * on all its channels (human agents' messages included, so after a cede the AI takes up from them), through the LLM
 * manager, which records the call in ai_interactions. A body longer than the channel allows comes back cut to fit, the
 * interaction's output saying so (`shortened_from_chars`). A provider failure, or an answer that is empty or still
 * holds a template placeholder, is thrown (and recorded as failed, with the tokens it cost): the caller's job
 * retries, nothing is sent.
 */
@Injectable()
export class AiMessageWriter {
  constructor(
    private readonly repo: AiOutreachRepository,
    private readonly llm: LlmManager,
    private readonly products: ProductContextService,
    private readonly clock: Clock,
  ) {}

  async write(tenantId: string, req: WriteRequest): Promise<AiWrittenMessage> {
    const [lead, rows, product] = await Promise.all([
      this.repo.lead(tenantId, req.lead_id),
      this.repo.history(tenantId, req.lead_id, HISTORY_LIMIT),
      this.products.metadata(tenantId),
    ]);
    if (!lead) throw new Error(`Lead ${req.lead_id} vanished before its AI message was written`);
    const history = toHistory(rows);
    const cededAt = hasAgentMessage(history) ? await this.repo.cededAt(tenantId, req.lead_id) : null;
    const { classification, ...facts } = lead;
    const input: WriteMessageInput = {
      purpose: req.purpose,
      channel: req.channel,
      instructions: req.instructions,
      product,
      lead: { ...facts, custom_fields: facts.custom_fields ?? {} },
      history,
      last_classification: req.classification ?? classification ?? null,
      resumed_after_cede: resumedAfterCede(history, cededAt),
      max_chars: MAX_CHARS[req.channel],
    };
    let result: LlmCallResult<WrittenMessage>;
    try {
      result = await this.llm.call(
        tenantId,
        {
          kind: KIND[req.purpose],
          lead_id: req.lead_id,
          message_id: req.message_id ?? null,
          input: {
            ...req.refs,
            purpose: input.purpose,
            channel: input.channel,
            instructions: input.instructions,
            last_classification: input.last_classification,
            resumed_after_cede: input.resumed_after_cede,
            max_chars: input.max_chars,
            history: historyDigest(history, req.channel),
          },
        },
        (model) => writeChecked(model, input),
      );
    } catch (err) {
      // Asked again and again with nothing that may go: each job (the turn comes back after CAMPAIGN_STALE_QUEUED_MS
      // for good) would ask the same model the same thing, paying each time. Past the allowance, refused for good.
      if (
        err instanceof UnsendableMessageError &&
        (await this.repo.refusedWrites(
          tenantId,
          req.lead_id,
          KIND[req.purpose],
          new Date(this.clock.nowMs() - REFUSED_WRITES_WINDOW_MS),
        )) >= MAX_REFUSED_WRITES
      )
        throw err.final();
      throw err;
    }
    return {
      body: result.output.body.trim(),
      subject: req.channel === 'email' ? result.output.subject?.trim() || null : null,
      ai_usage: aiMessageUsage(result),
      resumed_after_cede: input.resumed_after_cede,
    };
  }
}

/**
 * A written message that must not be sent (empty, or a placeholder left in it): an invalid answer, with what it
 * cost, worth asking again (the job's retry); `final()` is the same refusal once asking again is over.
 */
export class UnsendableMessageError extends LlmAnswerError {
  constructor(private readonly init: ConstructorParameters<typeof LlmAnswerError>[0]) {
    super(init);
  }

  final(): LlmAnswerError {
    return new LlmAnswerError({ ...this.init, retryable: false });
  }
}

/** The model's message, refused (as an invalid answer, with what it cost) when it must not be sent. */
async function writeChecked(model: LlmPort, input: WriteMessageInput): Promise<LlmResult<WrittenMessage>> {
  const result = await model.writeMessage(input);
  const reason = unsendableReason(result.output.body ?? '');
  if (reason) {
    throw new UnsendableMessageError({
      message: `The written message cannot be sent: ${reason}`,
      usage: result.usage,
      promptVersion: result.prompt_version,
      retryable: true,
    });
  }
  return result;
}
