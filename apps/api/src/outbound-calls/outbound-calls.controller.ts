import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { BroadcastLaunchService, BroadcastsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignQueryDto } from '../campaigns/dto/enrollment.dto';
import {
  CreatedOutboundCallsDto,
  CreateOutboundCallsDto,
  OutboundCallCampaignDto,
} from './dto/outbound-call.dto';

const id = new UuidPipe('Outbound call campaign');

@ApiTags('outbound-calls')
@Controller('outbound-calls')
@Authenticated()
export class OutboundCallsController {
  constructor(
    private readonly broadcasts: BroadcastsService,
    private readonly launcher: BroadcastLaunchService,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({
    summary: 'Voice-broadcast campaigns (seed 003), newest first, with their call totals and success rate',
    description:
      'Campaigns whose CALL steps all play a message; archived ones are left out. success_rate: answered (by a person or a machine) over ended calls, in percent.',
  })
  @ApiPage(OutboundCallCampaignDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: CampaignQueryDto) {
    return (await this.broadcasts.list(auth, pageWindow(query), query.status)).map(
      OutboundCallCampaignDto.from,
    );
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({
    summary: 'One voice-broadcast campaign (seed 003), as the list shows it',
    description: "A campaign that is no broadcast, an archived one or another tenant's is a 404.",
  })
  @ApiEnvelope(OutboundCallCampaignDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', id) broadcastId: string) {
    return OutboundCallCampaignDto.from(await this.broadcasts.get(auth, broadcastId));
  }

  @Post()
  @Roles('manager')
  @ApiOperation({
    summary: 'Create and start a voice broadcast: a message played to a list of numbers (seed 003)',
    description:
      'In one transaction: a campaign with one CALL step (call_mode play_message), a lead per number (found by its phone, else made), their enrollment, and its start: scheduled when scheduledTime is ahead, else active at once. Numbers on the do-not-contact list or opted out of voice are skipped. A bad number rejects the whole request, each listed, and nothing is made.',
  })
  @ApiBody({
    type: CreateOutboundCallsDto,
    examples: {
      seed003: {
        value: {
          campaignName: 'Follow-up Calls',
          phoneNumbers: ['+12125550123', '+13105550188'],
          message: 'This is a follow-up call regarding your recent visit.',
          scheduledTime: '2025-01-24T10:00:00Z',
        },
      },
      recording: {
        value: {
          campaign_name: 'Reminders',
          phone_numbers: ['+14155552671'],
          audio_url: 'https://example.com/reminder.mp3',
        },
      },
    },
  })
  @ApiEnvelope(CreatedOutboundCallsDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.CONFLICT)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateOutboundCallsDto) {
    return CreatedOutboundCallsDto.fromLaunch(await this.launcher.create(auth, dto));
  }
}
