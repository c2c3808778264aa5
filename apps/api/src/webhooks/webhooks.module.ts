import { Module } from '@nestjs/common';
import { EmailInboundWebhooksController } from './email-inbound-webhooks.controller';
import { TelegramWebhooksController } from './telegram-webhooks.controller';
import { TwilioVoiceWebhooksController } from './twilio-voice-webhooks.controller';
import { TwilioWebhooksController } from './twilio-webhooks.controller';
import { TwilioMessagingChannels } from './twilio-messaging-channels';
import { TwilioStatusRoute } from './twilio-status.route';
import { MailgunReplays } from './mailgun-replays';
import { WebhookChannels } from './webhook-channels';
import { WhatsAppWebhooksController } from './whatsapp-webhooks.controller';

/** Provider webhooks under /webhooks (no JWT, no rate limit): verify, record, queue, answer fast. */
@Module({
  controllers: [
    TwilioWebhooksController,
    TwilioVoiceWebhooksController,
    WhatsAppWebhooksController,
    TelegramWebhooksController,
    EmailInboundWebhooksController,
  ],
  providers: [WebhookChannels, TwilioMessagingChannels, TwilioStatusRoute, MailgunReplays],
})
export class WebhooksModule {}
