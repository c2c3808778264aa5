import type { ProviderError } from '../provider-error';

export interface RetryPolicy {
  /** Retries after the first attempt (0: one attempt only). */
  maxRetries: number;
  /** The first backoff; each retry doubles it. */
  baseMs: number;
  /** The longest backoff between two attempts. */
  maxDelayMs: number;
  /**
   * The longest server-requested wait (`retry-after`) we sit through; a longer one ends the call with the
   * rate-limit error (carrying `retryAfterMs`) so that the caller's job can come back later.
   */
  maxRetryAfterMs: number;
}

/**
 * How long to wait before retry number `retry` (0-based) after `error`, or null when it must not be retried:
 * the error is not retryable, or the server asks for a longer wait than the policy sits through. Without a
 * server-requested wait: exponential backoff with jitter, between half and all of `baseMs * 2^retry` (capped).
 */
export function retryDelayMs(
  error: ProviderError,
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (!error.retryable || retry >= policy.maxRetries) return null;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs > policy.maxRetryAfterMs ? null : error.retryAfterMs;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryHooks {
  onRetry?: (error: ProviderError, retry: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails with an error that must not be retried, or has been retried
 * `policy.maxRetries` times; the last error is thrown. `attempt` must throw ProviderError only.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry + 1);
    } catch (error) {
      const delay = retryDelayMs(error as ProviderError, retry, policy, hooks.random);
      if (delay === null) throw error;
      hooks.onRetry?.(error as ProviderError, retry + 1, delay);
      await (hooks.sleep ?? wait)(delay);
    }
  }
}
