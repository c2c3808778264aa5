import { ProviderError } from './provider-error';

/** Twilio's answers to changing a call that is over: 20404 (no such call, or no longer live), 21220 (not in progress). */
const ENDED_CALL_CODES: ReadonlySet<string> = new Set(['20404', '21220']);

/**
 * Whether a failed change of a call (new TwiML, a hang-up) failed because the call is already over: the person hung
 * up first. Nothing is left to do then, and a retry would only fail the same way; the call's own status callback
 * records its end.
 */
export function isEndedCallError(err: unknown): boolean {
  return err instanceof ProviderError && !!err.providerCode && ENDED_CALL_CODES.has(err.providerCode);
}
