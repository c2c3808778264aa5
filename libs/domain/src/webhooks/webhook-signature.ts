import { createHmac, randomBytes } from 'node:crypto';

/** The headers every delivery carries (besides Content-Type and User-Agent). */
export const WEBHOOK_HEADERS = {
  signature: 'X-Reachline-Signature',
  /** While a rotated-out secret is still valid: the raw body's signature with it. */
  previousSignature: 'X-Reachline-Signature-Previous',
  timestamp: 'X-Reachline-Timestamp',
  event: 'X-Reachline-Event',
  eventId: 'X-Reachline-Event-Id',
  delivery: 'X-Reachline-Delivery',
} as const;

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `sha256=<hex>` of HMAC-SHA256 over `payload` with `secret` (seed 004's verifyWebhook). */
export function webhookSignature(secret: string, payload: string): string {
  return `sha256=${createHmac('sha256', secret).update(payload, 'utf8').digest('hex')}`;
}

/**
 * The body POSTed for one attempt and its header signature. `stored` is the delivery's JSON `{ id, event, data,
 * timestamp }` (`timestamp`: the event's time, the same on every attempt); the body sent adds `sent_at`, this
 * attempt's time (what `X-Reachline-Timestamp` carries, so a receiver's replay window checks a signed time that a
 * retry renews), then `signature` last: the signature of the body without it (so a seed client re-serialising the
 * body without its `signature` field, keys in order, checks it). The header `X-Reachline-Signature` signs the raw
 * body exactly as received (seed 004's verifyWebhook), which holds the event id and both times.
 */
export function signedDelivery(
  secret: string,
  stored: string,
  sentAt: Date,
): { body: string; signature: string; timestamp: string } {
  const unsigned = `${stored.slice(0, -1)},"sent_at":${JSON.stringify(sentAt.toISOString())}}`;
  const body = `${unsigned.slice(0, -1)},"signature":${JSON.stringify(webhookSignature(secret, unsigned))}}`;
  return {
    body,
    signature: webhookSignature(secret, body),
    timestamp: String(Math.floor(sentAt.getTime() / 1000)),
  };
}
