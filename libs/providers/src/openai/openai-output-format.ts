import { openAiSdk } from './openai-sdk';
import { ProviderError } from '../provider-error';
import type { ProviderErrorInit } from '../provider-error';
import type { JsonSchema } from './prompts/task-prompt';

/**
 * How a structured task asks for its JSON, best first:
 * - `json_schema`: Structured Outputs (`response_format` / `text.format` with the strict schema);
 * - `json_object`: JSON mode, for models without Structured Outputs (gpt-4-turbo, gpt-3.5-turbo...): the answer is
 *   JSON but its shape is only what the instructions ask, so the schema goes into them;
 * - `instructions`: no format at all, for models without JSON mode either (gpt-4): the schema in the instructions.
 * Whichever it was, the answer is validated against the task's DTO the same way.
 */
export type OutputFormat = 'json_schema' | 'json_object' | 'instructions';

const NEXT: Readonly<Record<OutputFormat, Exclude<OutputFormat, 'json_schema'> | null>> = {
  json_schema: 'json_object',
  json_object: 'instructions',
  instructions: null,
};

/** The format to ask in after the server refused `format` for the model, or null when there is none left. */
export const fallbackFormat = (format: OutputFormat): Exclude<OutputFormat, 'json_schema'> | null =>
  NEXT[format];

/**
 * A 400 saying the model (or the server) does not take a response format of this type: asking again in the next
 * format may work, where any other 400 would fail the same way.
 */
export class OutputFormatRefusedError extends ProviderError {
  constructor(
    init: ProviderErrorInit,
    readonly format: 'json_schema' | 'json_object',
  ) {
    super(init);
  }
}

/**
 * The response format a 400 refuses, or null for any other error. OpenAI answers, on both APIs (param
 * `response_format` or `text.format`, sometimes null or empty, code null):
 *   Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model. Learn more...
 *   Invalid parameter: 'text.format' of type 'json_schema' is not supported with model version `gpt-3.5-turbo`.
 *   Invalid parameter: 'response_format' of type 'json_object' is not supported with this model.
 * and some OpenAI-compatible servers name the value they refuse in the format's type
 * (param `response_format.type`): The parameter `response_format.type` specified in the request are not valid:
 * invalid value: `json_schema`, supported values are: `json_object` and `text`.
 * A schema OpenAI cannot use (`invalid_json_schema`) or a missing word "json" is not a refusal of the format.
 */
export function refusedFormat(error: unknown): 'json_schema' | 'json_object' | null {
  const sdk = openAiSdk.loaded();
  if (!sdk || !(error instanceof sdk.APIError) || error.status !== 400) return null;
  const inner: unknown = error.error;
  const detail = typeof inner === 'string' ? inner : (inner as { message?: unknown } | undefined)?.message;
  if (typeof detail !== 'string') return null;
  const openAi =
    /'(?:response_format|text\.format)' of type '(json_schema|json_object)' is not supported/i.exec(detail);
  if (openAi) return openAi[1].toLowerCase() as 'json_schema' | 'json_object';
  const param = error.param ?? '';
  if (param === 'response_format.type' || param === 'text.format.type') {
    const compatible = /invalid value:?\s*[`'"]?(json_schema|json_object)\b/i.exec(detail);
    if (compatible) return compatible[1].toLowerCase() as 'json_schema' | 'json_object';
  }
  return null;
}

/** The task's instructions with the schema its answer must follow, for a format that does not carry it. */
export function withSchemaInstructions(system: string, schema: JsonSchema): string {
  return [
    system,
    '',
    '# Answer format',
    'Answer with one JSON object and nothing else: no Markdown, no text before or after it. The JSON object must ' +
      'follow this JSON schema: every property present, no other property, null only where the schema allows it.',
    JSON.stringify(schema),
  ].join('\n');
}

/**
 * The format a model on a server was last seen to take, so that later calls do not ask in a format it refused.
 * Kept in this process's memory on purpose: it only saves the round trip of a refused request (a 400 costs no
 * tokens), and a process that does not know it (another worker, after a restart) learns it again the same way. An
 * entry expires, so a server that gains Structured Outputs (an upgraded vLLM or Ollama) is asked in it again.
 */
const LEARNED_TTL_MS = 60 * 60 * 1000;
const LEARNED_MAX = 500;
const learned = new Map<string, { format: OutputFormat; until: number }>();

export function learnedFormat(key: string, now: Date): OutputFormat | null {
  const entry = learned.get(key);
  if (!entry) return null;
  if (entry.until > now.getTime()) return entry.format;
  learned.delete(key);
  return null;
}

export function learnFormat(key: string, format: OutputFormat, now: Date): void {
  learned.delete(key);
  if (learned.size >= LEARNED_MAX) learned.delete(learned.keys().next().value as string);
  learned.set(key, { format, until: now.getTime() + LEARNED_TTL_MS });
}
