import { createHmac } from 'node:crypto';
import { safeEqual } from './safe-equal';

/**
 * Mailgun signs every webhook post, a route's forward() included, with three form fields: `timestamp`, `token` (a
 * random string) and `signature`, the hex HMAC-SHA256 of timestamp and token concatenated, keyed by the account's
 * HTTP webhook signing key.
 */
export function signMailgunWebhook(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey).update(`${timestamp}${token}`).digest('hex');
}

/** Whether the form's `signature` is Mailgun's for its `timestamp` and `token` under `signingKey` (timing-safe). */
export function verifyMailgunSignature(
  signingKey: string,
  form: { timestamp?: string; token?: string; signature?: string },
): boolean {
  const { timestamp, token, signature } = form;
  if (!signingKey || !timestamp || !token || !signature) return false;
  const presented = signature.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(presented)) return false;
  return safeEqual(signMailgunWebhook(signingKey, timestamp, token), presented);
}
