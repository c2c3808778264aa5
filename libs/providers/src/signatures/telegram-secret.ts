import { randomBytes } from 'node:crypto';
import { safeEqual } from './safe-equal';

export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Telegram accepts 1-256 characters of A-Z, a-z, 0-9, `_` and `-` as a webhook secret token. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** A fresh secret token for `setWebhook` (`secret_token`), 43 url-safe characters. */
export function generateTelegramSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isValidTelegramSecretToken(token: string): boolean {
  return SECRET_TOKEN.test(token);
}

/** The headers Telegram adds to each update when the webhook was set with `secret_token` (the simulator's "signing"). */
export function signTelegramUpdate(secretToken: string): Record<string, string> {
  return { [TELEGRAM_SECRET_HEADER]: secretToken };
}

/** Whether the `X-Telegram-Bot-Api-Secret-Token` header carries the expected secret (timing-safe). */
export function verifyTelegramSecretToken(expected: string, header: string | undefined | null): boolean {
  if (!expected || !header) return false;
  return safeEqual(expected, header);
}
