import { AnyCase, PageQueryDto, QueryBoolean } from '@app/common';
import { AGENT_STATUSES } from '@app/db';
import type { AgentStatus } from '@app/db';
import type { AgentFilter } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ReportRangeQueryDto } from '../../reporting/report-range-query.dto';

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

/** GET /api/agents/:id/stats: the window of the calls counted (date_from/date_to, or from/to). */
export class AgentStatsQueryDto extends ReportRangeQueryDto {}
