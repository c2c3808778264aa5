import { timingSafeEqual } from 'node:crypto';
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** Form fields of a Twilio webhook, as parsed from `application/x-www-form-urlencoded`. */
export type TwilioWebhookParams = Record<string, string | string[]>;

/**
 * The `X-Twilio-Signature` Twilio sends for a POST of `params` to `url` (HMAC-SHA1 of the full URL followed by the
 * sorted parameter names and values, keyed by the auth token, base64). The simulator signs its callbacks with it.
 * `url` is the exact public URL the provider called, query string included (DESIGN §3: from PUBLIC_BASE_URL).
 */
export function signTwilioRequest(authToken: string, url: string, params: TwilioWebhookParams = {}): string {
  return getExpectedTwilioSignature(authToken, url, params);
}

/**
 * Whether `signature` is Twilio's signature of this request, checked with the `twilio` library: first of the URL
 * exactly as given (what Twilio signs, one HMAC), else with every variant the library accepts (with and without
 * the port, normalised), which costs several URL parses and HMACs.
 */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | undefined | null,
  url: string,
  params: TwilioWebhookParams = {},
): boolean {
  if (!signature || !authToken) return false;
  const given = Buffer.from(signature);
  const exact = Buffer.from(getExpectedTwilioSignature(authToken, url, params));
  if (given.length === exact.length && timingSafeEqual(given, exact)) return true;
  return validateRequest(authToken, signature, url, params);
}
