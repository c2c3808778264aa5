import { Page, PageMetaDto } from '@app/common';
import { CampaignEnrollmentEntity, ENROLLMENT_STATUSES } from '@app/db';
import type { CampaignLeadConversation } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MessageDto, SEND_CHANNELS, SendMessageDto } from '../../messages/dto/message.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One lead's place in one campaign, and whether a human holds it (`ai_paused`). */
export class EnrollmentStateDto {
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-00000000e001' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-00000000c001' }) campaign_id!: string;
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-123456789abc' }) lead_id!: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, example: 'waiting' }) status!: string;
  @ApiProperty({ example: 1, description: 'The 0-based position of the step it runs next' })
  current_step!: number;
  @ApiProperty({ example: 0, description: 'Sends of the current step already made' }) attempts!: number;
  @ApiProperty({
    example: true,
    description: 'A human holds the lead (override or manual message): automation sends nothing until cede',
  })
  ai_paused!: boolean;
  @ApiProperty({ type: String, example: '2026-12-01T09:00:00.000Z', nullable: true }) next_action_at!:
    string | null;
  @ApiProperty({ type: String, example: '2026-11-30T09:00:00.000Z', nullable: true }) last_attempt_at!:
    string | null;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description:
      'stopped / dnc / failed: why (cancelled, opted_out, send_failed; step_error when its step kept failing for an hour)',
  })
  stop_reason!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) replied_at!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) completed_at!: string | null;
  @ApiProperty({ example: '2026-11-30T08:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-30T10:15:00.000Z' }) updated_at!: string;

  static from(e: CampaignEnrollmentEntity): EnrollmentStateDto {
    return {
      id: e.id,
      campaign_id: e.campaignId,
      lead_id: e.leadId,
      status: e.status,
      current_step: e.currentStep,
      attempts: e.attempts,
      ai_paused: e.aiPaused,
      next_action_at: iso(e.nextActionAt),
      last_attempt_at: iso(e.lastAttemptAt),
      stop_reason: e.stopReason,
      replied_at: iso(e.repliedAt),
      completed_at: iso(e.completedAt),
      created_at: e.createdAt.toISOString(),
      updated_at: e.updatedAt.toISOString(),
    };
  }
}

/** The lead's history in the campaign (oldest first, one page) and its enrollment. */
export class CampaignConversationDto {
  @ApiProperty({ type: EnrollmentStateDto }) enrollment!: EnrollmentStateDto;
  @ApiProperty({
    type: [MessageDto],
    description:
      "The lead's messages on the campaign's channels (the campaign's own, the lead's replies, manual ones, other senders'), and any message tagged with this campaign; oldest first",
  })
  messages!: MessageDto[];
}

/** `{ success, data: { enrollment, messages }, meta }`: `meta` pages `messages`. */
export class CampaignConversationResponseDto {
  @ApiProperty({ example: true }) success!: true;
  @ApiProperty({ type: CampaignConversationDto }) data!: CampaignConversationDto;
  @ApiProperty({ type: PageMetaDto }) meta!: PageMetaDto;

  static from({ enrollment, messages }: CampaignLeadConversation): CampaignConversationResponseDto {
    return {
      success: true,
      data: {
        enrollment: EnrollmentStateDto.from(enrollment),
        messages: messages.items.map(MessageDto.from),
      },
      meta: pageMeta(messages),
    };
  }
}

function pageMeta(page: Page<unknown>): PageMetaDto {
  return { total: page.total, limit: page.limit, offset: page.offset };
}

/** A manual message to a campaign's lead: `body` (or `content` / `message`), a template or media. */
export class CampaignMessageDto extends SendMessageDto {
  @ApiPropertyOptional({
    enum: SEND_CHANNELS,
    example: 'sms',
    description: "Default: the channel of the campaign's first message step",
  })
  @IsOptional()
  @IsIn(SEND_CHANNELS)
  channel?: (typeof SEND_CHANNELS)[number];
}
