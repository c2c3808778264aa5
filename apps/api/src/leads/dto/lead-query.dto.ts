import {
  AnyCase,
  AppError,
  CharLength,
  inputValue,
  inputValueAliasesDoc,
  IsIsoDate,
  PageQueryDto,
  QueryBoolean,
  Trimmed,
} from '@app/common';
import { ENROLLMENT_STATUSES, LEAD_PRIORITIES, LEAD_STATUSES, LEAD_TYPE_MAX } from '@app/db';
import { REPLY_LABELS } from '@app/providers';
import type { EnrollmentStatus, LeadPriority, LeadStatus } from '@app/db';
import { LEAD_SORTS } from '@app/domain';
import type { LeadFilter, LeadSort } from '@app/domain';
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';

const SORTS = Object.keys(LEAD_SORTS);
/** The seeds' camelCase sort values (createdAt, firstName...) name the same columns. */
const snake = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : value;
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

/** Seed 001 filters a campaign's leads by their enrollment's status through `status` (pending, queued, ...). */
const STATUSES = [...LEAD_STATUSES, ...ENROLLMENT_STATUSES];

export class LeadQueryDto extends PageQueryDto implements Omit<LeadFilter, 'tags' | 'status'> {
  @ApiPropertyOptional({
    enum: STATUSES,
    description:
      "The lead's status, any case (seed 000's NEW is new); with campaign_id, an enrollment status (pending, queued, ...) filters by the enrollment (seed 001). " +
      inputValueAliasesDoc('enrollment_status'),
  })
  @IsOptional()
  @Transform(inputValue('enrollment_status', { anyCase: true }))
  @IsIn(STATUSES)
  status?: LeadStatus | EnrollmentStatus;
  @ApiPropertyOptional({ example: 'website', description: 'Any case: website also finds Website' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, 100)
  source?: string;
  @ApiPropertyOptional({
    example: 'carrier',
    description: 'The lead type, any case: carrier also finds Carrier',
    maxLength: LEAD_TYPE_MAX,
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, LEAD_TYPE_MAX)
  type?: string;
  @ApiPropertyOptional({ example: 'vip', description: 'Leads with this tag, in any case (VIP finds vip)' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @CharLength(1, 50)
  tag?: string;
  @ApiPropertyOptional({
    example: 'vip,q4',
    description: 'Comma-separated: leads with every one of these tags, in any case',
  })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags?: string[];
  @ApiPropertyOptional({ enum: REPLY_LABELS, example: 'interested', description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(REPLY_LABELS)
  classification?: string;
  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  score_min?: number;
  @ApiPropertyOptional({ example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  score_max?: number;
  @ApiPropertyOptional({ enum: LEAD_PRIORITIES, example: 'high', description: 'Any case' })
  @IsOptional()
  @AnyCase()
  @IsIn(LEAD_PRIORITIES)
  priority?: LeadPriority;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsIsoDate()
  created_from?: Date;
  @ApiPropertyOptional({ example: '2026-12-31T00:00:00Z', format: 'date-time', description: 'Exclusive' })
  @IsOptional()
  @IsIsoDate()
  created_to?: Date;
  @ApiPropertyOptional({ format: 'uuid', example: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  @IsOptional()
  @IsUUID()
  owner_id?: string;
  @ApiPropertyOptional({
    example: 'jane acme',
    description: 'Every word must match name, email, company or phone',
  })
  @IsOptional()
  @IsString()
  @CharLength(1, 200)
  search?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f',
    description:
      'Leads enrolled in this campaign (seed 001); each then carries campaign_id and its enrollment_status in it',
  })
  @IsOptional()
  @IsUUID()
  campaign_id?: string;
  @ApiPropertyOptional({
    enum: ENROLLMENT_STATUSES,
    description: `With campaign_id: only leads whose enrollment is in this status, any case. ${inputValueAliasesDoc('enrollment_status')}`,
  })
  @IsOptional()
  @Transform(inputValue('enrollment_status', { anyCase: true }))
  @IsIn(ENROLLMENT_STATUSES)
  enrollment_status?: EnrollmentStatus;
  @ApiPropertyOptional({
    example: false,
    description: 'List archived leads instead of live ones (true or false, in any case)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  archived?: boolean;
  @ApiPropertyOptional({ enum: SORTS, example: 'created_at' })
  @IsOptional()
  @Transform(snake)
  @IsIn(SORTS)
  sort?: LeadSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], example: 'desc' })
  @IsOptional()
  @AnyCase()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

/** GET leads/export: the list's filters and sort, without its paging (the export streams every matching lead). */
export class LeadExportQueryDto extends OmitType(LeadQueryDto, ['limit', 'offset', 'page'] as const) {}

export class DeleteLeadQueryDto {
  @ApiPropertyOptional({
    example: false,
    description:
      'Erase the person (GDPR Art. 17) instead of archiving: admin only (true or false, in any case)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  erase?: boolean;
}

export function leadFilter(query: LeadExportQueryDto): LeadFilter {
  const tags = [...(query.tags ?? []), ...(query.tag ? [query.tag] : [])];
  const { status, enrollment_status: enrollmentStatus, tag: _tag, ...rest } = query;
  const byEnrollment = (ENROLLMENT_STATUSES as readonly string[]).includes(status ?? '');
  if ((byEnrollment || enrollmentStatus) && !query.campaign_id) {
    const field = byEnrollment ? 'status' : 'enrollment_status';
    throw AppError.field(
      field,
      `${status ?? enrollmentStatus} is an enrollment status: it needs campaign_id`,
    );
  }
  if (byEnrollment && enrollmentStatus && enrollmentStatus !== status) {
    throw AppError.field('status', 'names another enrollment status than enrollment_status');
  }
  // An empty range matches no lead: a mistake, which a campaign's target_filter would otherwise keep silently.
  if (query.score_min !== undefined && query.score_max !== undefined && query.score_max < query.score_min) {
    throw AppError.field('score_max', 'must not be below score_min');
  }
  if (query.created_from && query.created_to && query.created_to.getTime() <= query.created_from.getTime()) {
    throw AppError.field('created_to', 'must be after created_from (created_to is exclusive)');
  }
  return {
    ...rest,
    status: byEnrollment ? undefined : (status as LeadStatus | undefined),
    enrollment_status: byEnrollment ? (status as EnrollmentStatus) : enrollmentStatus,
    tags: tags.length ? tags : undefined,
  };
}
