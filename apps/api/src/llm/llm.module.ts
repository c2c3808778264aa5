import { Module } from '@nestjs/common';
import { LlmController } from './llm.controller';

/** The tenant's LLM: providers, config and the test prompt (issue 7, seed 002). */
@Module({ controllers: [LlmController] })
export class LlmModule {}
