import {
  AnyCase,
  IanaTimeZone,
  IsDecimalNumber,
  IsIsoDate,
  IsPublicUrl,
  MaxChars,
  Optional,
} from '@app/common';
import { CAMPAIGN_STATUSES, DIALING_MODES } from '@app/db';
import type { AmdAction, AmdActions, CampaignStatus, DialingMode, RetryPolicy } from '@app/db';
import { AMD_ACTIONS, TEMPLATE_CHANNELS } from '@app/domain';
import type { CampaignInput, TemplateChannel } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CampaignStepDto } from './campaign-step.dto';
import { TargetFilterDto, TargetFilterField, targetFilter } from './target-filter.dto';

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
export const MAX_LEAD_IDS = 10_000;

/** Seed 001's retry policy. */
export class RetryPolicyDto implements RetryPolicy {
  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 10 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(10)
  max_attempts?: number;
  @ApiPropertyOptional({
    example: 60,
    minimum: 2,
    maximum: 10_080,
    description: 'Minutes between attempts on a lead: at least 2 (issue 6 §5), as the dialer keeps them',
  })
  @Optional()
  @IsInt()
  @Min(2)
  @Max(10_080)
  delay_minutes?: number;
  @ApiPropertyOptional({ example: true })
  @Optional()
  @IsBoolean()
  retry_on_no_answer?: boolean;
  @ApiPropertyOptional({ example: true }) @Optional() @IsBoolean() retry_on_busy?: boolean;
  @ApiPropertyOptional({ example: false })
  @Optional()
  @IsBoolean()
  retry_on_voicemail?: boolean;
}

/** What the dialer does on each AMD answer other than human and a voicemail beep. */
export class AmdActionsDto implements AmdActions {
  @ApiPropertyOptional({ enum: AMD_ACTIONS, example: 'hangup', description: 'A machine greeting began' })
  @Optional()
  @AnyCase()
  @IsIn(AMD_ACTIONS)
  machine_start?: AmdAction;
  @ApiPropertyOptional({ enum: AMD_ACTIONS, example: 'hangup' })
  @Optional()
  @AnyCase()
  @IsIn(AMD_ACTIONS)
  fax?: AmdAction;
  @ApiPropertyOptional({ enum: AMD_ACTIONS, example: 'agent', description: 'AMD could not tell' })
  @Optional()
  @AnyCase()
  @IsIn(AMD_ACTIONS)
  unknown?: AmdAction;
}

