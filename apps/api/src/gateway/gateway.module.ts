import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { AgentRoomsGateway } from './agent-rooms.gateway';
import { AgentSocketPresence } from './agent-socket-presence';
import { ConversationRoomsGateway } from './conversation-rooms.gateway';
import { LiveGateway } from './live.gateway';
import { SocketCaller } from './socket-caller';
import { SocketCloseWork } from './socket-close-work';
import { UserSockets } from './user-sockets';
import { RateLimitModule } from '../rate-limit/rate-limit.module';

@Module({
  imports: [AuthModule, RateLimitModule],
  providers: [
    LiveGateway,
    ConversationRoomsGateway,
    AgentRoomsGateway,
    AgentSocketPresence,
    SocketCaller,
    SocketCloseWork,
    UserSockets,
  ],
})
export class GatewayModule {}
