import { Authenticated, CurrentAuth, RateLimit, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { ConversationsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LeadMessageDto, MessageDto, SendMessageDto, SendToLeadDto } from './dto/message.dto';

const leadId = new UuidPipe('Lead');
const POLICY =
  'Checked against the contact policy first: 422 POLICY_VIOLATION names the rule and nothing is recorded.';

/** A lead's messages across channels (seed 004 `messages/:leadId`, DESIGN §5 `leads/:id/messages`). */
@ApiTags('messages')
@Controller()
@Authenticated()
export class MessagesController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get('messages/:leadId')
  @Roles('agent')
  @ApiOperation({ summary: "A lead's messages on every channel, newest first" })
  @ApiPage(MessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async ofLead(
    @CurrentAuth() auth: AuthContext,
    @Param('leadId', leadId) id: string,
    @Query() q: PageQueryDto,
  ) {
    return (await this.conversations.messagesOfLead(auth, id, pageWindow(q))).map(MessageDto.from);
  }

  @Get('leads/:id/messages')
  @Roles('agent')
  @ApiOperation({ summary: "A lead's messages on every channel, newest first" })
  @ApiPage(MessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async leadMessages(
    @CurrentAuth() auth: AuthContext,
    @Param('id', leadId) id: string,
    @Query() q: PageQueryDto,
  ) {
    return (await this.conversations.messagesOfLead(auth, id, pageWindow(q))).map(MessageDto.from);
  }

  @Post('messages')
  @Roles('manager')
  @RateLimit('messages')
  @ApiOperation({ summary: 'Send a message to a lead', description: POLICY })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async send(@CurrentAuth() auth: AuthContext, @Body() dto: SendToLeadDto) {
    const sent = await this.conversations.sendToLead(
      auth,
      dto.lead_id,
      dto.channel,
      SendMessageDto.input(dto),
    );
    return MessageDto.from(sent);
  }

  @Post('leads/:id/messages')
  @Roles('manager')
  @RateLimit('messages')
  @ApiOperation({ summary: 'Send a message to this lead', description: POLICY })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async sendToLead(
    @CurrentAuth() auth: AuthContext,
    @Param('id', leadId) id: string,
    @Body() dto: LeadMessageDto,
  ) {
    const sent = await this.conversations.sendToLead(auth, id, dto.channel, SendMessageDto.input(dto));
    return MessageDto.from(sent);
  }
}
