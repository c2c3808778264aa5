import { Module } from '@nestjs/common';
import { AiAgentsController } from './ai-agents.controller';

/** AI agents (issue 7 item 5, seed 004). */
@Module({ controllers: [AiAgentsController] })
export class AiAgentsModule {}
