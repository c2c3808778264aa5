import { MaxChars, PageQueryDto } from '@app/common';
import type {
  IndustryRecommendation,
  LeadRecommendation,
  ProductContextChatAnswer,
  ProductContextTurnRow,
  ProductContextView,
  ProductRecommendations,
  SegmentRecommendation,
} from '@app/domain';
import { toProductMetadata } from '@app/domain';
import { PRODUCT_FIELDS } from '@app/providers';
import type { ProductMetadata } from '@app/providers';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

const STATUSES = ['empty', 'clarifying', 'confirmed'];

/** The structured product context (seed 002): what AI messages and agents are written from. */
export class ProductMetadataDto {
  @ApiProperty({ type: String, example: 'Fleetwise', nullable: true }) product!: string | null;
  @ApiProperty({
    type: String,
    example: 'Supply-chain visibility SaaS for automotive suppliers',
    nullable: true,
  })
  description!: string | null;
  @ApiProperty({ type: [String], example: ['Cuts late shipments by 30%', 'Live ETA for every part'] })
  value_propositions!: string[];
  @ApiProperty({ type: [String], example: ['Automotive', 'Logistics'] }) industries!: string[];
  @ApiProperty({
    type: String,
    example: 'Operations leads at tier-1 automotive suppliers in Germany',
    nullable: true,
  })
  ideal_customer!: string | null;
  @ApiProperty({ type: String, example: 'Friendly and concise', nullable: true }) tone!: string | null;

  static from(m: ProductMetadata): ProductMetadataDto {
    return { ...toProductMetadata(m) };
  }
}

export class ProductContextDto {
  @ApiProperty({ type: ProductMetadataDto }) metadata!: ProductMetadataDto;
  @ApiProperty({
    enum: STATUSES,
    example: 'clarifying',
    description: 'empty: never described; clarifying: the assistant still has questions; confirmed: complete',
  })
  status!: string;
  @ApiProperty({
    type: String,
    example: '2026-11-30T10:00:00.000Z',
    nullable: true,
    description: 'null before the first chat',
  })
  updated_at!: string | null;

  static from(v: ProductContextView): ProductContextDto {
    return {
      metadata: ProductMetadataDto.from(v.metadata),
      status: v.status,
      updated_at: v.updated_at ? v.updated_at.toISOString() : null,
    };
  }
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** POST product-context/chat: seed 002's `{ "userMessage": "..." }` (or user_message). */
export class ProductContextChatDto {
  @ApiProperty({
    example: 'We pivoted to focusing on automotive supply chain SaaS...',
    minLength: 1,
    maxLength: 4000,
    description: 'Also userMessage; 1-4000 characters after trimming',
  })
  @IsString()
  @Transform(trim)
  @MinLength(1, { message: 'must not be empty' })
  @MaxChars(4000)
  user_message!: string;
}

export class ProductContextChatAnswerDto {
  @ApiProperty({ example: 'Thanks! Which industries do you sell to?' }) reply!: string;
  @ApiProperty({ enum: ['clarifying', 'confirmed'], example: 'clarifying' }) status!: string;
  @ApiProperty({ type: ProductMetadataDto }) metadata!: ProductMetadataDto;
  @ApiProperty({
    enum: PRODUCT_FIELDS,
    isArray: true,
    example: ['industries', 'ideal_customer'],
    description: 'Metadata fields still unknown',
  })
  missing!: string[];

  static from(a: ProductContextChatAnswer): ProductContextChatAnswerDto {
    return {
      reply: a.reply,
      status: a.status,
      metadata: ProductMetadataDto.from(a.metadata),
      missing: a.missing,
    };
  }
}

/** One turn of the chat (GET product-context/log). */
export class ProductContextTurnDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['user', 'assistant'], example: 'user' }) role!: string;
  @ApiProperty({ example: 'We pivoted to focusing on automotive supply chain SaaS...' }) content!: string;
  @ApiProperty({
    type: ProductMetadataDto,
    nullable: true,
    description: 'Assistant turns: the metadata after the turn; user turns: null',
  })
  metadata!: ProductMetadataDto | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'User turns: who wrote it (null for an API key)',
  })
  user_id!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Assistant turns: the ai_interactions row of the model call',
  })
  interaction_id!: string | null;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) created_at!: string;

  static from(t: ProductContextTurnRow): ProductContextTurnDto {
    return {
      id: t.id,
      role: t.role,
      content: t.content,
      metadata: t.metadata ? ProductMetadataDto.from(t.metadata as unknown as ProductMetadata) : null,
      user_id: t.user_id,
      interaction_id: t.interaction_id,
      created_at: new Date(t.created_at).toISOString(),
    };
  }
}

