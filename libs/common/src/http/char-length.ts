import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { charCount } from './char-count';

export { charCount };

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
