import { Clock, storableText } from '@app/common';
import { AppConfig } from '@app/config';
import type { AiInteractionKind, AiMessageUsage } from '@app/db';
import {
  LlmAnswerError,
  LlmPort,
  LlmResult,
  LocalLlmProvider,
  OpenAiLlmAdapter,
  ProviderError,
} from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { TenantEgress } from '../egress/tenant-egress';
import { AiInteractionsRepository } from './ai-interactions.repository';
import { EffectiveLlm, LlmConfigResolver } from './llm-config-resolver';

/** What asked for a model call: stored on its ai_interactions row. */
export interface LlmCallContext {
  kind: AiInteractionKind;
  lead_id?: string | null;
  message_id?: string | null;
  agent_id?: string | null;
  /** Stored in ai_interactions.input (keep it small; no secrets). */
  input?: unknown;
}

export interface LlmCallResult<T> extends LlmResult<T> {
  interaction_id: string;
}

export interface LlmCallOptions<T> {
  /** The provider to run on instead of the tenant's (e.g. `local()` as a fallback). */
  llm?: LlmPort;
  /**
   * The model to run on instead of the tenant's, when the tenant is on OpenAI (an AI agent's own model): the call,
   * and its record if it fails, are that model's. Ignored with `llm`, and on the local provider.
   */
  model?: string | null;
  /** Sets the row's success and qualified from the output (default: success, qualified unknown). */
  assess?: (output: T) => { success?: boolean; qualified?: boolean | null };
  /**
   * A caller is waiting on an HTTP request: the call keeps to INTERACTIVE_BUDGET (one retry at most, shorter
   * attempts, no long `retry-after` waits) instead of the worker's budget, so the request answers well within a
   * proxy's timeout (DESIGN §1: no long work in a request).
   */
  interactive?: boolean;
}

/**
 * An interactive call's budget: attempts of at most 12 s, one retry after at most 1 s (a `retry-after` over 2 s ends
 * it): about 26 s in all, where the worker's budget (LLM_TIMEOUT_MS, LLM_MAX_RETRIES) can take minutes.
 */
export const INTERACTIVE_BUDGET = {
  attemptMs: 12_000,
  maxRetries: 1,
  retryMaxDelayMs: 1_000,
  maxRetryAfterMs: 2_000,
} as const;

/**
 * The LLM manager (issue 7, seed 002): picks each tenant's provider and records every model call in
 * ai_interactions. Adapters are stateless and built per call from the tenant's config, so a changed config
 * applies to the next call and no tenant's key is ever kept in a shared object.
 */
@Injectable()
export class LlmManager {
  private readonly logger = new Logger(LlmManager.name);
  private readonly builtIn = new LocalLlmProvider();

  constructor(
    private readonly resolver: LlmConfigResolver,
    private readonly interactions: AiInteractionsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly egress: TenantEgress,
  ) {}

  /** The tenant's provider: its llm_configs row, else the platform's OpenAI (AppConfig.llm.openai), else local. */
  async forTenant(tenantId: string): Promise<LlmPort> {
    return this.build(await this.resolver.resolve(tenantId));
  }

  /** The built-in local provider (a fallback when OpenAI keeps failing). */
  local(): LlmPort {
    return this.builtIn;
  }

  /**
   * Runs one task on the tenant's provider (or on `llm` when given) and records it in ai_interactions, success or
   * failure; answers the result and the interaction id. A failure is recorded and rethrown unchanged; an answer that
   * was refused (LlmAnswerError) is recorded with the tokens and cost it took, which were spent all the same.
   */
  async call<T>(
    tenantId: string,
    ctx: LlmCallContext,
    task: (llm: LlmPort) => Promise<LlmResult<T>>,
    options: LlmCallOptions<T> = {},
  ): Promise<LlmCallResult<T>> {
    const started = performance.now();
    let identity: { provider: string; model: string } | undefined = options.llm;
    let result: LlmResult<T>;
    let assessed: { success?: boolean; qualified?: boolean | null };
    try {
      let llm = options.llm;
      if (!llm) {
        const resolved = await this.resolver.resolve(tenantId);
        const effective =
          options.model && resolved.provider === 'openai' ? { ...resolved, model: options.model } : resolved;
        identity = effective;
        llm = this.build(effective, options.interactive === true);
      }
      result = await task(llm);
      assessed = options.assess?.(result.output) ?? {};
    } catch (err) {
      await this.recordFailure(tenantId, ctx, identity, err, Math.round(performance.now() - started));
      throw err;
    }
    const { usage } = result;
    const interactionId = await this.interactions.insert(tenantId, {
      ...this.refs(ctx),
      provider: usage.provider,
      model: usage.model,
      promptVersion: result.prompt_version,
      output: result.output,
      success: assessed.success ?? true,
      qualified: assessed.qualified ?? null,
      errorCode: null,
      inputTokens: whole(usage.input_tokens),
      outputTokens: whole(usage.output_tokens),
      costUsd: Math.max(0, usage.cost_usd || 0),
      latencyMs: whole(usage.latency_ms),
      createdAt: this.clock.now(),
    });
    return { ...result, interaction_id: interactionId };
  }

