import type { Provider } from '@nestjs/common';
import { AgentGroupsRepository } from './agent-groups.repository';
import { AgentGroupsService } from './agent-groups.service';
import { AgentSockets } from './agent-sockets';
import { AgentStatusService } from './agent-status.service';
import { AgentsRepository } from './agents.repository';
import { AgentsService } from './agents.service';

/** Agents and agent groups (issue 6 item 2): exported services. */
export const AGENT_SERVICES: Provider[] = [
  AgentsService,
  AgentStatusService,
  AgentSockets,
  AgentGroupsService,
  AgentsRepository,
  AgentGroupsRepository,
];

export const AGENT_PROVIDERS: Provider[] = [...AGENT_SERVICES];
