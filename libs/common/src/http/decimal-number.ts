import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A finite number with at most `places` decimals: what `toFixed(places)` gives back unchanged. */
export function hasDecimalPlaces(value: unknown, places: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value;
}

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })` throws (a 500)
 * on a number the runtime prints in exponent form, such as 1e-7. Two rules: what is no number at all fails
 * `isNumber` ("must be a number"), a kind rule the validation pipe reports before any range check (`@Max` would
 * otherwise say a string "must not be greater than" its bound); a number with more decimals fails `isDecimalNumber`.
 */
export function IsDecimalNumber(places: number, options?: ValidationOptions): PropertyDecorator {
  const kind = ValidateBy(
    {
      name: 'isNumber',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value),
        defaultMessage: () => 'must be a number',
      },
    },
    options,
  );
  const decimals = ValidateBy(
    {
      name: 'isDecimalNumber',
      constraints: [places],
      validator: {
        validate: (value: unknown) => typeof value !== 'number' || hasDecimalPlaces(value, places),
        defaultMessage: () => `must be a number with at most ${places} decimal places`,
      },
    },
    options,
  );
  return (target, key) => {
    kind(target, key);
    decimals(target, key);
  };
}
