import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The characters of a text as Postgres counts them for `varchar(n)`: code points. An emoji beyond the BMP (two
 * UTF-16 units) is one; the variation selector of "❤️" (U+2764 U+FE0F) is one more, which validator.js's
 * `isLength` (behind class-validator's `MaxLength` and `Length`) leaves out, so 200 of them passed a 200 check and
 * Postgres refused them with no field named.
 */
export function charCount(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      pairs++;
      i++;
    }
  }
  return text.length - pairs;
}

/** Whether a value is a text of `min` to `max` characters as Postgres counts them. */
export function hasCharLength(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string') return false;
  const count = charCount(value);
  return count >= min && count <= max;
}

/** A string of at most `max` characters, counted as the `varchar(max)` it is stored in counts them. */
export const MaxChars = (max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value) => hasCharLength(value, 0, max),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be shorter than or equal to $constraint1 characters`,
          options,
        ),
      },
    },
    options,
  );

/** A string of `min` to `max` characters, counted as the `varchar(max)` it is stored in counts them. */
export const CharLength = (min: number, max: number, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isLength',
      constraints: [min, max],
      validator: {
        validate: (value) => hasCharLength(value, min, max),
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value === 'string' && charCount(args.value) < min
              ? `${each}$property must be longer than or equal to $constraint1 characters`
              : `${each}$property must be shorter than or equal to $constraint2 characters`,
          options,
        ),
      },
    },
    options,
  );
