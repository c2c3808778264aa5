import { zonesByPrefix } from './phone-zones';

describe('zonesByPrefix', () => {
  it("answers the zones of a number's longest known prefix", () => {
    expect(zonesByPrefix('+12125551234')).toEqual(['America/New_York']);
    expect(zonesByPrefix('12125551234')).toEqual(['America/New_York']);
    expect(zonesByPrefix('+1212')).toEqual(['America/New_York']);
    expect(zonesByPrefix('+33612345678')).toEqual(['Europe/Paris']);
  });

  it('reads digits only up to the first character that is none, and knows no number starting with 0', () => {
    expect(zonesByPrefix('+1212x5551234')).toEqual(zonesByPrefix('+1212'));
    expect(zonesByPrefix('+012125551234')).toEqual([]);
    expect(zonesByPrefix('+')).toEqual([]);
    expect(zonesByPrefix('')).toEqual([]);
  });
});
