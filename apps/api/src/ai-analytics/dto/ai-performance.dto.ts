import { REPORT_DATE_MESSAGE, REPORT_DATE_PATTERN, REPORT_DATE_RULE } from '@app/domain';
import type { AiPerformance } from '@app/domain';
import { FieldIssue, invalidInput } from '@app/common';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

const bound = (example: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ example, description }),
    IsOptional(),
    IsString(),
    Matches(REPORT_DATE_PATTERN, { message: REPORT_DATE_MESSAGE }),
  );

/**
 * GET /api/analytics/ai-performance: the window of the calls counted, both ends inclusive. `date_from`/`date_to` as
 * the other reports take them; `from`/`to`, this report's first spelling, still read.
 */
export class AiPerformanceQueryDto {
  @bound('2024-01-01', `Calls at or after (${REPORT_DATE_RULE}). Also from`)
  date_from?: string;

  @bound('2024-01-31', `Calls at or before (${REPORT_DATE_RULE}). Also to`)
  date_to?: string;

  @bound('2024-01-01', 'The same as date_from (sent with a different value: 400)')
  from?: string;

  @bound('2024-01-31', 'The same as date_to (sent with a different value: 400)')
  to?: string;

  /** The window's bounds, each as sent in either spelling, with the name to tell a problem by; both differing: 400. */
  static bounds(q: AiPerformanceQueryDto): {
    bounds: { from?: string; to?: string };
    fields: { from: string; to: string };
  } {
    const conflicts: FieldIssue[] = [];
    const read = (ours: 'date_from' | 'date_to', other: 'from' | 'to') => {
      if (q[ours] !== undefined && q[other] !== undefined && q[ours] !== q[other])
        conflicts.push({
          field: ours,
          reason: `and ${other} (its other spelling) have different values: send one`,
        });
      return q[ours] !== undefined || q[other] === undefined
        ? { value: q[ours], field: ours }
        : { value: q[other], field: other };
    };
    const from = read('date_from', 'from');
    const to = read('date_to', 'to');
    if (conflicts.length) throw invalidInput(conflicts);
    return { bounds: { from: from.value, to: to.value }, fields: { from: from.field, to: to.field } };
  }
}

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
      'Outbound messages the AI wrote (sender ai: AI_MESSAGE steps and auto-replies) / all outbound messages created in the period (any sender, any status); 0 without outbound messages',
  })
  automation_rate!: number;
  @ApiProperty({
    example: 15000,
    description:
      'USD (seed 004 totalSavings): the outbound messages the AI wrote in the period at human_cost_per_message ' +
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
  @ApiProperty({ example: '2024-01-01T00:00:00.000Z', nullable: true }) from!: string | null;
  @ApiProperty({ example: '2024-01-31T23:59:59.999Z', nullable: true }) to!: string | null;
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
