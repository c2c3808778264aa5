import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';

/** Calls (issue 6 item 8): records, manual logs, statistics. */
@Module({ controllers: [CallsController] })
export class CallsModule {}
