import { createHmac } from 'node:crypto';
import { safeEqual } from './safe-equal';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * The `X-Hub-Signature-256` Meta sends with a webhook: `sha256=` and the hex HMAC-SHA256 of the raw body, keyed by
 * the app secret. Sign the exact bytes sent: a re-serialised JSON body does not verify.
 */
export function signMetaPayload(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Whether `header` is Meta's signature of `rawBody` under `appSecret` (timing-safe; the prefix is required). */
export function verifyMetaSignature(
  appSecret: string,
  rawBody: Buffer | string,
  header: string | undefined | null,
): boolean {
  if (!appSecret || !header || !header.startsWith('sha256=')) return false;
  const presented = header.slice('sha256='.length).trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(presented)) return false;
  return safeEqual(signMetaPayload(appSecret, rawBody).slice('sha256='.length), presented);
}

/**
 * Meta's webhook verification handshake (GET with `hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`):
 * the challenge to echo when the token matches, else undefined (answer 403).
 */
export function answerMetaVerification(
  verifyToken: string,
  query: Record<string, unknown>,
): string | undefined {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return undefined;
  return verifyToken && safeEqual(verifyToken, token) ? challenge : undefined;
}
