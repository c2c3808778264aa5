import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, isISO8601 } from 'class-validator';

const STRICT = { strict: true, strictSeparator: true };

/**
 * An ISO 8601 date or date-time, read as a Date. An impossible one (2026-02-30), a number or free text is refused,
 * where `new Date` would roll it over into March or read it as milliseconds since 1970.
 */
export const IsIsoDate = () =>
  applyDecorators(
    Transform(({ value }) =>
      typeof value === 'string' && isISO8601(value, STRICT) ? new Date(value) : value,
    ),
    IsDate({ message: '$property must be an ISO 8601 date or date-time' }),
  );
