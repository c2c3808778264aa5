import type { LlmOutputDtoClass } from '../../llm/llm-output.dto';

/** A JSON schema as sent to the model (OpenAI structured outputs, strict mode). */
export type JsonSchema = Record<string, unknown>;

/**
 * One structured task as the OpenAI adapter runs it: a versioned prompt (bump `version` whenever the wording or
 * the schema changes, so every stored output names what produced it), the JSON schema the answer must follow, and
 * the DTO it is validated against before it becomes the task's output.
 */
export interface TaskPrompt<I, D extends object, O> {
  /** `<task>@<n>`, stored with every output as `prompt_version`. */
  version: string;
  /** The schema's name in `response_format` / `text.format` (letters, digits, `_`, `-`). */
  schemaName: string;
  schema: JsonSchema;
  /** The temperature when neither the input nor the adapter's options set one. */
  temperature: number;
  /** The task's temperature whatever the adapter's options say (a classification must not vary run to run). */
  fixedTemperature?: boolean;
  /** The fewest tokens the structured answer needs: any limit below it (the input's or the adapter's) is raised to it. */
  minTokens: number;
  system(input: I): string;
  user(input: I): string;
  dto: LlmOutputDtoClass<D>;
  /** Reshapes the parsed answer before validation (e.g. a strict-schema key/value list into an object). */
  prepare?(raw: unknown): unknown;
  /** The task's output from the validated answer. */
  output(dto: D, input: I): O;
  /** Rules the DTO cannot know (they depend on the input): the reasons the output breaks them, else []. */
  check?(output: O, input: I): string[];
  /** The input's own limit (an agent's), before the adapter's `maxTokens`; raised to `minTokens` like it. */
  maxTokens?(input: I): number | null;
  /** A temperature the input asks for (an agent's own), before the adapter's option. */
  inputTemperature?(input: I): number | null;
}

export const nullable = (type: 'string' | 'boolean' | 'number', description: string): JsonSchema => ({
  type: [type, 'null'],
  description,
});

/** An object schema in strict mode's form: every property required, nothing else allowed. */
export function strictObject(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** Cuts a long text to `max` characters, saying so (a prompt never carries a whole mailbox). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[... ${text.length - max} more characters cut]`;
}
