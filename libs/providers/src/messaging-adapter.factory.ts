import type { EgressPolicy } from './http/egress-policy';
import { MessagingPort } from './messaging.port';
import { type Now } from './now';
import { SmtpCredentials } from './smtp/smtp-credentials';
import { SmtpMessagingAdapter } from './smtp/smtp-messaging.adapter';
import { TelegramCredentials } from './telegram/telegram-credentials';
import { TelegramMessagingAdapter } from './telegram/telegram-messaging.adapter';
import { TwilioCredentials } from './twilio/twilio-credentials';
import { TwilioMessagingAdapter } from './twilio/twilio-messaging.adapter';
import { WhatsAppCloudCredentials } from './whatsapp-cloud/whatsapp-cloud-credentials';
import { WhatsAppCloudMessagingAdapter } from './whatsapp-cloud/whatsapp-cloud-messaging.adapter';

/** A real vendor's channel config (the simulator is built by its own module). */
export type MessagingProviderConfig =
  | { provider: 'twilio'; credentials: TwilioCredentials }
  | { provider: 'whatsapp_cloud'; credentials: WhatsAppCloudCredentials }
  | { provider: 'telegram'; credentials: TelegramCredentials }
  | { provider: 'smtp'; credentials: SmtpCredentials };

/** The adapter a tenant's channel config names, built from its decrypted credentials. */
export function createMessagingAdapter(
  config: MessagingProviderConfig,
  options: { now?: Now; egress?: EgressPolicy } = {},
): MessagingPort {
  switch (config.provider) {
    case 'twilio':
      return new TwilioMessagingAdapter(config.credentials, options);
    case 'whatsapp_cloud':
      return new WhatsAppCloudMessagingAdapter(config.credentials, options);
    case 'telegram':
      return new TelegramMessagingAdapter(config.credentials, options);
    case 'smtp':
      return new SmtpMessagingAdapter(config.credentials, options);
  }
}
