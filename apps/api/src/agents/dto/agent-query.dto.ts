import { AppError, PageQueryDto } from '@app/common';
import { AGENT_STATUSES } from '@app/db';
import type { AgentStatus } from '@app/db';
import type { AgentFilter, StatsRange } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_MESSAGE = 'must be an ISO-8601 date (2024-01-01) or date-time (2024-01-01T10:00:00Z)';

const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

/** GET /api/agents: seed 001's filters, pagination. */
export class AgentQueryDto extends PageQueryDto implements AgentFilter {
  @ApiPropertyOptional({ enum: AGENT_STATUSES, example: 'available' })
  @IsOptional()
  @IsIn(AGENT_STATUSES)
  status?: AgentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Also agentGroupId' })
  @IsOptional()
  @IsUUID()
  agent_group_id?: string;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'Also isActive' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  is_active?: boolean;
}

/** GET /api/agents/:id/stats: the window of the calls counted, both ends inclusive. */
export class AgentStatsQueryDto {
  @ApiPropertyOptional({
    example: '2024-01-01',
    description: 'Calls started at or after (a bare date: its 00:00 UTC)',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  date_from?: string;

  @ApiPropertyOptional({
    example: '2024-01-31',
    description: 'Calls started at or before (a bare date: the whole day, UTC)',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  date_to?: string;
}

/** A bound as an instant, or a 400 for an impossible calendar date (2024-02-30). */
function bound(field: 'date_from' | 'date_to', text: string | undefined): Date | null {
  if (text === undefined) return null;
  const [, y, m, d, time] = ISO_DATE.exec(text) ?? [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const ms = Date.parse(time ? text : `${text}T00:00:00Z`);
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d) || Number.isNaN(ms))
    throw AppError.field(field, ISO_MESSAGE);
  if (!time && field === 'date_to') return new Date(ms + 24 * 3600_000 - 1);
  return new Date(ms);
}

/** The query's window; date_from after date_to is a 400. */
export function statsRange(query: AgentStatsQueryDto): StatsRange {
  const range = { from: bound('date_from', query.date_from), to: bound('date_to', query.date_to) };
  if (range.from && range.to && range.from.getTime() > range.to.getTime())
    throw AppError.field('date_to', 'must not be before date_from');
  return range;
}