export class ProductContextLogQueryDto extends PageQueryDto {}

export class RecommendationsQueryDto {
  @ApiPropertyOptional({
    example: 5,
    default: 5,
    minimum: 1,
    maximum: 1000,
    description: 'The smallest group of leads a segment (or a judged industry) needs',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  min_leads?: number;
}

export class IndustryRecommendationDto implements IndustryRecommendation {
  @ApiProperty({ example: 'Automotive' }) name!: string;
  @ApiProperty({ example: 'In your product context; 12 of 40 leads (30%) are interested or qualified' })
  reason!: string;
  @ApiProperty({ example: 40, description: 'Live leads with custom_fields.industry equal to it' })
  leads!: number;
  @ApiProperty({
    type: Number,
    example: 0.3,
    nullable: true,
    description: 'Share of them interested, asking for a meeting or qualified; null without leads',
  })
  qualified_rate!: number | null;
  @ApiProperty({
    example: true,
    description: 'Named by the product context (industries or ideal customer)',
  })
  in_product_context!: boolean;
}

export class SegmentRecommendationDto implements SegmentRecommendation {
  @ApiProperty({
    example: 'position',
    description: 'source, country, position, or custom_fields.<key> (company_size, ...)',
  })
  field!: string;
  @ApiProperty({ example: 'Head of Operations' }) value!: string;
  @ApiProperty({ example: 18 }) leads!: number;
  @ApiProperty({ example: 9, description: 'Leads classified interested or meeting_request, or qualified' })
  interested_or_qualified!: number;
  @ApiProperty({ example: 0.5, description: 'interested_or_qualified / leads' }) rate!: number;
  @ApiProperty({
    example: false,
    description: "Whether the ideal customer's description mentions the value",
  })
  matches_ideal_customer!: boolean;
}

export class LeadRecommendationDto implements LeadRecommendation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'Anna Becker', nullable: true }) name!: string | null;
  @ApiProperty({ type: String, example: 'anna@autoteile.example', nullable: true }) email!: string | null;
  @ApiProperty({ type: String, example: 'Autoteile GmbH', nullable: true }) company!: string | null;
  @ApiProperty({ example: 'Automotive', description: 'Its custom_fields.industry' }) industry!: string;
  @ApiProperty({ example: 40 }) score!: number;
  @ApiProperty({ example: 'Industry Automotive is in your product context; not contacted yet' })
  reason!: string;
}

export class RecommendationBasisDto {
  @ApiProperty({ enum: STATUSES, example: 'confirmed' }) metadata_status!: string;
  @ApiProperty({ example: 1250, description: "The tenant's live leads" }) leads!: number;
  @ApiProperty({ example: 5 }) min_leads!: number;
}

export class ProductRecommendationsDto {
  @ApiProperty({ type: [IndustryRecommendationDto] }) industries!: IndustryRecommendationDto[];
  @ApiProperty({ type: [SegmentRecommendationDto] }) segments!: SegmentRecommendationDto[];
  @ApiProperty({
    type: [LeadRecommendationDto],
    description:
      "Up to 10 of the tenant's leads to reach next: in an industry the product context names, still new, never " +
      'classified or called, in no campaign or conversation, not on do-not-call; the best scored first, then the newest',
  })
  leads!: LeadRecommendationDto[];
  @ApiProperty({ type: RecommendationBasisDto }) based_on!: RecommendationBasisDto;

  static from(r: ProductRecommendations): ProductRecommendationsDto {
    return r;
  }
}
