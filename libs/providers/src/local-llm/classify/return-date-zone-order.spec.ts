import { extractReturnDate, numericOrder } from './return-date';

/**
 * A short numeric date ("04/01") read the lead's way round: day first in every European zone (and outside English),
 * month first in the United States; with no zone, what the reply's own dates show ("21/12" is day first).
 */
describe('return dates: day first or month first by zone and language', () => {
  it.each([
    ['Europe/Dublin', 'en', 'day'],
    ['Europe/London', 'en', 'day'],
    ['Europe/Lisbon', 'en', 'day'],
    ['Europe/Helsinki', 'en', 'day'],
    ['Atlantic/Reykjavik', 'en', 'day'],
    ['America/New_York', 'en', 'month'],
    ['America/Los_Angeles', 'en', 'month'],
    ['America/Indiana/Indianapolis', 'en', 'month'],
    ['Pacific/Honolulu', 'en', 'month'],
    ['America/New_York', 'es', 'day'],
    ['Asia/Singapore', 'en', 'either'],
    [null, 'en', 'either'],
  ])('%s, %s: %s first', (zone, language, order) => {
    expect(numericOrder(language, zone)).toBe(order);
  });

  it.each([
    // The range "21/12 to 04/01" ends on 4 January, back the day after (not "04/01" as April).
    ['OOO from 21/12 to 04/01', '2026-12-03T10:00:00Z', 'Europe/Dublin', '2027-01-05'],
    ['Away 22/12 - 02/01, limited access to email.', '2026-12-10T10:00:00Z', 'Europe/Madrid', '2027-01-03'],
    ['Out of the office, back on 02/04.', '2027-01-20T10:00:00Z', 'Europe/Dublin', '2027-04-02'],
    ['Out of the office, back on 02/04.', '2027-01-20T10:00:00Z', 'Europe/London', '2027-04-02'],
    ['Out of the office, back on 02/04.', '2027-01-20T10:00:00Z', 'America/Chicago', '2027-02-04'],
    [
      'Out of office until 03/02, then back to normal.',
      '2027-01-20T10:00:00Z',
      'America/New_York',
      '2027-03-02',
    ],
    [
      'Out of office until 03/02, then back to normal.',
      '2027-01-20T10:00:00Z',
      'Europe/Berlin',
      '2027-02-03',
    ],
    // A day past 12 says the writer's order whatever the zone ("12/28" from a European zone).
    ['OOO until 12/28, email only.', '2026-12-03T10:00:00Z', 'Europe/London', '2026-12-28'],
    // No zone: the reply's own dates show it ("21/12" is day first, so "04/01" is 4 January).
    ['OOO from 21/12 to 04/01', '2026-12-03T10:00:00Z', null, '2027-01-05'],
    [
      'I am OOO 12/21 - 1/4 and back in the office 1/5.',
      '2026-12-03T10:00:00Z',
      'America/Los_Angeles',
      '2027-01-05',
    ],
  ])('%s (received %s, %s) → %s', async (text, received, zone, want) => {
    expect(await extractReturnDate(text, 'en', received, zone)).toBe(want);
  });
});
