import type { Provider } from '@nestjs/common';
import { AiAgentRunner } from './ai-agent-runner.service';
import { AiAgentsRepository } from './ai-agents.repository';
import { AiAgentsService } from './ai-agents.service';
import { AiPerformanceRepository } from './ai-performance.repository';
import { AiPerformanceService } from './ai-performance.service';

/** AI agents and their performance (issue 7 item 5): exported services. */
export const AI_AGENT_SERVICES: Provider[] = [
  AiAgentsService,
  AiAgentRunner,
  AiPerformanceService,
  AiAgentsRepository,
  AiPerformanceRepository,
];
