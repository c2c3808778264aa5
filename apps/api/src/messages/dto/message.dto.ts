import { AppError, CharLength, IsPublicUrl, MaxChars } from '@app/common';
import { MESSAGE_STATUSES, MessageEntity } from '@app/db';
import { attachmentUrl } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A template's variables with each number as its text; anything else as it came (an object or a list is refused). */
function textsOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'number' && Number.isFinite(v) ? String(v) : v]),
  );
}

export class TemplateDto {
  @ApiProperty({ example: 'HXb5b62575e6e4ff6129ad7c8efe1f983e', description: 'Content SID or template name' })
  @IsString()
  @CharLength(1, 200)
  name!: string;
  @ApiProperty({ example: 'en' }) @IsString() @CharLength(1, 16) language!: string;
  @ApiProperty({
    example: { '1': 'Ada' },
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Texts (a number is taken as its text)',
  })
  @Transform(({ value }) => textsOf(value))
  @IsObject()
  @ValidateBy({
    name: 'isTexts',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.values(value).every((v) => typeof v === 'string'),
      defaultMessage: () => 'must be an object of texts, one per parameter of the template',
    },
  })
  variables!: Record<string, string>;
}

/** A manual message's content: `body` (the seeds' `message` and `content` are read too), or a template, or media. */
export class MessageContentDto {
  @ApiPropertyOptional({ example: 'Thanks for your interest! When suits you for a call?' })
  @IsOptional()
  @IsString()
  @MaxChars(4096)
  body?: string;
  @ApiPropertyOptional({ example: 'Thanks!', description: 'Seed 003 spelling of body' })
  @IsOptional()
  @IsString()
  @MaxChars(4096)
  message?: string;
  @ApiPropertyOptional({ example: 'Thanks!', description: 'Seed 004 spelling of body' })
  @IsOptional()
  @IsString()
  @MaxChars(4096)
  content?: string;
  @ApiPropertyOptional({ example: 'text', description: 'Seed 003: only text is sent as such' })
  @IsOptional()
  @IsIn(['text', 'template'])
  type?: string;
  @ApiPropertyOptional({ type: TemplateDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TemplateDto)
  template?: TemplateDto;
  @ApiPropertyOptional({
    example: ['https://cdn.example.com/brochure.pdf'],
    type: [String],
    description:
      'Files at public URLs (WhatsApp and Telegram: one file or media URL per message; others: 10 in all). With a WhatsApp Cloud template: the media of its image, video or document header',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsPublicUrl({ each: true })
  media_urls?: string[];
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['0192f3a0-0000-7000-8000-0000000000f1'],
    description:
      'Files uploaded with POST /api/messages/attachments, each sent once (WhatsApp and Telegram: one file or media URL per message). A file larger than the channel carries is a 400: SMS (MMS) 5 MB in all; WhatsApp 5 MB for a picture, 16 MB for anything else (WhatsApp Cloud: 16 MB for a video or a sound, 100 MB for a document); Telegram 5 MB for a photo, 20 MB for anything else',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attachment_ids?: string[];

  @ApiPropertyOptional({ example: 'Your quote', description: 'Email only' })
  @IsOptional()
  @IsString()
  @MaxChars(998)
  subject?: string;
  @ApiPropertyOptional({
    example: 'retry-7f3a',
    description:
      'The same key twice sends once (the first message is answered); reused for another lead or channel: 409',
  })
  @IsOptional()
  @IsString()
  @CharLength(1, 150)
  idempotency_key?: string;

  static input(dto: MessageContentDto) {
    return {
      body: dto.body ?? dto.message ?? dto.content,
      template: dto.template,
      media_urls: dto.media_urls,
      attachment_ids: dto.attachment_ids,
      subject: dto.subject,
      idempotency_key: dto.idempotency_key ? `manual:${dto.idempotency_key}` : undefined,
    };
  }
}

/** A manual message to send: outbound only, as the caller's. */
export class SendMessageDto extends MessageContentDto {
  @ApiPropertyOptional({
    enum: ['outbound'],
    example: 'outbound',
    description:
      "Seed 000: what these routes send is outbound; a lead's messages come in through its channel",
  })
  @IsOptional()
  @IsIn(['outbound'], {
    message: "must be outbound: a lead's messages come in through its channel's webhook",
  })
  direction?: 'outbound';
  @ApiPropertyOptional({
    enum: ['agent'],
    example: 'agent',
    description:
      "Seed 004: a manual message is the caller's (an agent's); a lead's come in through its channel",
  })
  @IsOptional()
  @IsIn(['agent'], { message: "must be agent: a lead's messages come in through its channel's webhook" })
  sender?: 'agent';
}

/**
 * A manual message on a lead's own routes (POST messages, POST leads/:id/messages): sent, or, with `sender: "lead"`
 * or `direction: "inbound"`, a message the lead sent through another channel logged by hand.
 */
export class LeadSendDto extends MessageContentDto {
  @ApiPropertyOptional({
    enum: ['outbound', 'inbound'],
    example: 'outbound',
    description:
      'Seed 000: outbound (the default) sends; inbound logs a message the lead sent through another channel (as sender lead)',
  })
  @IsOptional()
  @IsIn(['outbound', 'inbound'])
  direction?: 'outbound' | 'inbound';
  @ApiPropertyOptional({
    enum: ['agent', 'lead'],
    example: 'agent',
    description:
      "Seed 004: agent (the default) sends the caller's message; lead logs one the lead sent through another channel (a call, a visit, a personal phone). A logged message is recorded inbound on the lead's conversation for the channel and applied as a provider's inbound message is (STOP / START, a reply stopping the lead's sequences, unread count, message.received, classification); it has no provider id, status received, and sender_user_id is the user who logged it. Text only (body, and subject on email): no template, media or attachments. idempotency_key keeps a retried log to one message",
  })
  @IsOptional()
  @IsIn(['agent', 'lead'])
  sender?: 'agent' | 'lead';

  /**
   * A message the lead sent, to log by hand (direction inbound or sender lead), or null for a send. One that also
   * says outbound or agent, or carries what only a send carries, is refused.
   */
  static logged(dto: LeadSendDto): { body: string; subject?: string; client_key?: string } | null {
    if (dto.direction !== 'inbound' && dto.sender !== 'lead') return null;
    if (dto.direction === 'outbound')
      throw AppError.field('direction', 'must be inbound for a message from the lead');
    if (dto.sender === 'agent') throw AppError.field('sender', 'must be lead for an inbound message');
    for (const field of ['template', 'media_urls', 'attachment_ids'] as const)
      if (dto[field] !== undefined) throw AppError.field(field, 'is not taken by a logged inbound message');
    if (dto.type === 'template') throw AppError.field('type', 'must be text for a logged inbound message');
    const body = dto.body ?? dto.message ?? dto.content;
    if (!body?.trim()) throw AppError.field('content', 'must be the text the lead sent');
    return { body, subject: dto.subject, client_key: dto.idempotency_key };
  }
}

export const SEND_CHANNELS = ['sms', 'whatsapp', 'telegram', 'email'] as const;

export class SendToLeadDto extends LeadSendDto {
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-123456789abc' })
  @IsUUID()
  lead_id!: string;
  @ApiPropertyOptional({
    enum: SEND_CHANNELS,
    description:
      "Default: the lead's latest conversation's channel; with none, sms (email for a lead with an email and no phone)",
  })
  @IsOptional()
  @IsIn(SEND_CHANNELS)
  channel?: (typeof SEND_CHANNELS)[number];
}

export class LeadMessageDto extends LeadSendDto {
  @ApiPropertyOptional({
    enum: SEND_CHANNELS,
    description:
      "Default: the lead's latest conversation's channel; with none, sms (email for a lead with an email and no phone)",
  })
  @IsOptional()
  @IsIn(SEND_CHANNELS)
  channel?: (typeof SEND_CHANNELS)[number];
}

export class SmsSendDto extends SendMessageDto {
  @ApiPropertyOptional({
    example: '+14155552671',
    description:
      "seed 003 phoneNumber: any number; the tenant's lead with it, else a new lead made for it (or lead_id)",
  })
  @IsOptional()
  @IsString()
  @CharLength(3, 64)
  phone?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() lead_id?: string;
}

/** The model call that wrote a message the AI sent (issue 7): prompt version, model, tokens and cost. */
export class AiUsageDto {
  @ApiProperty({ format: 'uuid', description: 'The ai_interactions row of the call' })
  interaction_id!: string;
  @ApiProperty({ enum: ['local', 'openai'], example: 'openai' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty({ example: 'write-message@2' }) prompt_version!: string;
  @ApiProperty({ example: 812 }) input_tokens!: number;
  @ApiProperty({ example: 64 }) output_tokens!: number;
  @ApiProperty({ example: 0.000161, description: 'USD; 0 for the built-in local provider' })
  cost_usd!: number;
}

export class MessageAttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'quote.pdf', nullable: true }) filename!: string | null;
  @ApiProperty({ example: 'application/pdf' }) content_type!: string;
  @ApiProperty({ example: 48213, description: 'Bytes' }) size!: number;
  @ApiProperty({
    example:
      '/api/messages/0192f3a0-0000-7000-8000-000000000001/attachments/5f0c1d2e-3b4a-8c6d-9e7f-0a1b2c3d4e5f',
    description: 'Where to download it (with the same token)',
  })
  url!: string;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description:
      "An email's inline part (a logo, a pasted image): the id its `html` names it by, as `cid:<content_id>`; null otherwise",
  })
  content_id!: string | null;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conversation_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null once the lead was erased' })
  lead_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaign_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) step_id!: string | null;
  @ApiProperty({ enum: ['inbound', 'outbound'], example: 'outbound' }) direction!: string;
  @ApiProperty({ example: 'whatsapp' }) channel!: string;
  @ApiProperty({ enum: ['lead', 'agent', 'ai', 'system'], example: 'agent' }) sender!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The user who sent it; on a lead's message logged by hand, the user who logged it",
  })
  sender_user_id!: string | null;
  @ApiProperty({ type: String, example: 'Thanks for your interest!', nullable: true }) content!:
    string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) subject!: string | null;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'An inbound email’s HTML part as it came: untrusted, sanitize it before showing it',
  })
  html!: string | null;
  @ApiProperty({ type: TemplateDto, nullable: true }) template!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], example: [] }) media_urls!: string[];
  @ApiProperty({
    type: [MessageAttachmentDto],
    description:
      'Its files: those that came with an inbound message (an email’s attachments, a photo), those an agent sent',
  })
  attachments!: MessageAttachmentDto[];
  @ApiProperty({ example: 'simulator' }) provider!: string;
  @ApiProperty({ type: String, example: 'SM0123456789abcdef0123456789abcdef', nullable: true })
  provider_message_id!: string | null;
  @ApiProperty({ enum: MESSAGE_STATUSES, example: 'queued' }) status!: string;
  @ApiProperty({ type: String, example: null, nullable: true }) error_code!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) error_message!: string | null;
  @ApiProperty({ type: Number, example: 1, nullable: true }) segments!: number | null;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ type: String, example: '2026-11-30T10:00:01.000Z', nullable: true }) sent_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) delivered_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) read_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) failed_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true, description: 'Email: first open' }) opened_at!:
    string | null;
  @ApiProperty({ example: 0 }) open_count!: number;
  @ApiProperty({ type: String, example: null, nullable: true }) clicked_at!: string | null;
  @ApiProperty({ example: 0 }) click_count!: number;
  @ApiProperty({
    type: AiUsageDto,
    nullable: true,
    example: null,
    description: 'A message the AI wrote (sender ai): the call that wrote it; null otherwise',
  })
  ai_usage!: AiUsageDto | null;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-30T10:00:01.000Z' }) updated_at!: string;
  @ApiProperty({
    example: '2026-11-30T10:00:00.000Z',
    description: "Seeds 000, 003 and 004's timestamp: when it was sent or received (= created_at)",
  })
  timestamp!: string;
  @ApiProperty({
    type: String,
    example: 'Thanks for your interest!',
    nullable: true,
    description: "Seed 003's message: the text (= content)",
  })
  message!: string | null;
  @ApiProperty({ format: 'uuid', description: "Seed 003's messageId, as its send answers it (= id)" })
  message_id!: string;

  static from(m: MessageEntity): MessageDto {
    return {
      id: m.id,
      conversation_id: m.conversationId,
      lead_id: m.leadId,
      campaign_id: m.campaignId,
      step_id: m.stepId,
      direction: m.direction,
      channel: m.channel,
      sender: m.sender,
      sender_user_id: m.senderUserId,
      content: m.content,
      subject: m.subject,
      html: m.html ?? null,
      template: m.template,
      media_urls: m.mediaUrls,
      attachments: (m.attachments ?? []).map((a) => ({
        id: a.id,
        filename: a.filename,
        content_type: a.content_type,
        size: a.size,
        url: attachmentUrl(m.id, a.id),
        content_id: a.content_id ?? null,
      })),
      provider: m.provider,
      provider_message_id: m.providerMessageId,
      status: m.status,
      error_code: m.errorCode,
      error_message: m.errorMessage,
      segments: m.segments,
      attempts: m.attempts,
      sent_at: iso(m.sentAt),
      delivered_at: iso(m.deliveredAt),
      read_at: iso(m.readAt),
      failed_at: iso(m.failedAt),
      opened_at: iso(m.openedAt),
      open_count: m.openCount,
      clicked_at: iso(m.clickedAt),
      click_count: m.clickCount,
      ai_usage: m.aiUsage ?? null,
      created_at: m.createdAt.toISOString(),
      updated_at: m.updatedAt.toISOString(),
      timestamp: m.createdAt.toISOString(),
      message: m.content,
      message_id: m.id,
    };
  }
}
