import { Module } from '@nestjs/common';
import { EmailTrackingController } from './email-tracking.controller';
import { MessagesController } from './messages.controller';
import { UnknownMessagesController } from './unknown-messages.controller';
import { WhatsAppAnalyticsController } from './whatsapp-analytics.controller';

@Module({
  controllers: [
    UnknownMessagesController,
    MessagesController,
    WhatsAppAnalyticsController,
    EmailTrackingController,
  ],
})
export class MessagesModule {}
