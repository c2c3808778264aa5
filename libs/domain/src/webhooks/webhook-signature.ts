import { createHmac, randomBytes } from 'node:crypto';

/** The headers every delivery carries (besides Content-Type and User-Agent). */
export const WEBHOOK_HEADERS = {
  signature: 'X-Reachline-Signature',
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
 * The body POSTed and its header signature. `unsigned` is the JSON `{ id, event, data, timestamp }`; the body sent
 * is that object with `signature` added last: the signature of `unsigned` (so a seed client re-serialising the body
 * without its `signature` field, keys in order, checks it). The header `X-Reachline-Signature` signs the raw body
 * exactly as received, which holds the event id and timestamp.
 */
export function signedDelivery(secret: string, unsigned: string): { body: string; signature: string } {
  const body = `${unsigned.slice(0, -1)},"signature":${JSON.stringify(webhookSignature(secret, unsigned))}}`;
  return { body, signature: webhookSignature(secret, body) };
}
