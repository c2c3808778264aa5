import { AnyCase, inputValue, inputValueAliasesDoc, Optional, PageQueryDto, QueryBoolean } from '@app/common';
import {
  AI_MODES,
  CONVERSATION_CHANNELS,
  CONVERSATION_STATUSES,
  MESSAGE_DIRECTIONS,
  MESSAGE_SENDERS,
} from '@app/db';
import type { AiMode, ConversationChannel, ConversationStatus } from '@app/db';
import type { InboxConversation } from '@app/domain';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches, ValidateIf } from 'class-validator';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export class WhatsAppWindowDto {
  @ApiProperty({ example: true }) open!: boolean;
  @ApiProperty({
    type: String,
    example: '2026-12-01T10:00:00.000Z',
    nullable: true,
    description: 'When it closes (closed)',
  })
  until!: string | null;
}

export class ConversationLeadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'Alice Johnson', nullable: true }) name!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: 'alice@example.com', nullable: true }) email!: string | null;
}

export class LastMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'Thank you for the information!', nullable: true }) content!:
    string | null;
  @ApiProperty({ example: 0, description: 'Its files (a message may be a file alone)' })
  attachment_count!: number;
  @ApiProperty({ enum: MESSAGE_DIRECTIONS, example: 'inbound' }) direction!: string;
  @ApiProperty({ enum: MESSAGE_SENDERS, example: 'lead', description: 'Who wrote it (seed 004)' })
  sender!: string;
  @ApiProperty({ example: 'received' }) status!: string;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z', description: "Seed 004's timestamp (= created_at)" })
  timestamp!: string;
}

