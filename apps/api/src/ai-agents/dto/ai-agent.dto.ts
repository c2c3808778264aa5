import { AI_AGENT_STATUSES } from '@app/db';
import type { AiAgentView } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

export class AiAgentPerformanceDto {
  @ApiProperty({ example: 1250, description: "The agent's runs (all time)" }) total_interactions!: number;
  @ApiProperty({
    example: 0.78,
    description: 'Successful runs (confidence 0.5 or more) / runs; 0 without runs',
  })
  success_rate!: number;
  @ApiProperty({ example: 1.2, description: 'Seconds per run' }) avg_response_time!: number;
}

export class AiAgentConfigViewDto {
  @ApiProperty({ type: String, example: 'gpt-4o-mini', nullable: true }) model!: string | null;
  @ApiProperty({ type: Number, example: 0.7, nullable: true }) temperature!: number | null;
  @ApiProperty({ type: Number, example: 1000, nullable: true }) max_tokens!: number | null;
  @ApiProperty({ type: String, example: 'You are a helpful sales assistant...', nullable: true })
  system_prompt!: string | null;
}

/** An AI agent as seed 004 lists it. */
export class AiAgentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Sales Assistant' }) name!: string;
  @ApiProperty({ example: 'sales' }) type!: string;
  @ApiProperty({ enum: AI_AGENT_STATUSES, example: 'active' }) status!: string;
  @ApiProperty({ type: [String], example: ['lead-qualification', 'appointment-scheduling'] })
  capabilities!: string[];
  @ApiProperty({ type: AiAgentPerformanceDto }) performance!: AiAgentPerformanceDto;
  @ApiProperty({ type: AiAgentConfigViewDto }) config!: AiAgentConfigViewDto;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who created it (null: an API key)',
  })
  created_by!: string | null;
  @ApiProperty({ example: '2024-01-01T00:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2024-01-15T15:30:00.000Z' }) updated_at!: string;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'Set by DELETE (the answer of DELETE only)',
  })
  archived_at!: string | null;

  static from({ agent: a, performance }: AiAgentView): AiAgentDto {
    return {
      id: a.id,
      name: a.name,
      type: a.type,
      status: a.status,
      capabilities: a.capabilities,
      performance: { ...performance },
      config: {
        model: a.config.model ?? null,
        temperature: a.config.temperature ?? null,
        max_tokens: a.config.max_tokens ?? null,
        system_prompt: a.config.system_prompt ?? null,
      },
      created_by: a.createdBy,
      created_at: a.createdAt.toISOString(),
      updated_at: a.updatedAt.toISOString(),
      archived_at: a.archivedAt ? a.archivedAt.toISOString() : null,
    };
  }
}
