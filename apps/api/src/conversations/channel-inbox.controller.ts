import { Authenticated, CurrentAuth, RateLimit, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, AppError, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { ConversationsService, SmsRecipientsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageListQueryDto } from '../messages/dto/message-query.dto';
import { MessageDto, SendMessageDto, SmsSendDto } from '../messages/dto/message.dto';
import { ChannelConversationDto, ChannelConversationQueryDto } from './dto/conversation.dto';

const id = new UuidPipe('Conversation');
const LIST =
  "Seed 003's shape: `last_message` is the last message's text (seed 003's lastMessage string), " +
  '`last_message_detail` the object GET /api/conversations (seed 004) answers in `last_message`.';
const POLICY =
  'Checked against the contact policy first: 422 POLICY_VIOLATION names the rule and nothing is recorded.';

/**
 * The seeds' per-channel inbox routes (003): the same conversations, one channel at a time, in seed 003's shape
 * (`last_message` the text).
 */
@ApiTags('conversations')
@Controller()
@Authenticated()
export class ChannelInboxController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly recipients: SmsRecipientsService,
  ) {}

  private async listOf(
    auth: AuthContext,
    channel: 'whatsapp' | 'sms' | 'telegram',
    query: ChannelConversationQueryDto,
  ) {
    const { limit: _l, offset: _o, page: _p, ...filter } = query;
    const page = await this.conversations.list(auth, pageWindow(query), { ...filter, channel });
    return page.map(ChannelConversationDto.from);
  }

  @Get('whatsapp/conversations')
  @Roles('agent')
  @ApiOperation({ summary: 'WhatsApp conversations, each with its 24-hour window', description: LIST })
  @ApiPage(ChannelConversationDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  whatsapp(@CurrentAuth() auth: AuthContext, @Query() query: ChannelConversationQueryDto) {
    return this.listOf(auth, 'whatsapp', query);
  }

  @Get('sms/conversations')
  @Roles('agent')
  @ApiOperation({ summary: 'SMS conversations', description: LIST })
  @ApiPage(ChannelConversationDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  sms(@CurrentAuth() auth: AuthContext, @Query() query: ChannelConversationQueryDto) {
    return this.listOf(auth, 'sms', query);
  }

  @Get('telegram/conversations')
  @Roles('agent')
  @ApiOperation({ summary: 'Telegram conversations', description: LIST })
  @ApiPage(ChannelConversationDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  telegram(@CurrentAuth() auth: AuthContext, @Query() query: ChannelConversationQueryDto) {
    return this.listOf(auth, 'telegram', query);
  }

  @Get('whatsapp/conversations/:id/messages')
  @Roles('agent')
  @ApiOperation({ summary: "A WhatsApp conversation's messages, newest first (order=asc: oldest first)" })
  @ApiPage(MessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async whatsappMessages(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) cid: string,
    @Query() query: MessageListQueryDto,
  ) {
    await this.whatsappConversation(auth, cid);
    return (await this.conversations.messagesOf(auth, cid, pageWindow(query), query.order)).map(
      MessageDto.from,
    );
  }

  @Post('whatsapp/conversations/:id/messages')
  @Roles('agent')
  @RateLimit('messages')
  @ApiOperation({
    summary: 'Send a WhatsApp message (free-form inside the 24-hour window, else a template)',
    description: POLICY,
  })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async whatsappSend(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) cid: string,
    @Body() dto: SendMessageDto,
  ) {
    await this.whatsappConversation(auth, cid);
    return MessageDto.from(await this.conversations.send(auth, cid, SendMessageDto.input(dto)));
  }

  @Post('sms/send')
  @Roles('manager')
  @RateLimit('messages')
  @ApiOperation({
    summary: 'Send an SMS to a lead (by lead_id) or to any phone number',
    description:
      "`phone` (seed 003 `phoneNumber`) is the tenant's live lead with that number, written in any form (national " +
      "with the tenant's default country, spaces, `00` or `+`); a number no live lead has becomes a new lead, made " +
      'as POST /api/leads makes one (source `outbound_sms`, `lead.created`), and is sent to. A number on the ' +
      'do-not-contact list for all channels or for SMS makes no lead: 422 POLICY_VIOLATION (rule `do_not_contact`). ' +
      'An invalid number is a 400 naming `phone`; an unknown `lead_id` is a 404. ' +
      POLICY,
  })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(
    { code: ErrorCode.VALIDATION_ERROR, when: 'no phone and no lead_id, an invalid phone (named), no body' },
    { code: ErrorCode.NOT_FOUND, when: 'lead_id names no lead of this tenant (an unknown number is no 404)' },
    { code: ErrorCode.CONFLICT, when: 'idempotency_key already used for another message' },
    {
      code: ErrorCode.POLICY_VIOLATION,
      when: 'the lead or number is on the do-not-contact list (no lead is made), opted out of SMS or archived',
    },
  )
  async smsSend(@CurrentAuth() auth: AuthContext, @Body() dto: SmsSendDto) {
    return MessageDto.from(await this.recipients.send(auth, dto, SendMessageDto.input(dto)));
  }

  private async whatsappConversation(auth: AuthContext, cid: string): Promise<void> {
    const c = await this.conversations.visible(auth, cid);
    if (c.channel !== 'whatsapp') throw AppError.notFound('Conversation');
  }
}
