/** The backoff strategy of the platform's jobs, registered with every queue (QueuesModule). */
export const RETRY_BACKOFF = 'exponential_or_retry_after';

/** The first wait between two attempts of a job; each retry doubles it. */
export const RETRY_BACKOFF_BASE_MS = 2000;

/** The longest wait a provider's Retry-After may set between two attempts (a day's quota spent says 24 h). */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * How long a job that failed waits before its next attempt: exponential backoff (`delay`, `3 × delay`,
 * `7 × delay`...), or longer when the error carries the wait a provider asked for (`retryAfterMs`, a ProviderError
 * of a 429 whose Retry-After was longer than the call itself would sit through): the job then comes back no sooner
 * than the provider said, instead of spending its attempts on refusals.
 */
export function retryBackoffMs(
  attemptsMade: number,
  err: unknown,
  options: { delay?: number } | null | undefined,
): number {
  const delay = options?.delay ?? RETRY_BACKOFF_BASE_MS;
  const backoff = Math.round((2 ** attemptsMade - 1) * delay);
  const asked = (err as { retryAfterMs?: unknown } | null | undefined)?.retryAfterMs;
  return typeof asked === 'number' && Number.isFinite(asked) && asked > backoff
    ? Math.min(asked, MAX_RETRY_AFTER_MS)
    : backoff;
}
