import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow } from '@app/common';
import { CampaignEnrollmentService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { campaignId } from './campaigns.controller';
import { EnrollmentDto, EnrollmentResultDto } from './dto/campaign.dto';
import { EnrollLeadsDto, EnrollmentQueryDto } from './dto/enrollment.dto';
import { targetFilter } from './dto/target-filter.dto';

@ApiTags('campaigns')
@Controller('campaigns')
@Authenticated()
export class CampaignLeadsController {
  constructor(private readonly enrollment: CampaignEnrollmentService) {}

  @Post(':id/leads')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Enroll leads: lead_ids (at most 10,000) or a target_filter',
    description:
      "Set-based (one statement per 10,000 leads). A lead is enrolled once per campaign; leads the contact policy refuses for the first message step's channel (archived, on the do-not-contact list, opted out, no address) are counted and skipped. Allowed while draft, scheduled, active or paused (409 otherwise); leads added to an active campaign start at once.",
  })
  @ApiBody({
    type: EnrollLeadsDto,
    examples: {
      leads: { value: { lead_ids: ['0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f'] } },
      all: { value: { target_filter: 'ALL' } },
      filter: { value: { target_filter: { status: 'new', tags: 'vip', score_min: 50 } } },
    },
  })
  @ApiEnvelope(EnrollmentResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async enroll(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaignId) id: string,
    @Body() dto: EnrollLeadsDto,
  ) {
    return this.enrollment.enroll(auth, id, {
      lead_ids: dto.lead_ids,
      target_filter: dto.target_filter ? targetFilter(dto.target_filter) : dto.target_filter,
    });
  }

  @Get(':id/leads')
  @Roles('manager')
  @ApiOperation({ summary: "The campaign's enrollments: each lead and where it is in the steps" })
  @ApiPage(EnrollmentDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaignId) id: string,
    @Query() query: EnrollmentQueryDto,
  ) {
    return (await this.enrollment.list(auth, id, pageWindow(query), query.status)).map(EnrollmentDto.from);
  }
}