/** The fields every form shares (seed 001's settings, seed 000's steps, seed 002's template), all optional. */
export class CampaignFieldsDto {
  @ApiPropertyOptional({ type: String, example: 'Onboarding for new sign-ups' })
  @IsOptional()
  @IsString()
  @MaxChars(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, example: '2026-01-05T09:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsIsoDate()
  schedule_start?: Date | null;
  @ApiPropertyOptional({ type: String, example: '2026-03-31T17:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsIsoDate()
  schedule_end?: Date | null;

  @ApiPropertyOptional({
    type: String,
    example: 'America/Los_Angeles',
    description: "IANA zone: leads whose own zone is unknown are reached in it (else the tenant's)",
  })
  @IsOptional()
  @IanaTimeZone()
  timezone?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '09:00',
    description: "The sending window's start in the lead's local time, inside 08:00-21:00",
  })
  @IsOptional()
  @Matches(TIME, { message: 'must be a time HH:MM or HH:MM:SS' })
  calling_hours_start?: string | null;
  @ApiPropertyOptional({
    type: String,
    example: '17:00',
    description: 'After calling_hours_start; at most 21:00',
  })
  @IsOptional()
  @Matches(TIME, { message: 'must be a time HH:MM or HH:MM:SS' })
  calling_hours_end?: string | null;

  @ApiPropertyOptional({
    example: [1, 2, 3, 4, 5],
    type: [Number],
    description: 'ISO weekdays the window opens on (1 = Monday ... 7 = Sunday); null: every day',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true, message: 'must hold ISO weekdays 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'must hold ISO weekdays 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'must hold ISO weekdays 1 (Monday) to 7 (Sunday)' })
  calling_days?: number[] | null;

  @ApiPropertyOptional({
    type: String,
    example: '+14155551234',
    description:
      "The number calls come from (else the voice account's): stored E.164, a national number read in the tenant's default country; what is no phone number is a 400",
  })
  @IsOptional()
  @IsString()
  @MaxChars(32)
  caller_id?: string | null;
  @ApiPropertyOptional({
    type: String,
    example: 'Acme',
    description: 'The sender id or address messages go from',
  })
  @IsOptional()
  @IsString()
  @MaxChars(100)
  sender_id?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', example: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  @IsOptional()
  @IsUUID()
  agent_group_id?: string | null;
  @ApiPropertyOptional({ enum: DIALING_MODES, example: 'preview' })
  @Optional()
  @AnyCase()
  @IsIn(DIALING_MODES)
  dialing_mode?: DialingMode;
  @ApiPropertyOptional({
    example: 0.03,
    minimum: 0,
    maximum: 0.1,
    description: 'Predictive dialing keeps abandoned calls at or under this share of live answers',
  })
  @Optional()
  @IsDecimalNumber(4)
  @Min(0)
  @Max(0.1)
  max_abandon_rate?: number;
  @ApiPropertyOptional({ type: RetryPolicyDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => RetryPolicyDto)
  retry_policy?: RetryPolicyDto;
  @ApiPropertyOptional({ example: true }) @Optional() @IsBoolean() amd_enabled?: boolean;
  @ApiPropertyOptional({ type: String, example: 'https://example.com/voicemail.mp3' })
  @IsOptional()
  @IsPublicUrl()
  voicemail_message_url?: string | null;
  @ApiPropertyOptional({ example: true }) @Optional() @IsBoolean() record_calls?: boolean;
  @ApiPropertyOptional({
    example: 25,
    minimum: 15,
    maximum: 120,
    default: 25,
    description: 'Seconds a dialed lead rings before the call is given up',
  })
  @Optional()
  @IsInt()
  @Min(15)
  @Max(120)
  ring_timeout_seconds?: number;
  @ApiPropertyOptional({
    example: 45,
    minimum: 10,
    maximum: 600,
    default: 30,
    description:
      'Preview mode: seconds an offered lead waits for the agent to dial or skip it; then the offer expires, the lead goes back to the pool unattempted and the agent is put on break',
  })
  @Optional()
  @IsInt()
  @Min(10)
  @Max(600)
  preview_timeout_seconds?: number;
  @ApiPropertyOptional({
    example: 1.5,
    minimum: 0.5,
    maximum: 5,
    default: 1,
    description: 'Power mode: lines dialed per available agent',
  })
  @Optional()
  @IsDecimalNumber(2)
  @Min(0.5)
  @Max(5)
  lines_per_agent?: number;
  @ApiPropertyOptional({
    example: 30,
    minimum: 0,
    maximum: 600,
    default: 30,
    description: 'After-call work: seconds before an agent is offered the next call',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(600)
  wrap_up_seconds?: number;
  @ApiPropertyOptional({
    example: 4320,
    minimum: 0,
    maximum: 43_200,
    default: 4320,
    description: 'Minutes before an abandoned lead may be dialed again',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(43_200)
  abandon_lockout_minutes?: number;
  @ApiPropertyOptional({
    type: String,
    example: 'Sorry we missed you. This was Acme; we will call again later.',
    description: 'Spoken to an answered lead no agent could take within 2 s; a default text when null',
  })
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  safe_harbour_message?: string | null;
  @ApiPropertyOptional({
    type: AmdActionsDto,
    example: { machine_start: 'hangup', fax: 'hangup', unknown: 'agent' },
    description: 'Per AMD answer: agent | voicemail | hangup (the whole object is replaced when sent)',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmdActionsDto)
  amd_actions?: AmdActionsDto;

  @ApiPropertyOptional({
    type: String,
    example: 'Hello from MyStartup',
    description: 'Seed 002 (also subjectLine): the subject of EMAIL steps that have none',
  })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  subject_line?: string | null;
  @ApiPropertyOptional({
    type: Number,
    example: 3,
    description:
      'Seed 002 (also followUpIntervalDays): days between two message steps with no DELAY between them',
  })
  @IsOptional()
  @IsDecimalNumber(2)
  @Min(0)
  @Max(365)
  follow_up_interval_days?: number | null;

  @TargetFilterField('Who start enrolls: "ALL" (every live lead) or lead filters as in GET /api/leads')
  target_filter?: 'ALL' | TargetFilterDto | null;

  @ApiPropertyOptional({
    example: true,
    description: "A reply stops the lead's sequence (default true)",
  })
  @Optional()
  @IsBoolean()
  stop_on_reply?: boolean;

  @ApiPropertyOptional({
    type: [CampaignStepDto],
    description:
      "Seed 000: the sequence, in order (positions are 0-based in that order). Not sent (nor template), with one of seed 001's dialing fields (caller_id, agent_group_id, dialing_mode, amd_enabled, record_calls, voicemail_message_url, the dialer's settings): one CALL step that connects the answered call to an agent, so seed 001's campaign dials. A PATCH or PUT leaving a draft without steps gets it too",
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CampaignStepDto)
  steps?: CampaignStepDto[];

  @ApiPropertyOptional({
    example: 'Hi {{firstName}}, we noticed you...',
    description: 'Seed 002: the one message, stored as one step of `channel` (with steps: refused)',
  })
  @Optional()
  @IsString()
  @MaxChars(10_000)
  template?: string;
  @ApiPropertyOptional({
    enum: ['email', 'sms', 'whatsapp'],
    default: 'email',
    example: 'email',
    description:
      "Seed 002 form: the template's channel. Default: email on create; on PATCH / PUT the channel the campaign sends on",
  })
  @Optional()
  @AnyCase()
  @IsIn(TEMPLATE_CHANNELS)
  channel?: TemplateChannel;
}

/** POST /api/campaigns: seed 000's `{ name, target_filter, steps }` or seed 002's template form. */
export class CreateCampaignDto extends CampaignFieldsDto {
  @ApiProperty({ example: 'Welcome Series' }) @IsString() @MaxChars(200) name!: string;

  @ApiPropertyOptional({
    example: ['0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f'],
    type: [String],
    description: 'Seed 002 (also leadIds): leads enrolled with the campaign, at most 10,000',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_LEAD_IDS)
  @IsUUID('all', { each: true })
  lead_ids?: string[];
}

/** PATCH / PUT /api/campaigns/:id: the fields sent change; `status` asks for a transition (seed 002). */
export class UpdateCampaignDto extends CampaignFieldsDto {
  @ApiPropertyOptional({ example: 'Welcome Series (v2)' })
  @Optional()
  @IsString()
  @MaxChars(200)
  name?: string;

  @ApiPropertyOptional({
    enum: CAMPAIGN_STATUSES,
    example: 'paused',
    description: 'A transition, as the lifecycle routes make it (active: start, send or resume)',
  })
  @Optional()
  @AnyCase()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}

/** A nested DTO as plain JSON: the fields a client sent (class fields not sent stay out of the jsonb). */
function definedOnly<T extends object>(dto: T): T {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as T;
}

/** The domain's input from a validated body. */
export function campaignInput(dto: CreateCampaignDto | UpdateCampaignDto): CampaignInput {
  const { target_filter: filter, retry_policy: retryPolicy, amd_actions: amdActions, ...rest } = dto;
  return {
    ...rest,
    ...(retryPolicy !== undefined ? { retry_policy: { ...retryPolicy } } : {}),
    ...(amdActions !== undefined ? { amd_actions: definedOnly(amdActions) } : {}),
    ...(filter !== undefined ? { target_filter: filter === null ? null : targetFilter(filter) } : {}),
  } as CampaignInput;
}
