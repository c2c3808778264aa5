import { storableValue } from '@app/common';
import { Logger } from '@nestjs/common';
import type OpenAI from 'openai';
import { LlmAnswerError } from '../llm/llm-answer.error';
import { validateLlmOutput } from '../llm/llm-output.dto';
import type {
  AgentRunInput,
  AgentRunOutput,
  ClassifyReplyInput,
  LlmResult,
  LlmUsage,
  ProductContextTurn,
  ProductContextTurnInput,
  PromptInput,
  ReplyClassification,
  WriteMessageInput,
  WrittenMessage,
} from '../llm/llm-tasks';
import { LlmPort } from '../llm/llm.port';
import { callChatCompletions, callResponses } from './openai-api-styles';
import type { ModelAnswer, ModelRequest } from './openai-api-styles';
import { OPENAI, openAiErrorFrom } from './openai-error.mapper';
import {
  fallbackFormat,
  learnedFormat,
  learnFormat,
  OutputFormatRefusedError,
  withSchemaInstructions,
} from './openai-output-format';
import type { OutputFormat } from './openai-output-format';
import { cappedFetch } from '../http/capped-fetch';
import type { EgressPolicy } from '../http/egress-policy';
import { openAiCostUsd } from './openai-pricing';
import { withRetries } from './openai-retry';
import { openAiSdk } from './openai-sdk';
import type { RetryPolicy } from './openai-retry';
import {
  CLASSIFY_REPLY_PROMPT,
  PRODUCT_CONTEXT_TURN_PROMPT,
  RUN_AGENT_PROMPT,
  WRITE_MESSAGE_PROMPT,
} from './prompts';
import type { TaskPrompt } from './prompts';

export interface OpenAiLlmAdapterOptions {
  /** The key sent as `Authorization: Bearer`; a keyless local server (Ollama, LM Studio) may take an empty one. */
  apiKey: string;
  /** The API root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1` (any OpenAI-compatible server). */
  baseUrl: string;
  /** Set for an endpoint the tenant chose: connections are checked against the egress policy. */
  egress?: EgressPolicy;
  model: string;
  /** `chat`: Chat Completions (every compatible server); `responses`: OpenAI's Responses API. */
  apiStyle: 'chat' | 'responses';
  /** The longest one attempt may take, headers and body. */
  timeoutMs: number;
  /** Retries after the first attempt, on 429, 5xx, timeouts and connection failures. */
  maxRetries: number;
  /** Used when the task or the input sets none; a classification keeps its own (0). */
  temperature?: number;
  /** The answer's token limit when the input sets none; a structured task's is never below its `minTokens`. */
  maxTokens?: number;
  /** The first backoff between attempts (doubled each retry, with jitter); default 500 ms. */
  retryBaseMs?: number;
  /** The longest backoff; default 8 s. */
  retryMaxDelayMs?: number;
  /** A longer `retry-after` ends the call with the rate-limit error instead of waiting; default 30 s. */
  maxRetryAfterMs?: number;
  /** The platform clock (for `Retry-After` dates). */
  now?: () => Date;
}

/** Sent as the bearer token to servers that need none (the SDK refuses an empty key). */
const KEYLESS = 'no-key';
const COMPLETE_VERSION = 'complete@1';

/** How a fallback format asks, for the log. */
const ASKING: Readonly<Record<Exclude<OutputFormat, 'json_schema'>, string>> = {
  json_object: 'in JSON mode, the schema in the instructions',
  instructions: 'without a response format, the schema in the instructions',
};

