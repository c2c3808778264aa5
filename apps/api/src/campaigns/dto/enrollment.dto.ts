import { AnyCase, inputValue, inputValueAliasesDoc, Optional, PageQueryDto } from '@app/common';
import { CAMPAIGN_STATUSES, ENROLLMENT_STATUSES } from '@app/db';
import type { CampaignStatus, EnrollmentStatus } from '@app/db';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { MAX_LEAD_IDS } from './campaign-input.dto';
import { TargetFilterDto, TargetFilterField } from './target-filter.dto';

/** POST /api/campaigns/:id/leads: lead ids, or a target filter. */
export class EnrollLeadsDto {
  @ApiPropertyOptional({
    example: ['0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f'],
    type: [String],
    description: 'At most 10,000 (also leadIds); ids of no lead of this tenant count as not_found',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LEAD_IDS)
  @IsUUID('all', { each: true })
  lead_ids?: string[];

  @TargetFilterField('Instead of lead_ids: "ALL" or lead filters as in GET /api/leads')
  target_filter?: 'ALL' | TargetFilterDto | null;
}

export class CampaignQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAMPAIGN_STATUSES, example: 'active' })
  @IsOptional()
  @AnyCase()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}

export class EnrollmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ENROLLMENT_STATUSES,
    example: 'pending',
    description: `Any case. ${inputValueAliasesDoc('enrollment_status')}`,
  })
  @IsOptional()
  @Transform(inputValue('enrollment_status', { anyCase: true }))
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;
}
