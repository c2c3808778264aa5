import { Transform } from 'class-transformer';

/**
 * A boolean query parameter: `true` or `false` in any case (`TRUE`, `True`) is read as the boolean; anything else
 * is left as sent, for @IsBoolean to refuse (a 400 naming the field).
 */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const read = value.toLowerCase();
    return read === 'true' ? true : read === 'false' ? false : value;
  });
