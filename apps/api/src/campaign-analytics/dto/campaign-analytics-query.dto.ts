import { inputValue, PageQueryDto } from '@app/common';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { ReportRangeQueryDto } from '../../reporting/report-range-query.dto';

/** GET /api/campaigns/analytics: paging, and the window of the campaigns' start (date_from/date_to, or from/to). */
export class CampaignsAnalyticsQueryDto extends IntersectionType(PageQueryDto, ReportRangeQueryDto) {}

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;

export class CampaignExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', example: 'csv', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('export_format', { anyCase: true }))
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}
