import {
  hasAgentMessage,
  HistoryRow,
  historyDigest,
  resumedAfterCede,
  toHistory,
  unsendableReason,
} from './outreach-history';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 15, minute));
const row = (
  sender: HistoryRow['sender'],
  content: string | null,
  minute: number,
  channel = 'email',
): HistoryRow => ({
  direction: sender === 'lead' ? 'inbound' : 'outbound',
  sender,
  channel,
  content,
  created_at: at(minute),
});

describe('AI outreach history', () => {
  it('keeps the order written, leaves out messages without text and trims', () => {
    // Written order (ids), not times: an inbound row's time is the database's, an outbound one the platform clock's.
    const history = toHistory([
      row('ai', 'Hi Ada', 5),
      row('lead', '  What does it cost? ', 1),
      row('system', null, 6),
      row('agent', '   ', 7),
      row('agent', 'It is 49 a month', 8, 'sms'),
    ]);
    expect(history).toEqual([
      { direction: 'outbound', sender: 'ai', channel: 'email', content: 'Hi Ada', at: at(5).toISOString() },
      {
        direction: 'inbound',
        sender: 'lead',
        channel: 'email',
        content: 'What does it cost?',
        at: at(1).toISOString(),
      },
      {
        direction: 'outbound',
        sender: 'agent',
        channel: 'sms',
        content: 'It is 49 a month',
        at: at(8).toISOString(),
      },
    ]);
    expect(hasAgentMessage(history)).toBe(true);
    expect(hasAgentMessage(history.slice(0, 2))).toBe(false);
  });

  describe('resumed after a cede', () => {
    const h = (...rows: HistoryRow[]) => toHistory(rows);

    it('when a human wrote since the last automated message', () => {
      expect(
        resumedAfterCede(h(row('ai', 'Hi', 1), row('lead', 'Price?', 2), row('agent', '49', 3)), null),
      ).toBe(true);
      expect(resumedAfterCede(h(row('agent', 'Hello', 1)), null)).toBe(true);
    });

    it('not when the AI or the system wrote after the human', () => {
      const history = h(row('agent', '49', 1), row('ai', 'Anything else?', 2), row('lead', 'No', 3));
      expect(resumedAfterCede(history, null)).toBe(false);
      expect(resumedAfterCede(h(row('agent', 'x', 1), row('system', 'Step 2', 2)), null)).toBe(false);
    });

    it('when control was ceded after the last automated message, even without a human message since', () => {
      const history = h(row('agent', 'x', 1), row('ai', 'Hi', 2));
      expect(resumedAfterCede(history, at(3))).toBe(true);
      expect(resumedAfterCede(history, at(1))).toBe(false);
      expect(resumedAfterCede([], at(1))).toBe(true);
      expect(resumedAfterCede([], null)).toBe(false);
    });
  });

  it.each([
    ['', 'the body is empty'],
    ['  \n ', 'the body is empty'],
    ['Hi {{first_name}}, welcome', 'the body holds the placeholder {{first_name}}'],
    ['Hi {first_name}!', 'the body holds the placeholder {first_name}'],
    ['Hello [First Name], how is [Company]?', 'the body holds the placeholder [First Name]'],
    ['Best, [Your Name]', 'the body holds the placeholder [Your Name]'],
  ])('refuses %j: %s', (body, reason) => {
    expect(unsendableReason(body)).toBe(reason);
  });

  it.each([
    'Hi Ada, Acme could save 3 hours a week. Worth a call?',
    'Prices start at $49 [monthly], see the 2026 plans [2026]',
  ])('lets %j go', (body) => {
    expect(unsendableReason(body)).toBeNull();
  });

  it('digests the history for the interaction record, clipped, naming a channel other than the one written on', () => {
    const history = toHistory([row('lead', 'x'.repeat(200), 1), row('agent', 'Short', 2, 'sms')]);
    expect(historyDigest(history, 'email', 10)).toEqual([`lead: ${'x'.repeat(10)}…`, 'agent (sms): Short']);
  });
});
