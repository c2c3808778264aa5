import { REPORT_DATE_MESSAGE, REPORT_DATE_PATTERN, REPORT_DATE_RULE } from '@app/domain';
import type { ReportBounds } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

const bound = (example: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ example, description }),
    IsOptional(),
    IsString(),
    Matches(REPORT_DATE_PATTERN, { message: REPORT_DATE_MESSAGE }),
  );

/**
 * A report's window, both ends inclusive, as every report route takes it: `date_from`/`date_to`, or `from`/`to`
 * (the AI report's first spelling); both spellings of a bound sent with different values: 400 on the field.
 */
export class ReportRangeQueryDto implements ReportBounds {
  @bound('2024-01-01', `At or after this instant (${REPORT_DATE_RULE}). Also from`)
  date_from?: string;

  @bound('2024-01-31', `At or before this instant (${REPORT_DATE_RULE}). Also to`)
  date_to?: string;

  @bound('2024-01-01', 'The same as date_from (both sent with different values: 400)')
  from?: string;

  @bound('2024-01-31', 'The same as date_to (both sent with different values: 400)')
  to?: string;
}
