import { ProviderError } from '../provider-error';
import type { LlmUsage } from './llm-tasks';

export interface LlmAnswerErrorInit {
  message: string;
  /** What the answer cost, as the provider reported it. */
  usage: LlmUsage;
  /** The prompt (or local rules) the model answered. */
  promptVersion: string;
  /** Whether asking again may give a usable answer; default false. */
  retryable?: boolean;
}

/**
 * A model answered, and the answer was billed, but it cannot be used: a refusal, an answer cut off or empty, or one
 * that fails the task's validation. A ProviderError `invalid_response` that carries the usage the provider reported,
 * so that the failed call's tokens and cost are recorded as a successful call's are.
 */
export class LlmAnswerError extends ProviderError {
  readonly usage: LlmUsage;
  readonly promptVersion: string;

  constructor(init: LlmAnswerErrorInit) {
    super({
      provider: init.usage.provider,
      kind: 'invalid_response',
      message: init.message,
      retryable: init.retryable ?? false,
      mayHaveBeenSent: true,
    });
    this.usage = init.usage;
    this.promptVersion = init.promptVersion;
  }
}
