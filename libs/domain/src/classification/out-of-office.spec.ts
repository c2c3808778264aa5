import { resumeAt, resumeZone } from './out-of-office';

describe('out-of-office pause', () => {
  const replied = new Date('2026-12-01T15:00:00Z');

  it('resumes at 09:00 on the return date in the zone', () => {
    expect(resumeAt('2026-12-14', 'America/New_York', replied, replied).toISOString()).toBe(
      '2026-12-14T14:00:00.000Z',
    );
    expect(resumeAt('2026-12-14', 'Europe/Berlin', replied, replied).toISOString()).toBe(
      '2026-12-14T08:00:00.000Z',
    );
    // Summer time in New York.
    expect(resumeAt('2027-07-05', 'America/New_York', replied, replied).toISOString()).toBe(
      '2027-07-05T13:00:00.000Z',
    );
  });

  it('waits a week without a date (or with one that is not a date)', () => {
    const week = '2026-12-08T15:00:00.000Z';
    expect(resumeAt(null, 'UTC', replied, replied).toISOString()).toBe(week);
    expect(resumeAt('next week', 'UTC', replied, replied).toISOString()).toBe(week);
  });

  it('never resumes in the past', () => {
    const now = new Date('2026-12-20T10:00:00Z');
    expect(resumeAt('2026-12-14', 'UTC', replied, now)).toEqual(now);
    expect(resumeAt(null, 'UTC', replied, now)).toEqual(now);
  });

  it("times the pause in the lead's zone, else the campaign's, else the tenant's", () => {
    const lead = { timezone: null, timezones: [] as string[] };
    expect(resumeZone({ ...lead, timezone: 'Asia/Tokyo' }, 'Europe/Paris', 'UTC')).toBe('Asia/Tokyo');
    expect(resumeZone({ ...lead, timezones: ['America/Chicago'] }, 'Europe/Paris', 'UTC')).toBe(
      'America/Chicago',
    );
    expect(
      resumeZone({ ...lead, timezones: ['America/Chicago', 'America/Denver'] }, 'Europe/Paris', 'UTC'),
    ).toBe('Europe/Paris');
    expect(resumeZone(lead, null, 'UTC')).toBe('UTC');
  });
});
