import type { Provider } from '@nestjs/common';
import { AiInteractionsRepository } from './ai-interactions.repository';
import { LlmConfigResolver } from './llm-config-resolver';
import { LlmConfigService } from './llm-config.service';
import { LlmHealthService } from './llm-health.service';
import { LlmConfigsRepository } from './llm-configs.repository';
import { LlmManager } from './llm-manager.service';
import { LlmTestPromptService } from './llm-test-prompt.service';

/** What the LLM domain exports to both apps. */
export const LLM_SERVICES = [LlmManager, LlmConfigService, LlmHealthService, LlmTestPromptService];

export const LLM_PROVIDERS: Provider[] = [
  ...LLM_SERVICES,
  LlmConfigResolver,
  LlmConfigsRepository,
  AiInteractionsRepository,
];
