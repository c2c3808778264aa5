import { Authenticated, CurrentAuth, RateLimit, Roles } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  ErrorCode,
  PageQueryDto,
  pageWindow,
  RawResponse,
  UuidPipe,
} from '@app/common';
import { CampaignControlService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageDto, SendMessageDto } from '../messages/dto/message.dto';
import {
  CampaignConversationResponseDto,
  CampaignMessageDto,
  EnrollmentStateDto,
} from './dto/campaign-control.dto';

const campaign = new UuidPipe('Campaign');
const lead = new UuidPipe('Lead');
const NOT_FOUND = "404 when the campaign or the lead is not the tenant's, or the lead is not enrolled in it.";
const FINAL =
  '409 CONFLICT (`details.status`) when the enrollment has ended (replied, completed, stopped, dnc, failed); nothing changes.';

/** Human control of one lead in one campaign (seed 002's outreach engine, DESIGN §7.5). Managers and up. */
@ApiTags('campaigns')
@ApiExtraModels(CampaignConversationResponseDto)
@Controller('campaigns/:id/leads/:leadId')
@Authenticated()
export class CampaignControlController {
  constructor(private readonly control: CampaignControlService) {}

  @Get('conversation')
  @Roles('manager')
  @RawResponse()
  @ApiOperation({
    summary: "The lead's history in the campaign, oldest first, with its enrollment",
    description: `AI and campaign messages, the lead's replies and manual messages on the campaign's channels; \`meta\` pages the messages. ${NOT_FOUND}`,
  })
  @ApiOkResponse({ type: CampaignConversationResponseDto })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async conversation(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaign) id: string,
    @Param('leadId', lead) leadId: string,
    @Query() query: PageQueryDto,
  ) {
    const history = await this.control.conversation(auth, id, leadId, pageWindow(query));
    return CampaignConversationResponseDto.from(history);
  }

  @Post('messages')
  @Roles('manager')
  @RateLimit('messages')
  @ApiOperation({
    summary: 'Send a manual message to the lead: it halts automation for the lead until cede',
    description: `Recorded as the caller's (sender agent, with the campaign) and sent through the outbound queue; every running enrollment of the lead is paused (ai_paused) and the conversation goes to a human, in the message's transaction. The contact policy is checked first: 422 POLICY_VIOLATION names the rule and nothing is recorded. Counts against the manual-send rate limit. ${NOT_FOUND}`,
  })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async send(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaign) id: string,
    @Param('leadId', lead) leadId: string,
    @Body() dto: CampaignMessageDto,
  ) {
    const input = { ...SendMessageDto.input(dto), channel: dto.channel };
    return MessageDto.from(await this.control.send(auth, id, leadId, input));
  }

  @Post('override')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Take the lead over: automated and AI sends to it stop until cede (idempotent)',
    description: `Sets ai_paused and hands the lead's conversations on the campaign's channels to a human. ${FINAL} ${NOT_FOUND}`,
  })
  @ApiEnvelope(EnrollmentStateDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async override(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaign) id: string,
    @Param('leadId', lead) leadId: string,
  ) {
    return EnrollmentStateDto.from(await this.control.override(auth, id, leadId));
  }

  @Post('cede')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Cede the lead back to automation: it resumes at the step where it stopped (idempotent)',
    description: `Clears ai_paused; a step taken but not sent waits again, and the scheduler takes the lead on its next tick (a pending DELAY is kept). The conversations go back to auto. ${FINAL} ${NOT_FOUND}`,
  })
  @ApiEnvelope(EnrollmentStateDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async cede(
    @CurrentAuth() auth: AuthContext,
    @Param('id', campaign) id: string,
    @Param('leadId', lead) leadId: string,
  ) {
    return EnrollmentStateDto.from(await this.control.cede(auth, id, leadId));
  }
}
