import { AnyCase, MaxChars } from '@app/common';
import { STEP_TYPES } from '@app/db';
import type { StepType } from '@app/db';
import { DELAY_UNITS } from '@app/domain';
import type { CampaignStepInput, DelayUnit } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

const MAX_OPTIONS_BYTES = 16_384;

export const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;
/** Seed 000 sends a DELAY's hours as text ("24"); a number is the same. */
const text = ({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value);

const SmallJson = () =>
  ValidateBy({
    name: 'smallJson',
    validator: {
      validate: (value: unknown) => JSON.stringify(value ?? {}).length <= MAX_OPTIONS_BYTES,
      defaultMessage: () => `must be at most ${MAX_OPTIONS_BYTES} bytes of JSON`,
    },
  });

/** `delay: { value, unit }`: a DELAY step's wait said exactly. */
export class DelayDto {
  @ApiProperty({ example: 2 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  value!: number;
  @ApiProperty({ enum: DELAY_UNITS, example: 'days' }) @AnyCase() @IsIn(DELAY_UNITS) unit!: DelayUnit;
}

/** One step of seed 000's `steps` array. */
export class CampaignStepDto implements CampaignStepInput {
  @ApiProperty({ enum: STEP_TYPES, example: 'WHATSAPP', description: 'Any case' })
  @Transform(upper)
  @IsIn(STEP_TYPES)
  type!: StepType;

  @ApiPropertyOptional({
    type: String,
    example: 'Hi {{first_name|there}}, welcome aboard!',
    description:
      'The message: {{field}} or {{field|default}} names a lead field (first_name, company...), {{custom_fields.x}} or a custom field some lead has. For a DELAY step: its hours ("24"; decimals allowed).',
  })
  @IsOptional()
  @Transform(text)
  @IsString()
  @MaxChars(10_000)
  content?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'A quick question, {{first_name}}',
    description: "EMAIL (and AI_MESSAGE by email): the subject; else the campaign's subject_line",
  })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  subject?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'welcome_v2',
    description: 'WHATSAPP: an approved template, the only kind sent outside the 24-hour window',
  })
  @IsOptional()
  @IsString()
  @MaxChars(200)
  template_name?: string | null;

  @ApiPropertyOptional({ type: String, example: 'en_US' })
  @IsOptional()
  @IsString()
  @MaxChars(16)
  template_language?: string | null;

  @ApiPropertyOptional({ type: Number, example: 1440, description: 'DELAY: the wait in minutes' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(525_600)
  delay_minutes?: number | null;

  @ApiPropertyOptional({ type: DelayDto, description: 'DELAY: the wait as { value, unit }' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DelayDto)
  delay?: DelayDto | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { media_urls: ['https://cdn.example.com/brochure.pdf'] },
    description:
      'Channel options: WHATSAPP, SMS and EMAIL `media_urls` (public http(s) URLs of files sent with the message) and `attachment_ids` (files uploaded with POST /api/messages/attachments: the campaign keeps them and each message lists them): one file on WhatsApp, the media header of a template; up to 10 by MMS or attached to an email; WHATSAPP `variables` of its template; AI_MESSAGE `channel` (email, sms, whatsapp, telegram); CALL `call_mode` (connect_agent, the default, or play_message) and, for play_message, `audio_url` (a recording played instead of speaking `content`)',
  })
  @IsOptional()
  @IsObject()
  @SmallJson()
  options?: Record<string, unknown> | null;
}
