import type { LlmResult, LlmUsage } from '../llm/llm-tasks';

export const LOCAL_MODEL = 'reachline-local-1';

/** Tokens as the local provider counts them: about four characters each. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Runs one local task and wraps its output with estimated usage (zero cost) and the measured latency. */
export async function localResult<T>(
  model: string,
  promptVersion: string,
  input: unknown,
  run: () => T | Promise<T>,
): Promise<LlmResult<T>> {
  const started = process.hrtime.bigint();
  const output = await run();
  const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage: LlmUsage = {
    provider: 'local',
    model,
    input_tokens: estimateTokens(typeof input === 'string' ? input : JSON.stringify(input)),
    output_tokens: estimateTokens(typeof output === 'string' ? output : JSON.stringify(output)),
    cost_usd: 0,
    latency_ms: Math.round(latencyMs * 1000) / 1000,
  };
  return { output, usage, prompt_version: promptVersion };
}
