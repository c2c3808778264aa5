import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { AgentRoomsGateway } from './agent-rooms.gateway';
import { ConversationRoomsGateway } from './conversation-rooms.gateway';
import { LiveGateway } from './live.gateway';

@Module({ imports: [AuthModule], providers: [LiveGateway, ConversationRoomsGateway, AgentRoomsGateway] })
export class GatewayModule {}
