import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { LlmConfigService, LlmTestPromptService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LlmProvidersDto } from './dto/llm-providers.dto';
import { TestPromptDto, TestPromptResultDto } from './dto/test-prompt.dto';
import { llmConfigInput, UpdateLlmProvidersDto } from './dto/update-llm-providers.dto';

const TEST_PROMPT_DOC = {
  summary: 'Send a prompt to the tenant’s current LLM and get its raw answer (seed 002)',
  description:
    'Recorded as a test_prompt AI interaction with its tokens, cost and latency. A provider failure (bad key, rate limit, 5xx, timeout, unreadable answer) is 503 SERVICE_UNAVAILABLE with details { provider, kind, provider_status, retryable }, and is recorded too.',
};

@ApiTags('llm')
@Controller('llm')
@Authenticated()
export class LlmController {
  constructor(
    private readonly configs: LlmConfigService,
    private readonly testPrompts: LlmTestPromptService,
  ) {}

  @Get('providers')
  @Roles('manager')
  @ApiOperation({
    summary: 'The available LLM providers and which one (and which model) this tenant uses (seed 002)',
    description:
      'No config: the platform’s OpenAI when OPENAI_API_KEY is set, else the built-in local provider. Keys are never shown, only whether one is set.',
  })
  @ApiEnvelope(LlmProvidersDto)
  async providers(@CurrentAuth() auth: AuthContext) {
    return LlmProvidersDto.from(await this.configs.view(auth.tenantId));
  }

  @Patch('providers')
  @Roles('admin')
  @ApiOperation({
    summary: 'Switch the tenant’s LLM provider or model, or update its credentials (seed 002)',
    description:
      'openai needs a key: sent now, already stored, or the platform’s (only for the platform’s base URL); else 400 and nothing changes. The key is stored encrypted and never returned; api_key null removes it. Fields left out keep their values; provider left out is the current one, so { api_key } alone rotates the key. A body with none of the fields is a 400.',
  })
  @ApiBody({
    type: UpdateLlmProvidersDto,
    examples: {
      openai: { value: { provider: 'openai', model: 'gpt-4o-mini', api_key: 'sk-proj-your-key' } },
      rotateKey: {
        summary: 'A new key for the current provider (openai), all else kept',
        value: { api_key: 'sk-proj-new-key' },
      },
      ollama: {
        value: {
          provider: 'openai',
          model: 'llama3.1',
          apiKey: 'ollama',
          baseUrl: 'http://localhost:11434/v1',
        },
      },
      local: { value: { provider: 'local' } },
    },
  })
  @ApiEnvelope(LlmProvidersDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async update(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateLlmProvidersDto) {
    return LlmProvidersDto.from(await this.configs.update(auth, llmConfigInput(dto)));
  }

  @Post('test-prompt')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation(TEST_PROMPT_DOC)
  @ApiEnvelope(TestPromptResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.SERVICE_UNAVAILABLE)
  async testPrompt(@CurrentAuth() auth: AuthContext, @Body() dto: TestPromptDto) {
    return TestPromptResultDto.from(await this.testPrompts.run(auth, TestPromptDto.input(dto)));
  }

  @Post('testPrompt')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ ...TEST_PROMPT_DOC, summary: 'The same as POST llm/test-prompt (seed 002 spelling)' })
  @ApiEnvelope(TestPromptResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.SERVICE_UNAVAILABLE)
  async testPromptAlias(@CurrentAuth() auth: AuthContext, @Body() dto: TestPromptDto) {
    return this.testPrompt(auth, dto);
  }
}
