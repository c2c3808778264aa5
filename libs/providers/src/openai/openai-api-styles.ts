import { storableText } from '@app/common';
import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { ProviderError } from '../provider-error';
import { OPENAI } from './openai-error.mapper';
import type { OutputFormat } from './openai-output-format';
import type { JsonSchema } from './prompts/task-prompt';

/** One model request, whichever API carries it. */
export interface ModelRequest {
  model: string;
  system: string | null;
  user: string;
  /** Null: the server's default (also for models that take none). */
  temperature: number | null;
  maxTokens: number | null;
  /**
   * The JSON schema the answer must follow, null for plain text; `format`: how it is asked for (Structured Outputs,
   * JSON mode, or neither: the schema is then in `system`, see withSchemaInstructions).
   */
  jsonSchema: { name: string; schema: JsonSchema; format: OutputFormat } | null;
}

/** What came back: the answer's text and the usage the server reported (null when it reported none). */
export interface ModelAnswer {
  /** As it can be stored: a NUL or a lone surrogate (JSON allows both) is U+FFFD. */
  text: string;
  /** Why the answer cannot be used (a refusal, an answer cut off or empty), else null; its tokens were spent anyway. */
  problem: string | null;
  /** The model that answered (often a dated variant of the one asked), else the one asked. */
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface RequestSettings {
  signal: AbortSignal;
  timeoutMs: number;
}

/** Reasoning models (o1, o3, o4-mini, gpt-5...) take no temperature and count `max_completion_tokens`. */
export function isReasoningModel(model: string): boolean {
  return /^(openai\/)?(o\d|gpt-5)/i.test(model.trim());
}

/** The most tokens a call is believed to count (an integer column's limit); a larger count is no count. */
const MAX_TOKEN_COUNT = 2_147_483_647;

/** A token count the server reported, or null when it reported none that can be true. */
const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TOKEN_COUNT
    ? Math.round(value)
    : null;

/** Chat Completions (`POST /chat/completions`), the API every OpenAI-compatible server speaks. */
export async function callChatCompletions(
  client: OpenAI,
  request: ModelRequest,
  settings: RequestSettings,
): Promise<ModelAnswer> {
  const reasoning = isReasoningModel(request.model);
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      { role: 'user' as const, content: request.user },
    ],
    ...(request.temperature !== null && !reasoning ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== null
      ? reasoning
        ? { max_completion_tokens: request.maxTokens }
        : { max_tokens: request.maxTokens }
      : {}),
    ...(request.jsonSchema?.format === 'json_schema'
      ? {
          response_format: {
            type: 'json_schema' as const,
            json_schema: { name: request.jsonSchema.name, strict: true, schema: request.jsonSchema.schema },
          },
        }
      : {}),
    ...(request.jsonSchema?.format === 'json_object'
      ? { response_format: { type: 'json_object' as const } }
      : {}),
  };
  const completion = await client.chat.completions.create(body, {
    signal: settings.signal,
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
  const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
  const content = choice?.message?.content;
  const problem = chatProblem(choice, request.jsonSchema !== null);
  return {
    text: problem || typeof content !== 'string' ? '' : storableText(content),
    problem,
    model: answeredModel(completion?.model, request),
    inputTokens: count(completion?.usage?.prompt_tokens),
    outputTokens: count(completion?.usage?.completion_tokens),
  };
}

function chatProblem(choice: ChatCompletion.Choice | undefined, structured: boolean): string | null {
  if (!choice?.message) return `${OPENAI} answered a chat completion without a choice`;
  if (choice.message.refusal) return `${OPENAI} model refused the task`;
  if (choice.finish_reason === 'content_filter') return `${OPENAI} content filter stopped the answer`;
  if (choice.finish_reason === 'length' && structured) {
    return `${OPENAI} answer was cut off at the token limit`;
  }
  const content = choice.message.content;
  if (typeof content !== 'string' || content.trim() === '') return `${OPENAI} answered an empty message`;
  return null;
}

/**
 * The model that answered (often a dated variant of the one asked), else the one asked: also when the name given
 * is none a model has (blank, spaced, past 100 characters, as PATCH llm/providers takes a model's).
 */
const answeredModel = (model: unknown, request: ModelRequest): string =>
  typeof model === 'string' && /^\S{1,100}$/.test(model) ? model : request.model;

/** The Responses API (`POST /responses`); nothing is stored at the provider (`store: false`). */
export async function callResponses(
  client: OpenAI,
  request: ModelRequest,
  settings: RequestSettings,
): Promise<ModelAnswer> {
  const reasoning = isReasoningModel(request.model);
  // JSON mode wants the word "json" in the input messages, and the instructions are not among them: the task's
  // instructions go in as a developer message instead.
  const jsonMode = request.jsonSchema?.format === 'json_object';
  const body: ResponseCreateParamsNonStreaming = {
    model: request.model,
    ...(request.system && !jsonMode ? { instructions: request.system } : {}),
    input: [
      ...(request.system && jsonMode ? [{ role: 'developer' as const, content: request.system }] : []),
      { role: 'user', content: request.user },
    ],
    store: false,
    ...(request.temperature !== null && !reasoning ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== null ? { max_output_tokens: request.maxTokens } : {}),
    ...(request.jsonSchema?.format === 'json_schema'
      ? {
          text: {
            format: {
              type: 'json_schema' as const,
              name: request.jsonSchema.name,
              strict: true,
              schema: request.jsonSchema.schema,
            },
          },
        }
      : {}),
    ...(jsonMode ? { text: { format: { type: 'json_object' as const } } } : {}),
  };
  const response = await client.responses.create(body, {
    signal: settings.signal,
    timeout: settings.timeoutMs,
    maxRetries: 0,
  });
  if (response?.status === 'failed') {
    const code = response.error?.code ?? undefined;
    // A failed response is the server's trouble (server_error, rate limits...): worth another attempt.
    throw new ProviderError({
      provider: OPENAI,
      kind: code === 'rate_limit_exceeded' ? 'rate_limited' : 'unavailable',
      message: `${OPENAI} response failed${code ? ` (${code})` : ''}`,
      providerCode: code,
    });
  }
  const parts: string[] = [];
  let refused = false;
  for (const item of Array.isArray(response?.output) ? response.output : []) {
    if (item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (part.type === 'refusal') refused = true;
      if (part.type === 'output_text' && typeof part.text === 'string') parts.push(part.text);
    }
  }
  const text = parts.join('');
  const problem =
    response?.status === 'incomplete' && request.jsonSchema
      ? `${OPENAI} answer is incomplete (${response.incomplete_details?.reason ?? 'unknown reason'})`
      : refused
        ? `${OPENAI} model refused the task`
        : text.trim() === ''
          ? `${OPENAI} answered a response without output text`
          : null;
  return {
    text: problem ? '' : storableText(text),
    problem,
    model: answeredModel(response?.model, request),
    inputTokens: count(response?.usage?.input_tokens),
    outputTokens: count(response?.usage?.output_tokens),
  };
}
