import { Transform } from 'class-transformer';

/**
 * An enum value read in any case (seed 000 writes `NEW`, `CALLING`; clients send `Available`): a text is lower-cased
 * before it is checked against our values, which are lower case; anything else is left for validation to refuse.
 */
export const AnyCase = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value));
