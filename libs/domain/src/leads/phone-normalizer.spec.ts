import { normalizePhone, phoneDigitForms } from './phone-normalizer';

const ok = async (raw: string, ...countries: (string | undefined)[]) => {
  const result = normalizePhone(raw, ...countries);
  if (!result.ok) throw new Error(`${raw}: ${result.reason}`);
  return result.phone;
};

describe('normalizePhone', () => {
  it.each([
    ['+351 912 345 678', undefined],
    ['00351912345678', undefined],
    ['00 351 912-345-678', 'US'],
    ['912 345 678', 'PT'],
    ['(+351) 912.345.678', undefined],
    ['+351-912-345-678', 'GB'],
  ])('%s (country %s) lands on +351912345678', async (raw, country) => {
    const phone = await ok(raw, country);
    expect(phone.e164).toBe('+351912345678');
    expect(phone.country).toBe('PT');
  });

  it('drops the trunk prefix of national numbers', async () => {
    expect((await ok('020 7946 0958', 'GB')).e164).toBe('+442079460958');
    expect((await ok('(415) 555-2671', 'US')).e164).toBe('+14155552671');
    expect((await ok('030 12345678', 'DE')).e164).toBe('+493012345678');
  });

  it('takes the first usable country: the row, then the import default, then the tenant', async () => {
    expect((await ok('912345678', undefined, 'PT', 'US')).e164).toBe('+351912345678');
    expect((await ok('4155552671', 'XX', undefined, 'US')).e164).toBe('+14155552671');
  });

  it('derives the candidate zones from the number, else from the country', async () => {
    expect((await ok('+14155552671')).timezones).toEqual(['America/Los_Angeles']);
    expect((await ok('+12125550123')).timezones).toEqual(['America/New_York']);
    expect((await ok('+351912345678')).timezones).toEqual(expect.arrayContaining(['Europe/Lisbon']));
    const tollFree = await ok('+18005550100');
    expect(tollFree.timezones.length).toBeGreaterThan(5);
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['call me maybe', 'contains letters'],
    ['12345', 'is not in international format and no country was given'],
    ['+1 234 567 890', 'is not a valid phone number'],
    ['+999 1234 5678', 'is not a phone number'],
    ['9'.repeat(80), 'is too long to be a phone number'],
  ])('refuses %j: %s', async (raw, reason) => {
    const result = normalizePhone(raw, raw === '+999 1234 5678' ? 'US' : undefined);
    expect(result).toEqual({ ok: false, reason });
  });
});

describe('phoneDigitForms', () => {
  it('gives the digits of every way the number is written: international, 00, national with its trunk prefix, bare', () => {
    expect(phoneDigitForms('+447911123456').sort()).toEqual(
      [
        '447911123456',
        '4407911123456',
        '00447911123456',
        '004407911123456',
        '07911123456',
        '7911123456',
      ].sort(),
    );
    // No trunk prefix in the US: the national number is the bare one.
    expect(phoneDigitForms('+14155550100').sort()).toEqual(
      ['0014155550100', '14155550100', '4155550100'].sort(),
    );
    expect(phoneDigitForms('not a number')).toEqual([]);
  });
});
