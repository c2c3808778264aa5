import { invalidInput, MaxChars } from '@app/common';
import type { AiAgentRunRequest, AiAgentRunResult } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

const MAX_CONTEXT_CHARS = 8000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An object whose JSON stays under `max` characters (it is stored with the run). */
const SmallJson = (max: number) =>
  ValidateBy({
    name: 'smallJson',
    validator: {
      validate: (value: unknown) => JSON.stringify(value ?? null).length <= max,
      defaultMessage: () => `must be at most ${max} characters as JSON`,
    },
  });

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Seed 004's `input`. */
export class AiAgentRunInputDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Also leadId: a lead of this tenant the agent works on',
  })
  @IsOptional()
  @IsUUID()
  lead_id?: string | null;

  @ApiProperty({ example: 'I need help with pricing', minLength: 1, maxLength: 4000 })
  @IsString()
  @Transform(trim)
  @MinLength(1, { message: 'must not be empty' })
  @MaxChars(4000)
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { previous_interactions: 3, lead_value: 5000 },
    description: `Anything the agent should know (at most ${MAX_CONTEXT_CHARS} characters as JSON)`,
  })
  @IsOptional()
  @IsObject()
  @SmallJson(MAX_CONTEXT_CHARS)
  context?: Record<string, unknown>;
}

/** A string `input` is the SDK's shorthand for `{ message }`. */
function shorthand({ value, obj }: { value: unknown; obj: Record<string, unknown> }): unknown {
  return typeof obj.input === 'string' ? plainToInstance(AiAgentRunInputDto, { message: obj.input }) : value;
}

/** POST /api/ai-agents/:id/execute: `{ input: { lead_id?, message, context? } }` (seed 004). */
export class ExecuteAiAgentDto {
  @ApiProperty({
    type: AiAgentRunInputDto,
    description: "Also a bare string (the seed's SDK shorthand for { message }), with `context` beside it",
  })
  @Transform(shorthand)
  @IsObject()
  @ValidateNested()
  @Type(() => AiAgentRunInputDto)
  input!: AiAgentRunInputDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { lead_id: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f' },
    description: "The SDK's shorthand: context beside a string input; its lead_id (or leadId) names the lead",
  })
  @IsOptional()
  @IsObject()
  @SmallJson(MAX_CONTEXT_CHARS)
  context?: Record<string, unknown>;

  static input(dto: ExecuteAiAgentDto): AiAgentRunRequest {
    const { lead_id: outerLead, ...outer } = dto.context ?? {};
    if (
      outerLead !== undefined &&
      outerLead !== null &&
      !(typeof outerLead === 'string' && UUID.test(outerLead))
    )
      throw invalidInput([{ field: 'context.lead_id', reason: 'must be a UUID' }]);
    return {
      lead_id: dto.input.lead_id ?? (outerLead as string | null | undefined) ?? null,
      message: dto.input.message,
      context: { ...outer, ...(dto.input.context ?? {}) },
    };
  }
}

export class AgentActionDto {
  @ApiProperty({ example: 'schedule_call' }) type!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { lead_id: 'c0a8012e-7b1d-4c2e-9f3a-1b2c3d4e5f60', suggested_time: '2024-01-16T14:00:00Z' },
  })
  parameters!: Record<string, unknown>;
}

export class AgentRunOutputDto {
  @ApiProperty({ example: "I'd be happy to help with pricing information..." }) response!: string;
  @ApiProperty({ type: [AgentActionDto] }) actions!: AgentActionDto[];
  @ApiProperty({ example: 0.92, description: '0-1; a run at 0.5 or more counts as a success' })
  confidence!: number;
}

export class AgentRunUsageDto {
  @ApiProperty({ example: 150 }) input_tokens!: number;
  @ApiProperty({ example: 75 }) output_tokens!: number;
  @ApiProperty({ example: 0.0023, description: 'USD' }) total_cost!: number;
}

export class AiAgentExecutionDto {
  @ApiProperty({ type: AgentRunOutputDto }) output!: AgentRunOutputDto;
  @ApiProperty({ type: AgentRunUsageDto }) usage!: AgentRunUsageDto;
  @ApiProperty({ format: 'uuid', description: 'The ai_interactions row of this run' })
  interaction_id!: string;
  @ApiProperty({ example: 840, description: 'The model call, in milliseconds' }) latency_ms!: number;

  static from(r: AiAgentRunResult): AiAgentExecutionDto {
    return r;
  }
}
