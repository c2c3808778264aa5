import { Authenticated, CurrentAuth, RateLimit, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { ConversationsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessageListQueryDto } from '../messages/dto/message-query.dto';
import { MessageDto, SendMessageDto } from '../messages/dto/message.dto';
import { ConversationDto, ConversationQueryDto, UpdateConversationDto } from './dto/conversation.dto';

const id = new UuidPipe('Conversation');

@ApiTags('conversations')
@Controller('conversations')
@Authenticated()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @Roles('agent')
  @ApiOperation({
    summary: 'The inbox: conversations, newest first (agents see only those assigned to them)',
    description: 'Each WhatsApp conversation says whether its 24-hour window is open and until when.',
  })
  @ApiPage(ConversationDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: ConversationQueryDto) {
    const { limit: _l, offset: _o, page: _p, ...filter } = query;
    return (await this.conversations.list(auth, pageWindow(query), filter)).map(ConversationDto.from);
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({
    summary: 'One conversation, as the inbox lists it (an agent: only one assigned to them)',
    description:
      'For a client told of a conversation (message.received, conversation.updated) it has not listed.',
  })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', id) cid: string) {
    return ConversationDto.from(await this.conversations.get(auth, cid));
  }

  @Get(':id/messages')
  @Roles('agent')
  @ApiOperation({ summary: "A conversation's messages, newest first (order=asc: oldest first)" })
  @ApiPage(MessageDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async messages(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) cid: string,
    @Query() query: MessageListQueryDto,
  ) {
    return (await this.conversations.messagesOf(auth, cid, pageWindow(query), query.order)).map(
      MessageDto.from,
    );
  }

  @Post(':id/messages')
  @Roles('agent')
  @RateLimit('messages')
  @ApiOperation({
    summary: 'Send a message in the conversation (recorded, then sent through the outbound queue)',
    description:
      'Checked against the contact policy first: 422 POLICY_VIOLATION names the rule (do_not_contact, opted_out, whatsapp_window, no_address, archived) and nothing is recorded. A voice conversation takes no messages: 409 CONFLICT (`details.channel` voice), nothing recorded. A manual message reopens the conversation, hands it to a human (ai_mode human) and marks it read, as POST conversations/:id/read does.',
  })
  @ApiEnvelope(MessageDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.POLICY_VIOLATION)
  async send(@CurrentAuth() auth: AuthContext, @Param('id', id) cid: string, @Body() dto: SendMessageDto) {
    return MessageDto.from(await this.conversations.send(auth, cid, SendMessageDto.input(dto)));
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles('agent')
  @ApiOperation({ summary: 'Mark the conversation read (unread_count 0)' })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async read(@CurrentAuth() auth: AuthContext, @Param('id', id) cid: string) {
    return ConversationDto.from(await this.conversations.markRead(auth, cid));
  }

  @Patch(':id')
  @Roles('agent')
  @ApiOperation({
    summary: 'Assign (manager), close or reopen, or hand to a human / back to AI',
    description:
      '`ai_mode: human` takes the lead over as a manual message does: automated and AI sends to it stop, each of its ' +
      'running enrollments paused until its campaign cedes it. `ai_mode: auto` hands the conversation back to the AI; ' +
      'while a campaign still holds the lead it is a 409 naming those campaigns (`details.campaign_ids`).',
  })
  @ApiEnvelope(ConversationDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) cid: string,
    @Body() dto: UpdateConversationDto,
  ) {
    return ConversationDto.from(await this.conversations.update(auth, cid, dto));
  }
}
