import { Module } from '@nestjs/common';
import { EmailTrackingController } from './email-tracking.controller';
import { MessageAttachmentsController } from './message-attachments.controller';
import { MessageUploadsController } from './message-uploads.controller';
import { PublicMediaController } from './public-media.controller';
import { MessagesController } from './messages.controller';
import { UnknownMessagesController } from './unknown-messages.controller';
import { WhatsAppAnalyticsController } from './whatsapp-analytics.controller';

@Module({
  controllers: [
    UnknownMessagesController,
    MessagesController,
    MessageUploadsController,
    MessageAttachmentsController,
    PublicMediaController,
    WhatsAppAnalyticsController,
    EmailTrackingController,
  ],
})
export class MessagesModule {}
