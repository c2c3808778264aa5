import { AppError, invalidInput } from '@app/common';
import type { LeadFilter, TargetFilter } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiPropertyOptional, getSchemaPath, OmitType } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { LeadQueryDto, leadFilter } from '../../leads/dto/lead-query.dto';

/** The filters of `GET /api/leads` (no paging, sorting or archived leads): who a campaign enrolls. */
export class TargetFilterDto extends OmitType(LeadQueryDto, [
  'limit',
  'offset',
  'page',
  'sort',
  'order',
  'archived',
] as const) {}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * `target_filter`: `"ALL"` (any case) or an object of lead filters, validated field by field
 * (`target_filter.status`...). Null clears it where the route allows.
 */
export const TargetFilterField = (description: string) =>
  applyDecorators(
    ApiExtraModels(TargetFilterDto),
    ApiPropertyOptional({
      description,
      oneOf: [{ type: 'string', enum: ['ALL'] }, { $ref: getSchemaPath(TargetFilterDto) }],
      example: { status: 'new', tags: 'vip', score_min: 50 },
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      isPlainObject(value)
        ? plainToInstance(TargetFilterDto, value)
        : typeof value === 'string'
          ? value.toUpperCase()
          : value,
    ),
    ValidateIf((_: object, value: unknown) => value !== 'ALL'),
    IsObject({ message: 'must be "ALL" or an object of lead filters (the query of GET /api/leads)' }),
    ValidateNested(),
  );

/** The lead filter a validated target filter stands for (dates stay dates; unset filters are left out). */
export function targetFilter(value: 'ALL' | TargetFilterDto): TargetFilter {
  if (value === 'ALL') return 'ALL';
  let filter: LeadFilter;
  try {
    filter = leadFilter(value as LeadQueryDto);
  } catch (err) {
    if (!(err instanceof AppError) || !Array.isArray(err.details)) throw err;
    const details = (err.details as { field: string; reason: string }[]).map((d) => ({
      ...d,
      field: `target_filter.${d.field}`,
    }));
    throw invalidInput(details);
  }
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as LeadFilter;
}