/**
 * The most of one answer read, in bytes: far over any answer of 32,000 tokens (the most a call asks), far under what
 * would strain an API process (256 MB of heap). A server that sends more is cut off there: invalid_response.
 */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** ~4 characters a token, for servers that report no usage. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * The LLM port on the `openai` SDK (issue 7), for OpenAI or any OpenAI-compatible server (vLLM, Ollama,
 * LM Studio) through `baseUrl`. Each task sends its versioned prompt with a strict JSON schema (Structured Outputs);
 * a model that refuses them is asked again in JSON mode, then without a format, the schema in the instructions (see
 * OutputFormat). The answer is parsed and validated against the task's DTO (llm-output.dto.ts). An answer that
 * fails, or that cannot be used at all (a refusal, an answer cut off or empty), is LlmAnswerError: ProviderError `invalid_response` with the reasons
 * and the usage the answer cost. Retries are ours (the SDK's are off): exponential backoff with jitter, honouring
 * `retry-after-ms` / `retry-after`, on 429, 5xx, timeouts and connection failures only. Usage reports the tokens the
 * server counted, the list-price cost (0 for unknown models) and the latency of the whole call, retries included.
 */
export class OpenAiLlmAdapter extends LlmPort {
  readonly provider = 'openai' as const;
  readonly model: string;
  /** Made at the first request (openAiSdk). */
  private client?: OpenAI;
  private readonly logger = new Logger(OpenAiLlmAdapter.name);
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;

  constructor(private readonly options: OpenAiLlmAdapterOptions) {
    super();
    if (!options.model?.trim()) throw new Error('OpenAiLlmAdapter needs a model');
    if (!options.baseUrl?.trim()) throw new Error('OpenAiLlmAdapter needs a baseUrl');
    if (!(options.timeoutMs > 0)) throw new Error('OpenAiLlmAdapter needs a positive timeoutMs');
    if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
      throw new Error('OpenAiLlmAdapter needs maxRetries >= 0');
    }
    this.model = options.model.trim();
    this.now = options.now ?? (() => new Date());
    this.retry = {
      maxRetries: options.maxRetries,
      baseMs: options.retryBaseMs ?? 500,
      maxDelayMs: options.retryMaxDelayMs ?? 8_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    };
  }

  private async openAiClient(): Promise<OpenAI> {
    const { default: OpenAI } = await openAiSdk.load();
    const options = this.options;
    // Every setting explicit, so the SDK reads no OPENAI_* variable; its own retries off (ours are tested).
    return (this.client ??= new OpenAI({
      apiKey: options.apiKey || KEYLESS,
      baseURL: options.baseUrl.trim(),
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      timeout: options.timeoutMs,
      maxRetries: 0,
      logLevel: 'off',
      fetch: cappedFetch(
        options.egress ? options.egress.fetch : (url, init) => fetch(url, init),
        MAX_ANSWER_BYTES,
      ) as unknown as typeof fetch,
    }));
  }

  /** GET …/models (OpenAI, vLLM, Ollama and LM Studio all serve it): the key and the server, at no token cost. */
  async ping(timeoutMs: number): Promise<void> {
    const client = await this.openAiClient();
    try {
      await client.models.list({ timeout: timeoutMs, maxRetries: 0 });
    } catch (error) {
      throw openAiErrorFrom(error, {
        now: this.now(),
        timeoutMs,
        timedOut: false,
        secrets: [this.options.apiKey],
      });
    }
  }

  async complete(input: PromptInput): Promise<LlmResult<string>> {
    const request = this.request({
      system: input.system?.trim() || null,
      user: input.prompt,
      temperature: input.temperature ?? this.options.temperature ?? null,
      maxTokens: input.max_tokens ?? this.options.maxTokens ?? null,
      jsonSchema: null,
    });
    const { answer, usage } = await this.call(request, COMPLETE_VERSION);
    return { output: answer.text, usage, prompt_version: COMPLETE_VERSION };
  }

  classifyReply(input: ClassifyReplyInput): Promise<LlmResult<ReplyClassification>> {
    return this.structured(CLASSIFY_REPLY_PROMPT, input);
  }

  writeMessage(input: WriteMessageInput): Promise<LlmResult<WrittenMessage>> {
    return this.structured(WRITE_MESSAGE_PROMPT, input);
  }

  productContextTurn(input: ProductContextTurnInput): Promise<LlmResult<ProductContextTurn>> {
    return this.structured(PRODUCT_CONTEXT_TURN_PROMPT, input);
  }

  runAgent(input: AgentRunInput): Promise<LlmResult<AgentRunOutput>> {
    return this.structured(RUN_AGENT_PROMPT, input);
  }

  /**
   * A structured task, in the best format the model takes: the one learned earlier in this process, else Structured
   * Outputs. A refusal of the format (a 400 naming it) asks again in the next one, at most twice; the refused
   * requests cost no tokens, and the usage's latency covers them.
   */
  private async structured<I, D extends object, O>(
    prompt: TaskPrompt<I, D, O>,
    input: I,
  ): Promise<LlmResult<O>> {
    const started = performance.now();
    const key = [this.options.baseUrl.trim(), this.options.apiStyle, this.model].join(' ');
    let format: OutputFormat = learnedFormat(key, this.now()) ?? 'json_schema';
    const system = prompt.system(input);
    const task = {
      user: prompt.user(input),
      temperature:
        prompt.inputTemperature?.(input) ??
        (prompt.fixedTemperature ? prompt.temperature : (this.options.temperature ?? prompt.temperature)),
      maxTokens: structuredLimit(prompt, input, this.options.maxTokens),
    };
    let sent: { answer: ModelAnswer; usage: LlmUsage };
    for (;;) {
      const request = this.request({
        ...task,
        system: format === 'json_schema' ? system : withSchemaInstructions(system, prompt.schema),
        jsonSchema: { name: prompt.schemaName, schema: prompt.schema, format },
      });
      try {
        sent = await this.call(request, prompt.version, started);
        break;
      } catch (error) {
        const next =
          error instanceof OutputFormatRefusedError && error.format === format && fallbackFormat(format);
        if (!next) throw error;
        this.logger.warn(
          `${OPENAI} model ${this.model} refuses response format ${format}; asking ${ASKING[next]}`,
        );
        learnFormat(key, next, this.now());
        format = next;
      }
    }
    const { answer, usage } = sent;
    const read = readStructured(prompt, input, answer.text);
    if ('problem' in read) {
      throw new LlmAnswerError({ message: read.problem, usage, promptVersion: prompt.version });
    }
    if (read.warning) this.logger.warn(read.warning);
    return { output: read.output, usage, prompt_version: prompt.version };
  }

  private request(parts: Omit<ModelRequest, 'model'>): ModelRequest {
    return { model: this.model, ...parts };
  }

  /**
   * One call with our retries; each attempt has its own deadline covering the headers and the body. An answer that
   * cannot be used is LlmAnswerError with what it cost. The latency counts from `started` (default: now).
   */
  private async call(
    request: ModelRequest,
    promptVersion: string,
    started = performance.now(),
  ): Promise<{ answer: ModelAnswer; usage: LlmUsage }> {
    const send = this.options.apiStyle === 'responses' ? callResponses : callChatCompletions;
    const client = await this.openAiClient();
    const answer = await withRetries(
      this.retry,
      async () => {
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, this.options.timeoutMs);
        try {
          return await send(client, request, {
            signal: controller.signal,
            timeoutMs: this.options.timeoutMs,
          });
        } catch (error) {
          throw openAiErrorFrom(error, {
            now: this.now(),
            timeoutMs: this.options.timeoutMs,
            timedOut,
            secrets: [this.options.apiKey],
          });
        } finally {
          clearTimeout(timer);
        }
      },
      {
        onRetry: (error, retry, delayMs) =>
          this.logger.warn(
            `${OPENAI} ${error.kind}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}; ` +
              `retry ${retry}/${this.retry.maxRetries} in ${delayMs} ms`,
          ),
      },
    );
    const usage = this.usage(request, answer, Math.round(performance.now() - started));
    if (answer.problem) throw new LlmAnswerError({ message: answer.problem, usage, promptVersion });
    return { answer, usage };
  }

  private usage(request: ModelRequest, answer: ModelAnswer, latencyMs: number): LlmUsage {
    const inputTokens = answer.inputTokens ?? estimateTokens(`${request.system ?? ''}${request.user}`);
    const outputTokens = answer.outputTokens ?? estimateTokens(answer.text);
    return {
      provider: OPENAI,
      model: answer.model,
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      cost_usd: openAiCostUsd(answer.model, inputTokens, outputTokens),
      latency_ms: latencyMs,
    };
  }
}

