import { Optional } from '@app/common';
import type { AdminConfigView } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { ActiveLlmDto } from '../../llm/dto/llm-providers.dto';

const points = (example: number, what: string) =>
  ApiPropertyOptional({ example, minimum: 0, maximum: 100, description: what });

/** Points of each reply class before weighting (0-100). */
export class IntentWeightsDto {
  @points(95, 'meeting_request') @Optional() @IsInt() @Min(0) @Max(100) meeting_request?: number;
  @points(88, 'interested') @Optional() @IsInt() @Min(0) @Max(100) interested?: number;
  @points(55, 'question') @Optional() @IsInt() @Min(0) @Max(100) question?: number;
  @points(30, 'not_now') @Optional() @IsInt() @Min(0) @Max(100) not_now?: number;
  @points(25, 'neutral') @Optional() @IsInt() @Min(0) @Max(100) neutral?: number;
  @points(20, 'out_of_office') @Optional() @IsInt() @Min(0) @Max(100) out_of_office?: number;
  @points(10, 'wrong_person') @Optional() @IsInt() @Min(0) @Max(100) wrong_person?: number;
  @points(5, 'not_interested') @Optional() @IsInt() @Min(0) @Max(100) not_interested?: number;
  @points(0, 'unsubscribe') @Optional() @IsInt() @Min(0) @Max(100) unsubscribe?: number;
}

/** Engagement points added to the intent's: per reply, email open and click, each up to a count. */
export class EngagementWeightsDto {
  @points(4, 'points per reply') @Optional() @IsInt() @Min(0) @Max(100) per_reply?: number;
  @points(3, 'replies counted at most') @Optional() @IsInt() @Min(0) @Max(100) max_replies?: number;
  @points(2, 'points per opened email') @Optional() @IsInt() @Min(0) @Max(100) per_email_open?: number;
  @points(3, 'opens counted at most') @Optional() @IsInt() @Min(0) @Max(100) max_opens?: number;
  @points(5, 'points per clicked email') @Optional() @IsInt() @Min(0) @Max(100) per_click?: number;
  @points(2, 'clicks counted at most') @Optional() @IsInt() @Min(0) @Max(100) max_clicks?: number;
}

export class ScoringPatchDto {
  @ApiPropertyOptional({
    example: 70,
    minimum: 0,
    maximum: 100,
    description: 'At or above it a lead is qualified',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(100)
  qualified_threshold?: number;

  @ApiPropertyOptional({
    example: 0.85,
    minimum: 0,
    maximum: 1,
    description: 'How much of the score intent makes',
  })
  @Optional()
  @IsNumber()
  @Min(0)
  @Max(1)
  intent_weight?: number;

  @ApiPropertyOptional({ type: IntentWeightsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => IntentWeightsDto)
  intent?: IntentWeightsDto;

  @ApiPropertyOptional({ type: EngagementWeightsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => EngagementWeightsDto)
  engagement?: EngagementWeightsDto;
}

export class AiSwitchesPatchDto {
  @ApiPropertyOptional({
    example: true,
    description: 'The AI answers inbound messages of conversations in ai_mode auto (default off)',
  })
  @Optional()
  @IsBoolean()
  auto_reply?: boolean;

  @ApiPropertyOptional({
    example: 1.5,
    minimum: 0,
    maximum: 1000,
    description:
      "USD: what one message written by a person costs; analytics/ai-performance counts the AI's savings with it " +
      '(default 1)',
  })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  human_cost_per_message?: number;
}

export class UpdateAdminConfigDto {
  @ApiPropertyOptional({ type: ScoringPatchDto, description: 'Merged key by key into the scoring settings' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScoringPatchDto)
  scoring?: ScoringPatchDto;

  @ApiPropertyOptional({ type: AiSwitchesPatchDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => AiSwitchesPatchDto)
  ai?: AiSwitchesPatchDto;
}

export class AdminTenantConfigDto {
  @ApiProperty({ example: 'Test Clinic' }) name!: string;
  @ApiProperty({ example: 'Europe/Lisbon' }) timezone!: string;
  @ApiProperty({ type: String, example: 'PT', nullable: true }) default_country!: string | null;
}

export class ScoringDto {
  @ApiProperty({ example: 70 }) qualified_threshold!: number;
  @ApiProperty({ example: 0.85 }) intent_weight!: number;
  @ApiProperty({ type: IntentWeightsDto }) intent!: IntentWeightsDto;
  @ApiProperty({ type: EngagementWeightsDto }) engagement!: EngagementWeightsDto;
}

export class AiSwitchesDto {
  @ApiProperty({ example: false }) auto_reply!: boolean;
  @ApiProperty({ example: 1, description: 'USD per message written by a person (default 1)' })
  human_cost_per_message!: number;
}

export class AdminConfigDto {
  @ApiProperty({ type: AdminTenantConfigDto }) tenant!: AdminTenantConfigDto;
  @ApiProperty({ type: ActiveLlmDto, description: 'The active LLM (set through PATCH llm/providers)' })
  llm!: ActiveLlmDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      sms: 'twilio',
      whatsapp: 'simulator',
      voice: 'simulator',
      email: 'smtp',
      telegram: 'simulator',
    },
    description: 'Each channel’s provider (set through PUT config/channels/:channel)',
  })
  channels!: Record<string, string>;
  @ApiProperty({
    type: ScoringDto,
    description: 'The effective lead-scoring parameters (defaults filled in)',
  })
  scoring!: ScoringDto;
  @ApiProperty({ type: AiSwitchesDto }) ai!: AiSwitchesDto;

  static from(view: AdminConfigView): AdminConfigDto {
    return view;
  }
}
