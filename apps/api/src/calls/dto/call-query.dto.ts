import { AnyCase, inputValue, PageQueryDto } from '@app/common';
import { CALL_DISPOSITIONS, CALL_OUTCOMES } from '@app/db';
import type { CallDisposition, CallOutcome } from '@app/db';
import { ANSWERED_BY_VALUES, CALL_LOG_STATES, LEAD_CALL_KINDS } from '@app/domain';
import type { AnsweredByValue, CallFilter, CallLogState, CallStatsFilter, LeadCallKind } from '@app/domain';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ReportRangeQueryDto } from '../../reporting/report-range-query.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters the summary and the list share: campaign, agent, and a time range (date_from/date_to, or from/to). */
export class CallStatsQueryDto extends ReportRangeQueryDto implements CallStatsFilter {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() campaign_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agent_id?: string;
}

/** `GET /api/calls`: seed 001's filters, seed 003's `date` and `status`, and paging (limit/offset or page). */
export class CallQueryDto extends IntersectionType(PageQueryDto, CallStatsQueryDto) implements CallFilter {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() lead_id?: string;
  @ApiPropertyOptional({ enum: CALL_DISPOSITIONS, example: 'answered', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('call_disposition', { anyCase: true }))
  @IsIn(CALL_DISPOSITIONS)
  disposition?: CallDisposition;
  @ApiPropertyOptional({
    enum: CALL_OUTCOMES,
    example: 'interested',
    description: "The agent's wrap-up; any case",
  })
  @IsOptional()
  @AnyCase()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome;
  @ApiPropertyOptional({ enum: ANSWERED_BY_VALUES, example: 'human', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('call_answered_by', { anyCase: true }))
  @IsIn(ANSWERED_BY_VALUES)
  answered_by?: AnsweredByValue;
  @ApiPropertyOptional({ enum: ['inbound', 'outbound'], example: 'outbound', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('call_direction', { anyCase: true }))
  @IsIn(['inbound', 'outbound'])
  direction?: 'inbound' | 'outbound';
  @ApiPropertyOptional({
    enum: LEAD_CALL_KINDS,
    description:
      'dialer (a CALL step to an agent), broadcast, inbound, or manual (logged through the API). Any case',
  })
  @IsOptional()
  @Transform(inputValue('call_kind', { anyCase: true }))
  @IsIn(LEAD_CALL_KINDS)
  kind?: LeadCallKind;
  @ApiPropertyOptional({
    enum: CALL_LOG_STATES,
    description:
      'Seed 003: ongoing (not ended), completed (ended, answered or connected), missed (disposition missed, or an inbound call that ended unanswered); not_connected: an outbound call nobody took (busy, no answer, failed, abandoned). A call logged through the API reads as it was logged (completed or missed). What `log_status` answers. Any case',
  })
  @IsOptional()
  @Transform(inputValue('call_log_status', { anyCase: true }))
  @IsIn(CALL_LOG_STATES)
  status?: CallLogState;
  @ApiPropertyOptional({ example: '2025-01-23', description: "Seed 003: one day of the tenant's time zone" })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  date?: string;
}
