import type { ChannelProvider } from '@app/db';
import { SIMULATOR_DEFAULT_SENDERS, type MessagingChannel } from '@app/providers';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/**
 * Who sends on a tenant's channel, as providers count their rate limits: the Twilio number (or Messaging Service),
 * the WhatsApp Cloud phone_number_id, the Telegram bot (the id before the token's colon), the SMTP account, the
 * simulator's address. Never a secret: it names Redis keys.
 */
export function channelSenderOf(
  provider: ChannelProvider,
  channel: MessagingChannel,
  credentials: Record<string, unknown>,
  settings: Record<string, unknown>,
): string {
  const from = text(settings.from);
  switch (provider) {
    case 'twilio':
      return (
        from ??
        (channel === 'whatsapp' ? text(credentials.whatsapp_from) : undefined) ??
        text(credentials.from) ??
        text(credentials.messaging_service_sid) ??
        text(credentials.account_sid) ??
        'twilio'
      );
    case 'whatsapp_cloud':
      return text(credentials.phone_number_id) ?? 'whatsapp_cloud';
    case 'telegram':
      return text(credentials.bot_token)?.split(':')[0] ?? 'telegram';
    case 'smtp':
      return `${text(credentials.user) ?? text(credentials.from) ?? ''}@${text(credentials.host) ?? ''}`;
    default:
      return from ?? SIMULATOR_DEFAULT_SENDERS[channel];
  }
}
