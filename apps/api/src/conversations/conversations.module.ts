import { Module } from '@nestjs/common';
import { ChannelInboxController } from './channel-inbox.controller';
import { ConversationsController } from './conversations.controller';

@Module({ controllers: [ConversationsController, ChannelInboxController] })
export class ConversationsModule {}
