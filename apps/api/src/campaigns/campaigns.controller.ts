import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { CampaignsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { campaignInput, CreateCampaignDto, UpdateCampaignDto } from './dto/campaign-input.dto';
import { CampaignDetailDto, CampaignDto, CreatedCampaignDto } from './dto/campaign.dto';
import { CampaignQueryDto } from './dto/enrollment.dto';

export const campaignId = new UuidPipe('Campaign');

/** Examples of PUT and PATCH: the fields of create, any of them. */
const UPDATE_EXAMPLES = {
  settings: {
    value: { name: 'Welcome Series (Q1)', timezone: 'America/New_York', calling_hours_start: '09:00' },
  },
  seed002: { value: { name: 'My First Outreach', followUpIntervalDays: 5, status: 'active' } },
  steps: {
    summary: 'While a draft or scheduled',
    value: { steps: [{ type: 'SMS', content: 'Hi {{first_name|there}}!' }] },
  },
};

const UPDATE_DESCRIPTION =
  'The fields sent change (PUT takes the same fields, all optional, as seed 001 does); null clears a field that may be empty. Steps (or seed 002 `template`) change only while the campaign is a draft or scheduled: otherwise 409 and nothing changes, unless they are sent unchanged. `status` makes a transition as the lifecycle routes do (seed 002). A new `follow_up_interval_days` also moves the follow-ups leads of an active or paused campaign already wait for (by the difference). Templates naming an unknown field are a 400.';

@ApiTags('campaigns')
@Controller('campaigns')
@Authenticated()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: 'List campaigns, newest first (archived ones are left out)' })
  @ApiPage(CampaignDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: CampaignQueryDto) {
    return (await this.campaigns.list(auth, pageWindow(query), query.status)).map(CampaignDto.from);
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: "Create a draft campaign: seed 000's steps, seed 002's template form, seed 001's settings",
    description:
      'Steps: WHATSAPP, SMS, EMAIL, CALL, DELAY (`content` in hours, or `delay_minutes`, or `delay: { value, unit }`), AI_MESSAGE. Seed 002 `{ name, subjectLine, template, followUpIntervalDays, leadIds }` is stored as one EMAIL step (or `channel`), its leads enrolled at once (`enrollment` reports how many). Templates use {{first_name}}, {{firstName}}, {{company}}, any custom field and defaults ({{first_name|there}}).',
  })
  @ApiBody({
    type: CreateCampaignDto,
    examples: {
      seed000: {
        value: {
          name: 'Welcome Series',
          target_filter: 'ALL',
          steps: [
            { type: 'WHATSAPP', content: 'Welcome aboard!' },
            { type: 'DELAY', content: '24' },
            { type: 'WHATSAPP', content: 'How are you finding things?' },
          ],
        },
      },
      seed002: {
        value: {
          name: 'My First Outreach',
          subjectLine: 'Hello from MyStartup',
          followUpIntervalDays: 3,
          leadIds: ['0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f'],
          template: 'Hi {{firstName}}, we noticed you...',
        },
      },
    },
  })
  @ApiEnvelope(CreatedCampaignDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateCampaignDto) {
    return CreatedCampaignDto.from(await this.campaigns.create(auth, campaignInput(dto)));
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({
    summary:
      'One campaign, its steps, its enrollment totals and its first enrolled leads (seed 002: lead list)',
    description:
      '`leads` holds the first 10 enrollments in the order they were enrolled, each lead with its enrollment ' +
      'status, and `next`, the link to the rest (GET /api/campaigns/:id/leads): bounded however many leads the ' +
      'campaign has.',
  })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return CampaignDetailDto.from(await this.campaigns.get(auth, id));
  }

  @Put(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Update a campaign (seed 001: the fields of create, all optional)',
    description: UPDATE_DESCRIPTION,
  })
  @ApiBody({ type: UpdateCampaignDto, examples: UPDATE_EXAMPLES })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async replace(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaignId) id: string,
    @Body() dto: UpdateCampaignDto,
  ) {
    return CampaignDetailDto.from(await this.campaigns.update(auth, id, campaignInput(dto)));
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Change the fields sent (seed 002: name, status, follow-up interval...)',
    description: UPDATE_DESCRIPTION,
  })
  @ApiBody({ type: UpdateCampaignDto, examples: UPDATE_EXAMPLES })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaignId) id: string,
    @Body() dto: UpdateCampaignDto,
  ) {
    return CampaignDetailDto.from(await this.campaigns.update(auth, id, campaignInput(dto)));
  }

  @Delete(':id')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Archive a campaign (a scheduled, active or paused one is cancelled first)',
    description:
      'It leaves the list; GET by id still answers it, with archived_at. Archiving twice is the same.',
  })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return CampaignDetailDto.from(await this.campaigns.archive(auth, id));
  }
}
