import { AnyCase, MaxChars, Optional } from '@app/common';
import { LLM_PROVIDERS } from '@app/db';
import type { LlmProviderChoice } from '@app/db';
import type { LlmConfigInput } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const noTrailingSlash = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\/+$/, '') : value;

export class UpdateLlmProvidersDto {
  @ApiPropertyOptional({
    enum: LLM_PROVIDERS,
    example: 'openai',
    description:
      'Left out: the tenant’s current provider (as GET llm/providers shows it), so a body of credentials or settings alone updates them in place. Any case',
  })
  @Optional()
  @AnyCase()
  @IsIn(LLM_PROVIDERS)
  provider?: LlmProviderChoice;

  @ApiPropertyOptional({
    example: 'gpt-4o-mini',
    description:
      'Left out: kept while the provider stays, else the default (openai: OPENAI_MODEL; local: reachline-local-1)',
  })
  @Optional()
  @IsString()
  @Transform(trim)
  @Matches(/^\S{1,100}$/, { message: 'must be a model name (1-100 characters, no spaces)' })
  model?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'sk-proj-your-key',
    nullable: true,
    description:
      'openai only (alias apiKey). Stored encrypted, never returned; left out keeps the stored key; null removes it. Without a key of its own the tenant uses the platform’s, which is only sent to the platform’s base URL.',
  })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @Matches(/^\S{1,500}$/, { message: 'must be an API key (1-500 characters, no spaces)' })
  api_key?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'http://localhost:11434/v1',
    nullable: true,
    description:
      'openai only (alias baseUrl): an OpenAI-compatible server (vLLM, Ollama, LM Studio); null: the platform’s OPENAI_BASE_URL',
  })
  @IsOptional()
  @IsString()
  @Transform(noTrailingSlash)
  @MaxChars(500)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'], disallow_auth: true },
    { message: 'must be an http(s) URL without credentials in it (the key goes in api_key)' },
  )
  base_url?: string | null;

  @ApiPropertyOptional({
    enum: ['chat', 'responses'],
    example: 'chat',
    description:
      'openai only (alias apiStyle): Chat Completions (every compatible server) or Responses. Any case',
  })
  @Optional()
  @AnyCase()
  @IsIn(['chat', 'responses'])
  api_style?: 'chat' | 'responses';

  @ApiPropertyOptional({
    type: Number,
    example: 0.7,
    nullable: true,
    description:
      '0-2, for written messages, the product-context chat and agents without their own; classification always runs at 0. null clears it',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number | null;

  @ApiPropertyOptional({
    type: Number,
    example: 800,
    nullable: true,
    description:
      'Alias maxTokens: the most output tokens of a call, 1-32000, raised to what a structured answer needs at least (400 for a classification); null clears it',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32_000)
  max_tokens?: number | null;
}

export function llmConfigInput(dto: UpdateLlmProvidersDto): LlmConfigInput {
  return {
    provider: dto.provider,
    model: dto.model,
    api_key: dto.api_key,
    base_url: dto.base_url,
    api_style: dto.api_style,
    temperature: dto.temperature,
    max_tokens: dto.max_tokens,
  };
}
