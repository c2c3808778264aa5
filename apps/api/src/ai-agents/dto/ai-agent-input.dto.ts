import { AnyCase, MaxChars, Optional, PageQueryDto } from '@app/common';
import { AI_AGENT_STATUSES } from '@app/db';
import type { AiAgentStatus } from '@app/db';
import type { AiAgentConfigInput, AiAgentInput } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const TYPE = /^[a-z][a-z0-9_-]{0,31}$/;

/** `config` is free-form for the alias table, so its seed spellings are renamed here. */
const CONFIG_ALIASES: Record<string, string> = { systemPrompt: 'system_prompt', maxTokens: 'max_tokens' };
function renameConfig(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const canonical = CONFIG_ALIASES[key] ?? key;
    if (canonical !== key && Object.prototype.hasOwnProperty.call(value, canonical)) continue;
    out[canonical] = v;
  }
  return out;
}

/** Seed 004's agent config; on PATCH a key sent changes and null clears it. */
export class AiAgentConfigDto implements AiAgentConfigInput {
  @ApiPropertyOptional({
    type: String,
    example: 'gpt-4o-mini',
    nullable: true,
    description: "The model this agent asks when the tenant's provider is OpenAI; null: the tenant's model",
  })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @Matches(/^\S{1,100}$/, { message: 'must be a model name (1-100 characters, no spaces)' })
  model?: string | null;

  @ApiPropertyOptional({ type: Number, example: 0.7, minimum: 0, maximum: 2, nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number | null;

  @ApiPropertyOptional({
    type: Number,
    example: 1000,
    minimum: 1,
    maximum: 8000,
    nullable: true,
    description:
      "Also maxTokens: the most output tokens of a run; on OpenAI a run's structured answer needs 256 at least, so a lower limit is sent as 256 (kept here as given). null: the tenant's",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8000)
  max_tokens?: number | null;

  @ApiPropertyOptional({
    type: String,
    example: 'You are a helpful customer support assistant...',
    nullable: true,
    maxLength: 8000,
    description: 'Also systemPrompt',
  })
  @IsOptional()
  @IsString()
  @MaxChars(8000)
  system_prompt?: string | null;
}

const nameField = (required: boolean) =>
  applyDecorators(
    required
      ? ApiProperty({ example: 'Sales Assistant', maxLength: 120, description: 'Unique among live agents' })
      : ApiPropertyOptional({
          example: 'Sales Assistant',
          maxLength: 120,
          description: 'Unique among live agents',
        }),
    ...(required ? [] : [Optional()]),
    IsString(),
    Transform(trim),
    MinLength(1, { message: 'must not be empty' }),
    MaxChars(120),
  );

const typeField = (required: boolean) => {
  const doc = {
    example: 'sales',
    description:
      'sales, support, scheduling... (letters, digits, - and _, up to 32; read and stored in lower case: SALES is sales)',
  };
  return applyDecorators(
    required ? ApiProperty(doc) : ApiPropertyOptional(doc),
    ...(required ? [] : [Optional()]),
    IsString(),
    Transform(trim),
    AnyCase(),
    Matches(TYPE, { message: 'must be a word (letters, digits, - and _; up to 32 characters)' }),
  );
};

/** The sent config with its seed spellings renamed, as a DTO to validate (anything else as it is, to be refused). */
function configDto(value: unknown): unknown {
  const renamed = renameConfig(value);
  return renamed && typeof renamed === 'object' ? plainToInstance(AiAgentConfigDto, renamed) : renamed;
}

/** The fields create and PATCH share. */
export class AiAgentOptionsDto {
  @ApiPropertyOptional({
    enum: AI_AGENT_STATUSES,
    example: 'active',
    description: 'An inactive agent does not run. Any case',
  })
  @Optional()
  @AnyCase()
  @IsIn(AI_AGENT_STATUSES)
  status?: AiAgentStatus;

  @ApiPropertyOptional({
    type: [String],
    example: ['lead-qualification', 'appointment-scheduling'],
    description: 'Up to 20 words (letters, digits, - and _), stored lower-case without repeats',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(SLUG, {
    each: true,
    message: 'each must be a word (letters, digits, - and _; up to 64 characters; stored lower-case)',
  })
  capabilities?: string[];

  @ApiPropertyOptional({ type: AiAgentConfigDto })
  @Optional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => configDto(obj.config))
  @IsObject()
  @ValidateNested()
  @Type(() => AiAgentConfigDto)
  config?: AiAgentConfigDto;
}

/** POST /api/ai-agents: seed 004's body. */
export class CreateAiAgentDto extends AiAgentOptionsDto {
  @nameField(true) name!: string;
  @typeField(true) type!: string;

  static input(dto: CreateAiAgentDto): AiAgentInput & { name: string; type: string } {
    return { ...agentInput(dto), name: dto.name, type: dto.type };
  }
}

/** PATCH /api/ai-agents/:id: the fields sent change. */
export class UpdateAiAgentDto extends AiAgentOptionsDto {
  @nameField(false) name?: string;
  @typeField(false) type?: string;

  static input(dto: UpdateAiAgentDto): AiAgentInput {
    return agentInput(dto);
  }
}

function agentInput(dto: AiAgentOptionsDto & { name?: string; type?: string }): AiAgentInput {
  return {
    name: dto.name,
    type: dto.type,
    status: dto.status,
    capabilities: dto.capabilities,
    config: dto.config,
  };
}

export class AiAgentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AI_AGENT_STATUSES, example: 'active', description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(AI_AGENT_STATUSES)
  status?: AiAgentStatus;

  @ApiPropertyOptional({ example: 'sales', description: 'Any case' })
  @IsOptional()
  @IsString()
  @AnyCase()
  @MaxChars(32)
  type?: string;
}
