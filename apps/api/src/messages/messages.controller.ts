import { Authenticated, CurrentAuth, RateLimit, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { ConversationsService, LoggedInboundService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LeadMessageDto, LeadSendDto, MessageDto, SendMessageDto, SendToLeadDto } from './dto/message.dto';
import { MessageListQueryDto } from './dto/message-query.dto';

const leadId = new UuidPipe('Lead');
const POLICY =
  'Checked against the contact policy first: 422 POLICY_VIOLATION names the rule and nothing is recorded. ' +
  'With `sender: "lead"` or `direction: "inbound"` it logs instead a message the lead sent through another channel ' +
  "(nothing is sent, no contact policy applies): recorded inbound on the lead's conversation for the channel and " +
  "applied as a provider's inbound message is (a STOP opts the lead out, a reply stops its sequences, the " +
  'conversation gains an unread message, message.received is emitted, the reply is classified). It has no provider ' +
  'id, status `received`, and `sender_user_id` is who logged it. `idempotency_key` keeps a retried log to one message ' +
  '(reused for another lead or channel: 409). 400 when it also says `sender: "agent"` or `direction: "outbound"`, ' +
  'carries a template, media or attachments, or has no text.';

/** A lead's messages across channels (seed 004 `messages/:leadId`, DESIGN §5 `leads/:id/messages`). */
@ApiTags('messages')
@Controller()
@Authenticated()
export class MessagesController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly inbound: LoggedInboundService,
  ) {}

  @Get('messages/:leadId')
  @Roles('agent')
  @ApiOperation({ summary: "A lead's messages on every channel, newest first (order=asc: oldest first)" })
  @ApiPage(MessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async ofLead(
    @CurrentAuth() auth: AuthContext,
    @Param('leadId', leadId) id: string,
    @Query() q: MessageListQueryDto,
  ) {
    return (await this.conversations.messagesOfLead(auth, id, pageWindow(q), q.order)).map(MessageDto.from);
  }

  @Get('leads/:id/messages')
  @Roles('agent')
  @ApiOperation({ summary: "A lead's messages on every channel, newest first (order=asc: oldest first)" })
  @ApiPage(MessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async leadMessages(
    @CurrentAuth() auth: AuthContext,
    @Param('id', leadId) id: string,
    @Query() q: MessageListQueryDto,
  ) {
    return (await this.conversations.messagesOfLead(auth, id, pageWindow(q), q.order)).map(MessageDto.from);
  }

  @Post('messages')
  @Roles('manager')
  @RateLimit('messages')
  @ApiOperation({ summary: 'Send a message to a lead, or log one the lead sent', description: POLICY })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async send(@CurrentAuth() auth: AuthContext, @Body() dto: SendToLeadDto) {
    const logged = LeadSendDto.logged(dto);
    if (logged)
      return MessageDto.from(await this.inbound.log(auth, dto.lead_id, { ...logged, channel: dto.channel }));
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
  @ApiOperation({ summary: 'Send a message to this lead, or log one the lead sent', description: POLICY })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async sendToLead(
    @CurrentAuth() auth: AuthContext,
    @Param('id', leadId) id: string,
    @Body() dto: LeadMessageDto,
  ) {
    const logged = LeadSendDto.logged(dto);
    if (logged) return MessageDto.from(await this.inbound.log(auth, id, { ...logged, channel: dto.channel }));
    const sent = await this.conversations.sendToLead(auth, id, dto.channel, SendMessageDto.input(dto));
    return MessageDto.from(sent);
  }
}
