import { canonicalTimeZone } from './time-zone';

describe('canonicalTimeZone', () => {
  it.each([
    ['america/new_york', 'America/New_York'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['utc', 'UTC'],
  ])('spells %s as %s', (typed, canonical) => {
    expect(canonicalTimeZone(typed)).toBe(canonical);
  });

  it('has no spelling for a zone that does not exist', () => {
    expect(canonicalTimeZone('Nope/Zone')).toBeNull();
  });
});