  /** The adapter for a tenant's effective config; `interactive`: within INTERACTIVE_BUDGET. */
  build(effective: EffectiveLlm, interactive = false): LlmPort {
    if (effective.provider === 'local') {
      return effective.model === this.builtIn.model
        ? this.builtIn
        : new LocalLlmProvider({ model: effective.model });
    }
    if (!effective.apiKey) {
      throw new ProviderError({
        provider: 'openai',
        kind: 'auth',
        message: 'No OpenAI API key is set for this tenant, and the platform has none for this base URL',
        retryable: false,
      });
    }
    return new OpenAiLlmAdapter({
      apiKey: effective.apiKey,
      baseUrl: effective.baseUrl ?? this.config.llm.defaultBaseUrl,
      // An endpoint the tenant chose is reached only where the egress policy allows; the platform's own is trusted.
      ...(this.resolver.chosenByTenant(effective.baseUrl) ? { egress: this.egress } : {}),
      model: effective.model,
      apiStyle: effective.apiStyle ?? 'chat',
      ...(interactive
        ? {
            timeoutMs: Math.min(this.config.llm.timeoutMs, INTERACTIVE_BUDGET.attemptMs),
            maxRetries: Math.min(this.config.llm.maxRetries, INTERACTIVE_BUDGET.maxRetries),
            retryMaxDelayMs: INTERACTIVE_BUDGET.retryMaxDelayMs,
            maxRetryAfterMs: INTERACTIVE_BUDGET.maxRetryAfterMs,
          }
        : { timeoutMs: this.config.llm.timeoutMs, maxRetries: this.config.llm.maxRetries }),
      now: () => this.clock.now(),
      ...(effective.temperature === null ? {} : { temperature: effective.temperature }),
      ...(effective.maxTokens === null ? {} : { maxTokens: effective.maxTokens }),
    });
  }

  private refs(ctx: LlmCallContext) {
    return {
      kind: ctx.kind,
      agentId: ctx.agent_id ?? null,
      leadId: ctx.lead_id ?? null,
      messageId: ctx.message_id ?? null,
      input: ctx.input ?? null,
    };
  }

  private async recordFailure(
    tenantId: string,
    ctx: LlmCallContext,
    identity: { provider: string; model: string } | undefined,
    err: unknown,
    latencyMs: number,
  ): Promise<void> {
    const providerError = err instanceof ProviderError ? err : undefined;
    const answered = err instanceof LlmAnswerError ? err : undefined;
    try {
      await this.interactions.insert(tenantId, {
        ...this.refs(ctx),
        provider: identity?.provider ?? providerError?.provider ?? 'unknown',
        model: answered?.usage.model ?? identity?.model ?? 'unknown',
        promptVersion: answered?.promptVersion ?? null,
        output: { error: redact(err instanceof Error ? err.message : String(err)) },
        success: false,
        qualified: null,
        errorCode: providerError?.kind ?? 'error',
        inputTokens: whole(answered?.usage.input_tokens ?? 0),
        outputTokens: whole(answered?.usage.output_tokens ?? 0),
        costUsd: Math.max(0, answered?.usage.cost_usd || 0),
        latencyMs: answered ? whole(answered.usage.latency_ms) : latencyMs,
        createdAt: this.clock.now(),
      });
    } catch (recordErr) {
      // The caller gets the model's failure, not the ledger's.
      this.logger.error(
        { err: recordErr, tenant_id: tenantId, kind: ctx.kind },
        'Could not record an AI failure',
      );
    }
  }
}

/** What a message written by the AI stores of the call that wrote it (messages.ai_usage). */
export function aiMessageUsage(result: LlmCallResult<unknown>): AiMessageUsage {
  return {
    interaction_id: result.interaction_id,
    provider: result.usage.provider,
    model: result.usage.model,
    prompt_version: result.prompt_version,
    input_tokens: whole(result.usage.input_tokens),
    output_tokens: whole(result.usage.output_tokens),
    cost_usd: result.usage.cost_usd,
  };
}

function whole(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/**
 * An error text as stored: bounded, without anything shaped like an API key, and storable (a server's error text or a
 * parser's quote of its answer may hold a NUL, which jsonb refuses: the failure would go unrecorded).
 */
function redact(message: string): string {
  return storableText(message.replace(/\b(sk|rk|pk)-[A-Za-z0-9_*-]{8,}/g, '$1-********').slice(0, 500));
}
