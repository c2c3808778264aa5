import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsTimeZone } from 'class-validator';
import { canonicalTimeZone } from './time-zone-name';

export { canonicalTimeZone };

/** An IANA time zone, taken in any case and kept in its canonical spelling (canonicalTimeZone). */
export const IanaTimeZone = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? (canonicalTimeZone(value) ?? value) : value)),
    IsTimeZone(),
  );
