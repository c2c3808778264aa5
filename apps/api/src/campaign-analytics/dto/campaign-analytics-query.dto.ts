import { inputValue, PageQueryDto } from '@app/common';
import { REPORT_DATE_MESSAGE, REPORT_DATE_PATTERN, REPORT_DATE_RULE } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export class CampaignsAnalyticsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2025-02-01',
    description: `Campaigns that started at or after this instant (${REPORT_DATE_RULE})`,
  })
  @IsOptional()
  @IsString()
  @Matches(REPORT_DATE_PATTERN, { message: REPORT_DATE_MESSAGE })
  date_from?: string;

  @ApiPropertyOptional({
    example: '2025-02-28',
    description: `Campaigns that started at or before this instant (${REPORT_DATE_RULE})`,
  })
  @IsOptional()
  @IsString()
  @Matches(REPORT_DATE_PATTERN, { message: REPORT_DATE_MESSAGE })
  date_to?: string;
}

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;

export class CampaignExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv', example: 'csv', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('export_format', { anyCase: true }))
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}