/**
 * The token limit of a structured task: the input's own (an agent's max_tokens), else the adapter's, never below
 * what the task's answer needs (`minTokens`), whichever of them set it; null (the server's default) when none does.
 * A lower limit only cuts the JSON short, and a cut answer is billed and unusable.
 */
function structuredLimit<I, D extends object, O>(
  prompt: TaskPrompt<I, D, O>,
  input: I,
  adapterLimit: number | undefined,
): number | null {
  const limit = prompt.maxTokens?.(input) ?? adapterLimit ?? null;
  return limit === null ? null : Math.max(limit, prompt.minTokens);
}

/**
 * A model's JSON answer, parsed, validated against the task's DTO and shaped into its output, with a warning naming
 * the side fields it had to set to null; or why it cannot be used (the answer itself is never repeated).
 */
export function readStructured<I, D extends object, O>(
  prompt: TaskPrompt<I, D, O>,
  input: I,
  text: string,
): { output: O; warning: string | null } | { problem: string } {
  let parsed: unknown;
  try {
    // A `\u0000` or a lone `\ud800` in the JSON is a character nothing can store: U+FFFD, as in plain text.
    parsed = storableValue(JSON.parse(stripCodeFence(text)));
  } catch {
    return {
      problem: `${OPENAI} answered ${prompt.version} with text that is not JSON (${text.length} characters)`,
    };
  }
  const validated = validateLlmOutput(prompt.dto, prompt.prepare ? prompt.prepare(parsed) : parsed);
  if (!validated.ok) {
    return {
      problem: `${OPENAI} answered an invalid ${prompt.version} output: ${validated.reasons.join('; ')}`,
    };
  }
  const output = prompt.output(validated.value, input);
  const broken = prompt.check?.(output, input) ?? [];
  if (broken.length > 0) {
    return { problem: `${OPENAI} answered an invalid ${prompt.version} output: ${broken.join('; ')}` };
  }
  const warning = validated.warnings.length
    ? `${OPENAI} answered ${prompt.version} with unusable side fields, set to null: ${validated.warnings.join('; ')}`
    : null;
  return { output, warning };
}

/** Servers that ignore `response_format` sometimes wrap the JSON in a Markdown fence. */
function stripCodeFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?\s*```\s*$/i.exec(text);
  return match ? match[1] : text;
}
