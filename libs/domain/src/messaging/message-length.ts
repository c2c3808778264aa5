import { AppError } from '@app/common';
import type { MessagingChannel } from '@app/providers';

/**
 * The longest body each provider takes, as its documentation states: Twilio's `Body` 1,600 characters on SMS and
 * WhatsApp; a WhatsApp Cloud text 4,096 and a media caption 1,024; a Telegram text 4,096 and a caption 1,024. The
 * simulator stands in for Twilio (SMS, WhatsApp) and Telegram. Email has no such limit.
 */
export function bodyLimit(channel: MessagingChannel, provider: string, withMedia: boolean): number | null {
  if (channel === 'email') return null;
  if (provider === 'twilio' || (provider === 'simulator' && channel !== 'telegram')) return 1600;
  return withMedia ? 1024 : 4096;
}

/**
 * Refuses (400 naming `body`) a body longer than the channel's provider takes, before anything is stored: sent, it
 * would only come back rejected. A template's text is the provider's, not ours.
 */
export function checkBodyLength(
  channel: MessagingChannel,
  provider: string,
  input: { body?: string | null; template?: unknown; withMedia: boolean },
): void {
  if (!input.body || input.template) return;
  const limit = bodyLimit(channel, provider, input.withMedia);
  const length = [...input.body].length;
  if (limit !== null && length > limit) {
    throw AppError.field(
      'body',
      `is ${length} characters: ${provider} takes at most ${limit} on ${channel}` +
        (input.withMedia ? ' with a file (a caption)' : ''),
    );
  }
}
