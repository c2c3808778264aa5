import { cutText } from '@app/common';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { llmFailure } from './llm-failure';
import { LlmManager } from './llm-manager.service';

export interface TestPromptInput {
  prompt: string;
  system?: string | null;
  temperature?: number;
  max_tokens?: number;
}

export interface TestPromptResult {
  response: string;
  provider: string;
  model: string;
  usage: { input_tokens: number; output_tokens: number; total_cost: number };
  latency_ms: number;
  interaction_id: string;
}

/** What of a prompt the ledger keeps (ai_interactions.input stays small). */
const STORED_CHARS = 2000;

/**
 * `POST llm/test-prompt` (seed 002): one raw prompt on the tenant's current provider, recorded as a `test_prompt`
 * interaction. A provider failure answers 503 SERVICE_UNAVAILABLE naming the failure's kind and the interaction.
 */
@Injectable()
export class LlmTestPromptService {
  constructor(private readonly llm: LlmManager) {}

  async run(auth: AuthContext, input: TestPromptInput): Promise<TestPromptResult> {
    const prompt = { prompt: input.prompt, system: input.system ?? null, ...tuning(input) };
    let result;
    try {
      result = await this.llm.call(
        auth.tenantId,
        {
          kind: 'test_prompt',
          input: {
            prompt: cutText(input.prompt, STORED_CHARS),
            system: input.system ? cutText(input.system, STORED_CHARS) : null,
            ...tuning(input),
          },
        },
        (llm) => llm.complete(prompt),
        { interactive: true },
      );
    } catch (err) {
      throw llmFailure(err);
    }
    return {
      response: result.output,
      provider: result.usage.provider,
      model: result.usage.model,
      usage: {
        input_tokens: result.usage.input_tokens,
        output_tokens: result.usage.output_tokens,
        total_cost: result.usage.cost_usd,
      },
      latency_ms: Math.round(result.usage.latency_ms),
      interaction_id: result.interaction_id,
    };
  }
}

function tuning(input: TestPromptInput): { temperature?: number; max_tokens?: number } {
  return {
    ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
    ...(input.max_tokens === undefined ? {} : { max_tokens: input.max_tokens }),
  };
}
