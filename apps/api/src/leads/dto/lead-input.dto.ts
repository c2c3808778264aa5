import { CharLength, IanaTimeZone, IsDecimalNumber, MaxChars, Optional } from '@app/common';
import { LEAD_PRIORITIES, LEAD_STATUSES, LEAD_TYPE_MAX } from '@app/db';
import type { LeadPriority, LeadStatus } from '@app/db';
import { QUALIFICATION_STATUSES, splitName } from '@app/domain';
import type { LeadInput, QualificationStatus } from '@app/domain';
import { REPLY_LABELS } from '@app/providers';
import type { ReplyLabel } from '@app/providers';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';

const MAX_CUSTOM_FIELDS_BYTES = 16_384;

const SmallJson = () =>
  ValidateBy({
    name: 'smallJson',
    validator: {
      validate: (value: unknown) =>
        Buffer.byteLength(JSON.stringify(value ?? {}), 'utf8') <= MAX_CUSTOM_FIELDS_BYTES,
      defaultMessage: () => `must be at most ${MAX_CUSTOM_FIELDS_BYTES} bytes of JSON`,
    },
  });

const MAX_NAME = 100;

/** Text trimmed, and blank text as null: the form field a person emptied, as the import reads an empty cell. */
const blankAsNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value;

/** `name` is split into first_name and last_name: each part must fit its column. */
const SplitsIntoNames = () =>
  ValidateBy({
    name: 'splitsIntoNames',
    validator: {
      validate: (value: unknown) =>
        typeof value !== 'string' || splitName(value).every((part) => (part ?? '').length <= MAX_NAME),
      defaultMessage: () =>
        `must have a first word and a rest (the first and last names) of at most ${MAX_NAME} characters each`,
    },
  });

/**
 * A lead as clients send it (seeds 000, 001, 002, 004). On create a phone or an email is required; on PATCH
 * only the fields sent change, and null clears a field that may be empty.
 */
export class LeadInputDto implements LeadInput {
  @ApiPropertyOptional({
    type: String,
    example: 'Jane Doe',
    description: `Split into first and last name (its first word and the rest, each at most ${MAX_NAME} characters) when those are not sent`,
  })
  @IsOptional()
  @IsString()
  @MaxChars(2 * MAX_NAME + 1)
  @SplitsIntoNames()
  name?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Jane' })
  @IsOptional()
  @IsString()
  @MaxChars(MAX_NAME)
  first_name?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Doe' })
  @IsOptional()
  @IsString()
  @MaxChars(MAX_NAME)
  last_name?: string | null;
  @ApiPropertyOptional({
    type: String,
    example: 'jane@example.com',
    description: 'Trimmed; an empty one clears it, as null does (and as an empty phone does)',
  })
  @IsOptional()
  @Transform(blankAsNull)
  @MaxChars(320)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '(415) 555-2671',
    description: 'Any common format; stored as given and as E.164 in phone_normalized',
  })
  @IsOptional()
  @IsString()
  @MaxChars(64)
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'US',
    description: 'ISO 3166-1 alpha-2; derived from the phone when not sent',
  })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'America/Los_Angeles',
    description: 'Overrides the zones derived from the phone',
  })
  @IsOptional()
  @IanaTimeZone()
  timezone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Tech Startup' })
  @IsOptional()
  @IsString()
  @MaxChars(200)
  company?: string | null;
  @ApiPropertyOptional({ type: String, example: 'CTO' }) @IsOptional() @IsString() @MaxChars(200) position?:
    string | null;
  @ApiPropertyOptional({ type: String, example: 'referral' })
  @IsOptional()
  @IsString()
  @MaxChars(100)
  source?: string | null;
  @ApiPropertyOptional({
    type: String,
    example: 'carrier',
    nullable: true,
    maxLength: LEAD_TYPE_MAX,
    description:
      'What kind of lead this is (carrier, shipper, broker...): free-form, trimmed; empty or null clears it',
  })
  @IsOptional()
  @IsString()
  @MaxChars(LEAD_TYPE_MAX)
  type?: string | null;

  @ApiPropertyOptional({ type: Number, example: 10000 })
  @IsOptional()
  @IsDecimalNumber(2)
  @Min(0)
  @Max(999_999_999_999)
  value?: number | null;

  @ApiPropertyOptional({ enum: LEAD_PRIORITIES, example: 'normal' })
  @Optional()
  @IsIn(LEAD_PRIORITIES)
  priority?: LeadPriority;
  @ApiPropertyOptional({ enum: LEAD_STATUSES, example: 'new' })
  @Optional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;
  @ApiPropertyOptional({
    example: 40,
    minimum: 0,
    maximum: 100,
    description:
      'On PATCH / PUT a manual score is an override: the classifier no longer changes it (see score_override)',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  score?: number;
  @ApiPropertyOptional({
    enum: REPLY_LABELS,
    example: 'interested',
    nullable: true,
    description:
      'One of the labels the classifier gives a reply, or null (none). On PATCH / PUT a manual classification is an override: the classifier no longer changes it (see classification_override)',
  })
  @IsOptional()
  @IsIn(REPLY_LABELS)
  classification?: ReplyLabel | null;
  @ApiPropertyOptional({
    example: false,
    description:
      'false hands the score back to the classifier (its next classification sets it); true pins the current score. Sending `score` pins it unless this is false. Alias scoreOverride.',
  })
  @Optional()
  @IsBoolean()
  score_override?: boolean;
  @ApiPropertyOptional({
    example: false,
    description:
      'false hands the classification back to the classifier; true pins the current one. Sending `classification` pins it unless this is false. Alias classificationOverride.',
  })
  @Optional()
  @IsBoolean()
  classification_override?: boolean;
  @ApiPropertyOptional({
    enum: QUALIFICATION_STATUSES,
    example: 'qualified',
    nullable: true,
    description:
      'One of the statuses the classifier sets, or null. Left out while `score` or `classification` is sent, it follows them as a classified reply sets it: meeting_request flags the lead (meeting_requested), not_interested, unsubscribe and wrong_person disqualify it, not_now and out_of_office nurture it, else the score against settings.scoring.qualified_threshold decides (qualified or in_progress; a lead never classified: its score)',
  })
  @IsOptional()
  @IsIn(QUALIFICATION_STATUSES)
  qualification_status?: QualificationStatus | null;

  @ApiPropertyOptional({
    example: ['vip', 'q4'],
    type: [String],
    description: 'Trimmed; one of each tag whatever its case (VIP and vip: the first spelling sent is kept)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @CharLength(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { plan: 'enterprise', seats: 40 },
    description: 'Free-form; at most 16 KB of JSON',
  })
  @Optional()
  @IsObject()
  @SmallJson()
  custom_fields?: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, example: 'High priority prospect' })
  @IsOptional()
  @IsString()
  @MaxChars(10_000)
  notes?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', example: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  @IsOptional()
  @IsUUID()
  owner_id?: string | null;
}
