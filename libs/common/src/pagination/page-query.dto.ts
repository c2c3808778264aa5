import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { AppError } from '../errors/app-error';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
/** Past any table's end: a larger offset or page is a 400 rather than a number Postgres cannot take. */
export const MAX_OFFSET = 2_147_483_647;

/** `limit` (default 50, max 100) with `offset`, or `page` (1-based) as the alternative. */
export class PageQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_LIMIT, minimum: 1, maximum: MAX_LIMIT, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_OFFSET,
    description: '1-based page; the alternative to offset',
    example: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_OFFSET)
  page?: number;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

export function pageWindow(query: PageQueryDto): PageWindow {
  if (query.page !== undefined && query.offset !== undefined) {
    throw AppError.field('page', 'cannot be combined with offset');
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const offset = query.page !== undefined ? (query.page - 1) * limit : (query.offset ?? 0);
  return { limit, offset };
}
