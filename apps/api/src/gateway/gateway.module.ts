import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { ConversationRoomsGateway } from './conversation-rooms.gateway';
import { LiveGateway } from './live.gateway';

@Module({ imports: [AuthModule], providers: [LiveGateway, ConversationRoomsGateway] })
export class GatewayModule {}
