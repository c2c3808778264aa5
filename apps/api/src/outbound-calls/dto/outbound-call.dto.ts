import { IsIsoDate, MaxChars, Optional } from '@app/common';
import { CAMPAIGN_STATUSES } from '@app/db';
import { MAX_BROADCAST_NUMBERS, successRate } from '@app/domain';
import type { BroadcastInput, BroadcastRow, LaunchedBroadcast } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString } from 'class-validator';
import { EnrollmentResultDto } from '../../campaigns/dto/campaign.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Numbers sent as JSON numbers are read as their digits. */
const digits = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? String(v) : v)) : value;

/** `POST /api/outbound-calls` (seed 003). */
export class CreateOutboundCallsDto implements BroadcastInput {
  @ApiProperty({ example: 'Follow-up Calls', description: 'Also campaignName' })
  @IsString()
  @MaxChars(200)
  campaign_name!: string;

  @ApiProperty({
    example: ['+1234567890', '+1987654321'],
    type: [String],
    description: `Also phoneNumbers; national numbers in the tenant's default country; at most ${MAX_BROADCAST_NUMBERS}. One bad number rejects the request (each is listed).`,
  })
  @Transform(digits)
  @IsArray()
  @ArrayMaxSize(MAX_BROADCAST_NUMBERS)
  @IsString({ each: true })
  @MaxChars(64, { each: true })
  phone_numbers!: string[];

  @ApiPropertyOptional({
    type: String,
    example: 'This is a follow-up call regarding your recent visit.',
    description: 'Spoken to whoever answers (text-to-speech); {{first_name}} and other lead fields allowed',
  })
  @IsOptional()
  @IsString()
  @MaxChars(4000)
  message?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'https://example.com/reminder.mp3',
    description: 'Instead of message: a recording to play',
  })
  @IsOptional()
  @IsString()
  @MaxChars(2000)
  audio_url?: string | null;

  @ApiPropertyOptional({
    example: '2025-01-24T10:00:00Z',
    format: 'date-time',
    description: 'Also scheduledTime; now when absent. In the future: the campaign is scheduled',
  })
  @Optional()
  @IsIsoDate()
  scheduled_time?: Date;

  @ApiPropertyOptional({
    type: String,
    example: '+14155551234',
    description: 'The number the calls come from',
  })
  @IsOptional()
  @IsString()
  @MaxChars(32)
  caller_id?: string | null;
}

/** One voice-broadcast campaign with its call totals (seed 003's fields, snake_case). */
export class OutboundCallCampaignDto {
  @ApiProperty({ format: 'uuid', description: 'The campaign' }) id!: string;
  @ApiProperty({ example: 'Appointment Reminders' }) campaign_name!: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES, example: 'active' }) status!: string;
  @ApiProperty({ example: 150, description: 'The lead calls made (retries count)' }) total_calls!: number;
  @ApiProperty({ example: 120, description: 'Ended calls a person or a machine answered' })
  completed_calls!: number;
  @ApiProperty({ example: 80.0, description: 'completed over ended calls, in percent, one decimal' })
  success_rate!: number;
  @ApiProperty({ example: 150, description: 'Numbers enrolled' }) total_numbers!: number;
  @ApiProperty({ type: String, example: 'This is a reminder of your appointment tomorrow.', nullable: true })
  message!: string | null;
  @ApiProperty({ type: String, example: null, nullable: true }) audio_url!: string | null;
  @ApiProperty({ type: String, example: '+14155551234', nullable: true }) caller_id!: string | null;
  @ApiProperty({ type: String, example: '2025-01-24T10:00:00.000Z', nullable: true }) scheduled_time!:
    string | null;
  @ApiProperty({ type: String, example: '2025-01-24T10:00:00.000Z', nullable: true }) started_at!:
    string | null;
  @ApiProperty({ example: '2025-01-23T09:00:00.000Z' }) created_at!: string;

  static from(b: BroadcastRow): OutboundCallCampaignDto {
    return {
      id: b.id,
      campaign_name: b.campaign_name,
      status: b.status,
      total_calls: b.total_calls,
      completed_calls: b.completed_calls,
      success_rate: successRate(b),
      total_numbers: b.total_numbers,
      message: b.message,
      audio_url: b.audio_url,
      caller_id: b.caller_id,
      scheduled_time: iso(b.scheduled_time),
      started_at: iso(b.started_at),
      created_at: b.created_at.toISOString(),
    };
  }
}

/** What `POST /api/outbound-calls` made. */
export class CreatedOutboundCallsDto extends OutboundCallCampaignDto {
  @ApiProperty({ example: 2 }) numbers_received!: number;
  @ApiProperty({ example: 2, description: 'After parsing, each number once' }) numbers_unique!: number;
  @ApiProperty({ example: 1, description: 'Numbers no lead had: a lead was made for each' })
  leads_created!: number;
  @ApiProperty({
    type: EnrollmentResultDto,
    description: 'Leads enrolled; those the contact policy refuses for voice are skipped, by rule',
  })
  enrollment!: EnrollmentResultDto;
  @ApiProperty({ example: 2, description: 'Enrollments waiting for their call' }) queued!: number;

  static fromLaunch(l: LaunchedBroadcast): CreatedOutboundCallsDto {
    return {
      ...OutboundCallCampaignDto.from(l.broadcast),
      numbers_received: l.numbers_received,
      numbers_unique: l.numbers_unique,
      leads_created: l.leads_created,
      enrollment: l.enrollment,
      queued: l.queued,
    };
  }
}
