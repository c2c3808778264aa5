import { Module } from '@nestjs/common';
import { OutboundCallsController } from './outbound-calls.controller';

/** Voice broadcasts (issue 6 item 9, seed 003's outbound calls). */
@Module({ controllers: [OutboundCallsController] })
export class OutboundCallsModule {}
