import type { Provider } from '@nestjs/common';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { EmailOpensService } from './email-opens.service';
import { MessageSenderService } from './message-sender.service';
import { MessagesRepository } from './messages.repository';
import { OutboundMessagesService } from './outbound-messages.service';
import { QueuedMessagesSweeper } from './queued-messages.sweeper';
import { SmsRecipientsService } from './sms-recipients.service';
import { SenderThrottleService } from './sender-throttle.service';
import { MessageUploads } from './message-files';
import { SendingChannels } from './sending-channels';
import { UnknownMessagesService } from './unknown-messages.service';
import { WhatsAppAnalyticsService } from './whatsapp-analytics.service';

/** The outbound side of messaging and the contact policy: exported services. */
export const MESSAGING_SERVICES = [
  ContactPolicyService,
  OutboundMessagesService,
  MessageSenderService,
  ConversationsService,
  SmsRecipientsService,
  EmailOpensService,
  WhatsAppAnalyticsService,
  SendingChannels,
  UnknownMessagesService,
  MessageUploads,
];

export const MESSAGING_PROVIDERS: Provider[] = [
  ContactPolicyService,
  OutboundMessagesService,
  MessageSenderService,
  ConversationsService,
  SmsRecipientsService,
  EmailOpensService,
  WhatsAppAnalyticsService,
  ConversationsRepository,
  MessagesRepository,
  SenderThrottleService,
  UnknownMessagesService,
  QueuedMessagesSweeper,
  MessageUploads,
  { provide: SendingChannels, useExisting: ChannelConfigsService },
];
