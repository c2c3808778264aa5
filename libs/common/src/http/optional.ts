import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when sent it must be valid: unlike class-validator's @IsOptional, null is not a
 * way to skip validation. Use @IsOptional only for fields that may really be set to null.
 */
export const Optional = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The keys of a DTO that the client actually sent (class fields that were not sent are undefined). */
export function definedKeys(dto: object): string[] {
  return Object.entries(dto)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}
