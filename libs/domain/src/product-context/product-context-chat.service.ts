import { Clock, cutText } from '@app/common';
import type { ProductContextStatus } from '@app/db';
import {
  missingProductFields,
  REQUIRED_PRODUCT_FIELDS,
  type ProductContextTurn,
  type ProductMetadata,
} from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { llmFailure } from '../llm/llm-failure';
import { LlmManager } from '../llm/llm-manager.service';
import { ProductContextRepository } from './product-context.repository';
import { mergeTurn, ProductField, sameMetadata, toProductMetadata } from './product-metadata';

/** How many earlier turns the model reads. */
export const PRODUCT_CONTEXT_HISTORY_TURNS = 20;

export interface ProductContextChatAnswer {
  reply: string;
  status: ProductContextStatus;
  metadata: ProductMetadata;
  missing: ProductField[];
}

/**
 * The product-context chat (seed 002): the user describes the product, the model asks a clarifying question or
 * confirms, and the structured metadata updates. The model runs outside any transaction; its answer lands in one
 * transaction that holds the tenant's context row, so concurrent chats of a tenant each keep what they learnt.
 */
@Injectable()
export class ProductContextChatService {
  constructor(
    private readonly contexts: ProductContextRepository,
    private readonly llm: LlmManager,
    private readonly clock: Clock,
  ) {}

  async chat(auth: AuthContext, userMessage: string): Promise<ProductContextChatAnswer> {
    const tenantId = auth.tenantId;
    const askedAt = this.clock.now();
    const [row, turns] = await Promise.all([
      this.contexts.find(tenantId),
      this.contexts.recentTurns(tenantId, PRODUCT_CONTEXT_HISTORY_TURNS),
    ]);
    const base = toProductMetadata(row?.metadata);
    const result = await this.llm
      .call<ProductContextTurn>(
        tenantId,
        {
          kind: 'product_context',
          input: { user_message: cutText(userMessage, 1000), history_turns: turns.length },
        },
        (llm) =>
          llm.productContextTurn({
            user_message: userMessage,
            metadata: base,
            history: turns.map((t) => ({ role: t.role, content: t.content })),
          }),
        { assess: (out) => ({ success: Boolean(out.reply?.trim()) }), interactive: true },
      )
      .catch((err: unknown) => {
        throw llmFailure(err);
      });
    const turn = result.output;
    const answeredAt = new Date(Math.max(this.clock.nowMs(), askedAt.getTime()));
    return this.contexts.withLockedContext(tenantId, async (tx, locked) => {
      const current = toProductMetadata(locked.metadata);
      const proposed = toProductMetadata(turn.metadata);
      const concurrent = !sameMetadata(current, base);
      const metadata = concurrent ? mergeTurn(base, proposed, current) : proposed;
      const missing = missingProductFields(metadata);
      const status: ProductContextStatus = concurrent
        ? REQUIRED_PRODUCT_FIELDS.some((f) => missing.includes(f))
          ? 'clarifying'
          : 'confirmed'
        : turn.status === 'confirmed'
          ? 'confirmed'
          : 'clarifying';
      const reply = turn.reply.trim();
      await this.contexts.addTurn(tx, tenantId, {
        role: 'user',
        content: userMessage,
        metadata: null,
        userId: auth.userId,
        interactionId: null,
        createdAt: askedAt,
      });
      await this.contexts.addTurn(tx, tenantId, {
        role: 'assistant',
        content: reply,
        metadata,
        userId: null,
        interactionId: result.interaction_id,
        createdAt: answeredAt,
      });
      await this.contexts.save(tx, tenantId, metadata, status, answeredAt);
      return { reply, status, metadata, missing };
    });
  }
}
