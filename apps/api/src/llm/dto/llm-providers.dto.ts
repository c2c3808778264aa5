import { LLM_PROVIDERS } from '@app/db';
import type { LlmProvidersView } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ActiveLlmDto {
  @ApiProperty({ enum: LLM_PROVIDERS, example: 'openai' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty({
    type: String,
    example: 'https://api.openai.com/v1',
    nullable: true,
    description: 'OpenAI: the base URL called (any OpenAI-compatible server); null for local',
  })
  base_url!: string | null;
  @ApiProperty({ enum: ['chat', 'responses'], example: 'chat', nullable: true }) api_style!: string | null;
  @ApiProperty({
    example: true,
    description:
      'Whether an API key will be sent (the tenant’s own or the platform’s); the key is never shown',
  })
  key_set!: boolean;
  @ApiProperty({
    enum: ['tenant', 'platform', 'default'],
    example: 'tenant',
    description:
      'tenant: set through PATCH llm/providers; platform: the platform’s OPENAI_API_KEY; default: the built-in local provider',
  })
  source!: string;
  @ApiProperty({ type: Number, example: 0.7, nullable: true }) temperature!: number | null;
  @ApiProperty({ type: Number, example: 800, nullable: true }) max_tokens!: number | null;
}

export class LlmProviderOptionDto {
  @ApiProperty({ enum: LLM_PROVIDERS, example: 'openai' }) name!: string;
  @ApiProperty({
    example: true,
    description: 'local: always; openai: when the tenant stored a key or the platform has one',
  })
  available!: boolean;
  @ApiProperty({ type: [String], example: ['gpt-4o-mini', 'gpt-4o'], description: 'Suggested models' })
  models!: string[];
  @ApiPropertyOptional({
    example: true,
    description: 'openai: whether the tenant’s own key is stored',
  })
  key_set?: boolean;
}

export class LlmProvidersDto {
  @ApiProperty({ type: ActiveLlmDto }) active!: ActiveLlmDto;
  @ApiProperty({ type: [LlmProviderOptionDto] }) providers!: LlmProviderOptionDto[];

  static from(view: LlmProvidersView): LlmProvidersDto {
    return {
      active: { ...view.active },
      providers: view.providers.map((p) => ({ ...p, models: [...p.models] })),
    };
  }
}
