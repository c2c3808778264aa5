import { AnyCase, inputValue, PageQueryDto } from '@app/common';
import { CAMPAIGN_EXPORT_PARTS } from '@app/domain';
import type { CampaignExportPart } from '@app/domain';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
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

  @ApiPropertyOptional({
    enum: CAMPAIGN_EXPORT_PARTS,
    default: 'leads',
    example: 'kpis',
    description:
      'CSV only (the PDF holds them all; with format=pdf a 400). `leads`: one row per enrolled lead, streamed. ' +
      '`kpis`: one row, the figures of GET /api/campaigns/:id/analytics. `funnel`: one row per step. Any case',
  })
  @IsOptional()
  @AnyCase()
  @IsIn(CAMPAIGN_EXPORT_PARTS)
  @ValidateBy({
    name: 'csvOnly',
    validator: {
      validate: (_value, args) => (args?.object as CampaignExportQueryDto).format !== 'pdf',
      defaultMessage: () => 'applies to format=csv only (the PDF report holds the KPIs and the funnel)',
    },
  })
  part?: CampaignExportPart;
}
