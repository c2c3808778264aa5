/** How much of a timed-out wait's explanation goes into its error. */
const EXPLANATION_CHARS = 6000;

/**
 * Polls `probe` until it answers a value (not undefined, and not false: a probe that answers a comparison waits
 * for it to hold), or fails after `timeoutMs`. `explain`, when given, is
 * asked on a timeout for the state the wait was stuck on (rows, say), which the error then carries: a failure on a
 * loaded CI machine explains itself.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
  explain?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(await timedOut(timeoutMs, what, explain));
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function timedOut(timeoutMs: number, what: string, explain?: () => Promise<unknown>): Promise<string> {
  const message = `Timed out after ${timeoutMs} ms waiting for ${what}`;
  if (!explain) return message;
  const state = await explain().then(
    (s) => JSON.stringify(s, null, 1),
    (err: unknown) => `(the explanation failed: ${String(err)})`,
  );
  return `${message}; the state then: ${state.slice(0, EXPLANATION_CHARS)}`;
}
