import type { AiAgentConfig, AiAgentStatus } from '@app/db';

/** An AI agent as clients send it (seed 004's create body, PATCH's fields); DTOs have validated the shapes. */
export interface AiAgentInput {
  name?: string;
  type?: string;
  status?: AiAgentStatus;
  capabilities?: string[];
  /** PATCH merges it into the stored config: a key sent changes, null clears it. */
  config?: AiAgentConfigInput;
}

export interface AiAgentConfigInput {
  model?: string | null;
  temperature?: number | null;
  max_tokens?: number | null;
  system_prompt?: string | null;
}

export interface AiAgentFilter {
  status?: AiAgentStatus;
  type?: string;
}

const CONFIG_KEYS = ['model', 'temperature', 'max_tokens', 'system_prompt'] as const;

/** The stored config after `input` (keys left out kept, null removed); keys always in the same order. */
export function mergeAgentConfig(
  current: AiAgentConfig,
  input: AiAgentConfigInput | undefined,
): AiAgentConfig {
  const out: AiAgentConfig = {};
  for (const key of CONFIG_KEYS) {
    const value = input && input[key] !== undefined ? input[key] : current[key];
    if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Capabilities trimmed, lower-cased and without repeats, in the order sent. */
export function normalizeCapabilities(capabilities: string[]): string[] {
  return [...new Set(capabilities.map((c) => c.trim().toLowerCase()).filter(Boolean))];
}
