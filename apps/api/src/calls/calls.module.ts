import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';
import { PreviewCallsController } from './preview-calls.controller';

/** Calls (issue 6 item 8): records, manual logs, statistics; preview dialing's decisions. */
@Module({ controllers: [CallsController, PreviewCallsController] })
export class CallsModule {}
