import type { AiPerformance } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeQueryDto } from '../../reporting/report-range-query.dto';

/** GET /api/analytics/ai-performance: the window of the calls counted (date_from/date_to, or from/to). */
export class AiPerformanceQueryDto extends ReportRangeQueryDto {}

export class AiAgentMetricsDto {
  @ApiProperty({ example: 1250 }) total_interactions!: number;
  @ApiProperty({ example: 975, description: 'Runs with confidence 0.5 or more' })
  successful_interactions!: number;
  @ApiProperty({ example: 0.78 }) success_rate!: number;
  @ApiProperty({ example: 1.2, description: 'Seconds per run' }) avg_response_time!: number;
  @ApiProperty({ example: 0.02, description: 'USD' }) cost_per_interaction!: number;
  @ApiProperty({
    example: 0.78,
    description:
      'Runs that judged their lead qualified / runs that judged a lead (qualified or not); 0 without',
  })
  lead_qualification_rate!: number;
  @ApiProperty({ example: 25, description: 'USD' }) total_cost!: number;
}

export class AiAgentPerformanceRowDto {
  @ApiProperty({ format: 'uuid' }) agent_id!: string;
  @ApiProperty({ example: 'Sales Assistant' }) name!: string;
  @ApiProperty({ type: AiAgentMetricsDto }) metrics!: AiAgentMetricsDto;
}

export class KindUsageDto {
  @ApiProperty({ example: 420 }) count!: number;
  @ApiProperty({ example: 0.84, description: 'USD' }) cost!: number;
}

export class AiUsageByKindDto {
  @ApiProperty({ type: KindUsageDto, description: 'Reply classification' }) classification!: KindUsageDto;
  @ApiProperty({ type: KindUsageDto, description: 'AI_MESSAGE campaign steps' }) message!: KindUsageDto;
  @ApiProperty({ type: KindUsageDto, description: 'Auto-replies' }) auto_reply!: KindUsageDto;
  @ApiProperty({ type: KindUsageDto, description: 'AI agent runs' }) agent_run!: KindUsageDto;
  @ApiProperty({ type: KindUsageDto, description: 'Product-context chat turns' })
  product_context!: KindUsageDto;
  @ApiProperty({ type: KindUsageDto, description: 'POST llm/test-prompt' }) test_prompt!: KindUsageDto;
}

export class AiOverallDto {
  @ApiProperty({ example: 3120, description: 'Every model call of the tenant (all kinds)' })
  total_interactions!: number;
  @ApiProperty({ example: 125.5, description: 'USD' }) total_cost!: number;
  @ApiProperty({ example: 0.9, description: 'Seconds per call' }) avg_response_time!: number;
  @ApiProperty({ example: 0.97 }) success_rate!: number;
  @ApiProperty({ type: AiUsageByKindDto }) by_kind!: AiUsageByKindDto;
  @ApiProperty({
    example: 0.65,
    description:
      'Outbound messages the AI wrote (sender ai: AI_MESSAGE steps and auto-replies) / all outbound messages (any sender), of those created in the period that the provider took (sent, delivered or read: not one refused, overtaken by a human, failed or still queued); 0 without such messages',
  })
  automation_rate!: number;
  @ApiProperty({
    example: 15000,
    description:
      'USD (seed 004 totalSavings): the outbound messages the AI wrote in the period that the provider took (sent, delivered or read) at human_cost_per_message ' +
      'each, less total_cost (every model call of the period). Negative when the AI cost more',
  })
  total_savings!: number;
  @ApiProperty({
    example: 1,
    description:
      'USD: what one message written by a person costs, as the savings count it (settings.ai.human_cost_per_message, ' +
      'set through PATCH admin/config; default 1)',
  })
  human_cost_per_message!: number;
}

export class AiPeriodDto {
  @ApiProperty({ type: String, example: '2024-01-01T00:00:00.000Z', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, example: '2024-01-31T23:59:59.999Z', nullable: true }) to!: string | null;
}

export class AiPerformanceDto {
  @ApiProperty({ type: [AiAgentPerformanceRowDto] }) agents!: AiAgentPerformanceRowDto[];
  @ApiProperty({ type: AiOverallDto }) overall!: AiOverallDto;
  @ApiProperty({ type: AiPeriodDto }) period!: AiPeriodDto;

  static from(r: AiPerformance): AiPerformanceDto {
    return {
      agents: r.agents,
      overall: r.overall,
      period: {
        from: r.period.from ? r.period.from.toISOString() : null,
        to: r.period.to ? r.period.to.toISOString() : null,
      },
    };
  }
}