export class ConversationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) lead_id!: string;
  @ApiProperty({ type: ConversationLeadDto, nullable: true }) lead!: ConversationLeadDto | null;
  @ApiProperty({
    type: String,
    example: 'Alice Johnson',
    nullable: true,
    description: "Seed 003's contactName (= lead.name)",
  })
  contact_name!: string | null;
  @ApiProperty({
    type: String,
    example: 'Alice Johnson',
    nullable: true,
    description: "Seed 004's leadName (= lead.name)",
  })
  lead_name!: string | null;
  @ApiProperty({
    type: String,
    example: '+14155552671',
    nullable: true,
    description: "Seed 003's phoneNumber (= lead.phone)",
  })
  phone_number!: string | null;
  @ApiProperty({ enum: CONVERSATION_CHANNELS, example: 'whatsapp' }) channel!: string;
  @ApiProperty({ enum: CONVERSATION_STATUSES, example: 'open' }) status!: string;
  @ApiProperty({ example: 2 }) unread_count!: number;
  @ApiProperty({ type: String, example: '2026-11-30T10:00:00.000Z', nullable: true }) last_message_at!:
    string | null;
  @ApiProperty({ type: String, example: '2026-11-30T10:00:00.000Z', nullable: true }) last_inbound_at!:
    string | null;
  @ApiProperty({
    example: '2026-11-30T10:00:00.000Z',
    description: "Seed 003's timestamp: its last message's time (last_message_at; created_at before any)",
  })
  timestamp!: string;
  @ApiProperty({
    type: LastMessageDto,
    nullable: true,
    description:
      "Seed 004's lastMessage object (content, sender, timestamp...); seed 003's per-channel routes answer its text",
  })
  last_message!: LastMessageDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigned_user_id!: string | null;
  @ApiProperty({ enum: AI_MODES, example: 'auto' }) ai_mode!: string;
  @ApiProperty({
    type: String,
    example: '@charlie_brown',
    nullable: true,
    description:
      "Seed 003's username: the person's handle on the channel (Telegram), as their last message gave it",
  })
  username!: string | null;
  @ApiProperty({
    type: WhatsAppWindowDto,
    nullable: true,
    description: 'WhatsApp only: free-form allowed until',
  })
  whatsapp_window!: WhatsAppWindowDto | null;
  @ApiProperty({ example: '2026-11-30T09:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) updated_at!: string;

  static from({ conversation: c, last_message: m, whatsapp_window: w }: InboxConversation): ConversationDto {
    const l = c.lead;
    const name = l ? [l.firstName, l.lastName].filter(Boolean).join(' ') || null : null;
    const phone = l ? (l.phoneNormalized ?? l.phone) : null;
    return {
      id: c.id,
      lead_id: c.leadId,
      lead: l ? { id: l.id, name, phone, email: l.email } : null,
      contact_name: name,
      lead_name: name,
      phone_number: phone,
      channel: c.channel,
      status: c.status,
      unread_count: c.unreadCount,
      last_message_at: iso(c.lastMessageAt),
      last_inbound_at: iso(c.lastInboundAt),
      timestamp: (c.lastMessageAt ?? c.createdAt).toISOString(),
      last_message: m
        ? {
            id: m.id,
            content: m.content,
            attachment_count: m.attachment_count,
            direction: m.direction,
            sender: m.sender,
            status: m.status,
            created_at: m.created_at.toISOString(),
            timestamp: m.created_at.toISOString(),
          }
        : null,
      assigned_user_id: c.assignedUserId,
      ai_mode: c.aiMode,
      username: c.handle,
      whatsapp_window: w ? { open: w.open, until: iso(w.until) } : null,
      created_at: c.createdAt.toISOString(),
      updated_at: c.updatedAt.toISOString(),
    };
  }
}

/**
 * A conversation as seed 003's per-channel inboxes list it (`whatsapp/conversations`, `sms/conversations`,
 * `telegram/conversations`): `last_message` is the text of the last message, as seed 003's `lastMessage` string;
 * the object that `GET /api/conversations` (seed 004) answers in `last_message` is `last_message_detail` here.
 */
export class ChannelConversationDto extends OmitType(ConversationDto, ['last_message'] as const) {
  @ApiProperty({
    type: 'string',
    example: 'Thank you for the information!',
    nullable: true,
    description:
      "Seed 003's lastMessage: the last message's text; null before any message, or when it is a file alone " +
      '(last_message_detail.attachment_count)',
  })
  last_message!: string | null;
  @ApiProperty({
    type: LastMessageDto,
    nullable: true,
    description: 'The last message as GET /api/conversations answers it in last_message',
  })
  last_message_detail!: LastMessageDto | null;

  static from(view: InboxConversation): ChannelConversationDto {
    const { last_message: detail, ...rest } = ConversationDto.from(view);
    return { ...rest, last_message: detail?.content ?? null, last_message_detail: detail };
  }
}

export class ConversationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONVERSATION_CHANNELS, description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(CONVERSATION_CHANNELS)
  channel?: ConversationChannel;
  @ApiPropertyOptional({
    enum: CONVERSATION_STATUSES,
    description: `Any case. ${inputValueAliasesDoc('conversation_status')}`,
  })
  @IsOptional()
  @Transform(inputValue('conversation_status', { anyCase: true }))
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatus;
  @ApiPropertyOptional({
    example: true,
    description: 'true: with unread messages; false: all read (in any case)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
  @ApiPropertyOptional({
    example: 'me',
    description: "`me` (a user's token; with an API key a 400), `unassigned`, or a user id (any case)",
  })
  @IsOptional()
  @AnyCase()
  @Matches(/^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'must be me, unassigned or a user id',
  })
  assigned?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() lead_id?: string;
}

/** The filters of a per-channel seed route (`sms/conversations`...): its path names the channel. */
export class ChannelConversationQueryDto extends OmitType(ConversationQueryDto, ['channel'] as const) {}

export class UpdateConversationDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null unassigns (manager); any case',
  })
  @IsOptional()
  @AnyCase()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  assigned_user_id?: string | null;
  @ApiPropertyOptional({
    enum: CONVERSATION_STATUSES,
    example: 'closed',
    description: `Any case. ${inputValueAliasesDoc('conversation_status')}`,
  })
  @Optional()
  @Transform(inputValue('conversation_status', { anyCase: true }))
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatus;
  @ApiPropertyOptional({ enum: AI_MODES, example: 'human', description: 'Any case' })
  @Optional()
  @AnyCase()
  @IsIn(AI_MODES)
  ai_mode?: AiMode;
}
