import { AuthModule } from '@app/auth';
import { Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';

@Module({ imports: [AuthModule], providers: [LiveGateway] })
export class GatewayModule {}
