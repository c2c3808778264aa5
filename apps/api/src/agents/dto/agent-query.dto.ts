import { AnyCase, PageQueryDto, QueryBoolean } from '@app/common';
import { AGENT_STATUSES } from '@app/db';
import type { AgentStatus } from '@app/db';
import { REPORT_DATE_MESSAGE, REPORT_DATE_PATTERN, REPORT_DATE_RULE } from '@app/domain';
import type { AgentFilter } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

/** GET /api/agents: seed 001's filters, pagination. */
export class AgentQueryDto extends PageQueryDto implements AgentFilter {
  @ApiPropertyOptional({ enum: AGENT_STATUSES, example: 'available', description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(AGENT_STATUSES)
  status?: AgentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Also agentGroupId' })
  @IsOptional()
  @IsUUID()
  agent_group_id?: string;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: 'Also isActive; true or false, in any case',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  is_active?: boolean;
}

/** GET /api/agents/:id/stats: the window of the calls counted, both ends inclusive. */
export class AgentStatsQueryDto {
  @ApiPropertyOptional({
    example: '2024-01-01',
    description: `Calls started at or after (${REPORT_DATE_RULE})`,
  })
  @IsOptional()
  @IsString()
  @Matches(REPORT_DATE_PATTERN, { message: REPORT_DATE_MESSAGE })
  date_from?: string;

  @ApiPropertyOptional({
    example: '2024-01-31',
    description: `Calls started at or before (${REPORT_DATE_RULE})`,
  })
  @IsOptional()
  @IsString()
  @Matches(REPORT_DATE_PATTERN, { message: REPORT_DATE_MESSAGE })
  date_to?: string;
}
