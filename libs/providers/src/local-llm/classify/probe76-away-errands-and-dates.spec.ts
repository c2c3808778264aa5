import { classifyReplyText, labelReplyText } from './reply-classifier';
import { extractReturnDate } from './return-date';

const RECEIVED = '2026-12-03T09:00:00Z';
/** The rules alone (no trained model): these replies are the rules' to read, whatever the next retraining learns. */
const classify = (text: string) => labelReplyText({ text, received_at: RECEIVED }, null);

describe('away replies from blind data (probe 76)', () => {
  describe('the errand named instead of the absence, with its end', () => {
    it.each([
      [
        "I'm on jury service until Wednesday 9th December and can't check messages. I'll reply to everything after that.",
      ],
      [
        'Away on business until 15.12.2026. Please note: I have stopped using this mobile number for work; for anything urgent please call the office on 01632 960 415.',
      ],
      ['Out on site till Friday with no signal.'],
      ["I'm on secondment until the end of January, replies will be slow."],
    ])('is an away reply: %s', (text) => {
      expect(classify(text).label).toBe('out_of_office');
    });

    it.each([
      ['Tom is on a course until Friday, can I help?', 'someone else away, a question'],
      ["We're doing a course on sales at the moment, could your tool help?", 'no end named'],
    ])('is not an away reply: %s (%s)', (text) => {
      expect(classify(text).label).not.toBe('out_of_office');
    });
  });

  describe('a new address from a date is not the return', () => {
    it.each([
      [
        'Thank you for your message. I am on leave until 4 January 2027. Note: we are moving to a new domain; from January please use @harlowgroup.com instead of @harlow.co.uk.',
        'en',
        '2027-01-04',
      ],
      [
        'Ich bin bis zum 11.12. nicht im Büro. Ab 1.1. bitte an j.wolf@wolf-bau.de schreiben.',
        'de',
        '2026-12-11',
      ],
      [
        "I'm on holiday until 14 December. From 1 January please email me at jo@newco.io instead.",
        'en',
        '2026-12-14',
      ],
      ['Out of office, back from 4 January, please email me then.', 'en', '2027-01-04'],
    ])('%s → %s', async (text, language, expected) => {
      expect(await extractReturnDate(text, language, RECEIVED, 'Europe/London')).toBe(expected);
    });
  });

  it('"how do I remove myself as admin…?" is a question, not a solution of their own', async () => {
    const r = await classifyReplyText(
      { text: 'how do I remove myself as admin without deleting the account?', received_at: RECEIVED },
      null,
    );
    expect(r.label).toBe('question');
    expect(classify('how do we add ourselves as admins?').label).toBe('question');
    expect(classify('We handle outreach in house, thanks.').label).toBe('not_interested');
  });
});
