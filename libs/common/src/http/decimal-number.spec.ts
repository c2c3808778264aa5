import { hasDecimalPlaces } from './decimal-number';

describe('hasDecimalPlaces', () => {
  it('takes numbers with at most the decimals asked, whatever their float error', () => {
    for (const value of [0, 1, 10000.5, 0.29, 999_999_999_999.99, -3.07, 1e21])
      expect(hasDecimalPlaces(value, 2)).toBe(true);
    expect(hasDecimalPlaces(0.0125, 4)).toBe(true);
  });

  it('refuses more decimals, numbers in exponent form that have them, and what is no finite number', () => {
    for (const value of [12.345, 1e-7, 5e-324, 0.001, NaN, Infinity, -Infinity, '1.5', null, undefined])
      expect(hasDecimalPlaces(value, 2)).toBe(false);
  });
});
