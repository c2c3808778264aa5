import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A finite number with at most `places` decimals: what `toFixed(places)` gives back unchanged. */
export function hasDecimalPlaces(value: unknown, places: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value;
}

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })` throws (a 500)
 * on a number the runtime prints in exponent form, such as 1e-7.
 */
export const IsDecimalNumber = (places: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDecimalNumber',
      constraints: [places],
      validator: {
        validate: (value: unknown) => hasDecimalPlaces(value, places),
        defaultMessage: () => `must be a number with at most ${places} decimal places`,
      },
    },
    options,
  );
