import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { CampaignLifecycleService, CampaignsService, LifecycleAction } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { campaignId } from './campaigns.controller';
import { CampaignDetailDto, CampaignDto, LaunchDto } from './dto/campaign.dto';

const START_DESCRIPTION =
  'A draft becomes active (scheduled when schedule_start is ahead); its target_filter enrolls set-based; the answer comes at once with `queued` (enrollments waiting for their first step), and the worker fans the first steps out. 409 CONFLICT for any other status (`details: { from, to }`), for an AI_MESSAGE step naming a channel the AI cannot write on (`details.unsupported_steps`) for a campaign without a message step (`details.reason: no_steps`) and for one whose schedule_end is past (`details: { reason: schedule_ended, schedule_end }`).';

@ApiTags('campaigns')
@Controller('campaigns')
@Authenticated()
export class CampaignLifecycleController {
  constructor(
    private readonly lifecycle: CampaignLifecycleService,
    private readonly campaigns: CampaignsService,
  ) {}

  @Post(':id/start')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Start a draft campaign (seed 000)', description: START_DESCRIPTION })
  @ApiEnvelope(LaunchDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  start(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return this.launch(auth, id, 'start');
  }

  @Post(':id/launch')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Launch a draft campaign (seed 002; the same as start)',
    description: START_DESCRIPTION,
  })
  @ApiEnvelope(LaunchDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  launchAlias(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return this.launch(auth, id, 'start');
  }

  @Post(':id/send')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Send the first wave now (seed 002): a draft or scheduled campaign becomes active at once',
    description:
      'Pending enrollments become due now, whatever the schedule says; an active campaign just has its pending leads taken now. 409 for a paused, completed or cancelled campaign.',
  })
  @ApiEnvelope(LaunchDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  send(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return this.launch(auth, id, 'send');
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Pause an active or scheduled campaign: no step is sent until resume' })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  pause(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return this.change(auth, id, 'pause');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Resume a paused campaign: each lead continues at the step where it was',
    description:
      'Active again (scheduled when its schedule_start is still ahead). 409 CONFLICT for any other status (`details: { from, to }`) and for a campaign whose schedule_end has passed while it was paused (`details: { reason: schedule_ended, schedule_end }`).',
  })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  resume(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return this.change(auth, id, 'resume');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Cancel a campaign: every enrollment not yet finished stops (final)' })
  @ApiEnvelope(CampaignDetailDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  cancel(@CurrentAuth() auth: AuthContext, @Param('id', campaignId) id: string) {
    return this.change(auth, id, 'cancel');
  }

  private async launch(auth: AuthContext, id: string, action: LifecycleAction): Promise<LaunchDto> {
    const done = await this.lifecycle.run(auth, id, action);
    const view = await this.campaigns.get(auth, id);
    return { queued: done.queued, campaign: CampaignDto.from(view) };
  }

  private async change(auth: AuthContext, id: string, action: LifecycleAction): Promise<CampaignDetailDto> {
    await this.lifecycle.run(auth, id, action);
    return CampaignDetailDto.from(await this.campaigns.get(auth, id));
  }
}
