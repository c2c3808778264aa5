import { AppError, PageQueryDto } from '@app/common';
import type { CampaignStartRange } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_MESSAGE = 'must be an ISO-8601 date (2025-02-01) or date-time (2025-02-01T10:00:00Z)';

export class CampaignsAnalyticsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2025-02-01',
    description: 'Campaigns that started at or after this instant (a bare date: its 00:00 UTC)',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  date_from?: string;

  @ApiPropertyOptional({
    example: '2025-02-28',
    description: 'Campaigns that started at or before this instant (a bare date: the whole day, UTC)',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  date_to?: string;
}

/** A bound as Postgres should read it, or a 400 for an impossible calendar date (2025-02-30). */
function bound(field: 'date_from' | 'date_to', text: string | undefined): string | null {
  if (text === undefined) return null;
  const [, y, m, d, time] = ISO_DATE.exec(text) ?? [];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const ms = Date.parse(time ? text : `${text}T00:00:00Z`);
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d) || Number.isNaN(ms)) {
    throw AppError.field(field, ISO_MESSAGE);
  }
  if (!time) return field === 'date_from' ? `${text}T00:00:00Z` : `${text}T23:59:59.999999Z`;
  return new Date(ms).toISOString();
}

/** The started_at window of the query; date_from after date_to is a 400. */
export function startedRange(query: CampaignsAnalyticsQueryDto): CampaignStartRange {
  const range = { from: bound('date_from', query.date_from), to: bound('date_to', query.date_to) };
  if (range.from && range.to && Date.parse(range.from) > Date.parse(range.to)) {
    throw AppError.field('date_to', 'must not be before date_from');
  }
  return range;
}

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;

export class CampaignExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', example: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}
