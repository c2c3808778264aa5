import { Module } from '@nestjs/common';
import { AgentGroupsController } from './agent-groups.controller';
import { AgentsController } from './agents.controller';

/** Agents and agent groups (issue 6 item 2). */
@Module({ controllers: [AgentsController, AgentGroupsController] })
export class AgentsModule {}
