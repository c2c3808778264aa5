import type { HistoryEntry, WriteMessageInput } from '../../llm/llm-tasks';
import { EMPTY_PRODUCT } from '../../llm/llm-tasks';
import { writeMessageLocally } from './local-writer';

const product = {
  product: 'Reachline',
  description: 'a multichannel outreach platform that answers replies with AI',
  value_propositions: ['Replies are answered within minutes', 'Cuts manual follow-up work by half'],
  industries: ['real estate'],
  ideal_customer: 'sales teams of 5-50 reps',
  tone: 'friendly',
};
const lead = {
  first_name: 'Ana',
  last_name: 'Ruiz',
  company: 'Casa Norte',
  position: 'Head of Sales',
  country: 'ES',
  custom_fields: { industry: 'real estate' },
};
const history: HistoryEntry[] = [
  {
    direction: 'outbound',
    sender: 'ai',
    content: 'Hi Ana, quick idea for Casa Norte.',
    at: '2026-11-27T09:00:00Z',
  },
  {
    direction: 'outbound',
    sender: 'agent',
    content: 'Hi Ana, we can offer a 20% discount if you sign before Friday.',
    at: '2026-11-28T09:00:00Z',
  },
  {
    direction: 'inbound',
    sender: 'lead',
    content: 'How much would it cost for 12 reps?',
    at: '2026-11-30T09:00:00Z',
  },
];
const input = (over: Partial<WriteMessageInput> = {}): WriteMessageInput => ({
  purpose: 'campaign_step',
  channel: 'email',
  instructions: 'Follow up on pricing for their team',
  product,
  lead,
  history: [],
  last_classification: null,
  resumed_after_cede: false,
  max_chars: 1000,
  ...over,
});
const noGaps = (text: string) => expect(text).not.toMatch(/undefined|null|NaN|\$\{|\{first_name\}/);

describe('writeMessageLocally', () => {
  it('writes a campaign step: greeting, the instruction, a fitted value proposition and a call to action', () => {
    const { body, subject } = writeMessageLocally(input());
    expect(body).toMatch(/^(Hi|Hey) Ana[,!]/);
    expect(body).toContain('follow up on pricing for your team');
    expect(body).toContain('Casa Norte');
    expect(body).toMatch(/cuts manual follow-up work by half|replies are answered within minutes/);
    expect(body).toMatch(/\?/);
    expect(subject).toBeTruthy();
    noGaps(body);
  });

  it('is deterministic and varies with the lead', () => {
    expect(writeMessageLocally(input())).toEqual(writeMessageLocally(input()));
    const bodies = new Set(
      ['Ana', 'Ben', 'Chloe', 'Dmitri', 'Eva', 'Femi'].map(
        (first_name) => writeMessageLocally(input({ lead: { ...lead, first_name } })).body.split('\n')[2],
      ),
    );
    expect(bodies.size).toBeGreaterThan(1);
  });

  it('keeps SMS within max_chars and gives no subject outside email', () => {
    const r = writeMessageLocally(
      input({ channel: 'sms', max_chars: 160, instructions: 'introduce the product' }),
    );
    expect(r.body.length).toBeLessThanOrEqual(160);
    expect(r.subject).toBeNull();
    expect(r.body).toContain('Reachline');
    noGaps(r.body);
  });

  it('says how long the body was when it had to cut it, and null when it fit', () => {
    expect(writeMessageLocally(input()).shortened_from_chars).toBeNull();
    // Optional sentences go first, without a cut.
    expect(writeMessageLocally(input({ channel: 'sms', max_chars: 30 })).shortened_from_chars).toBeNull();
    const cut = writeMessageLocally(
      input({ channel: 'sms', max_chars: 20, lead: { ...lead, first_name: 'Maximiliana Alexandrina' } }),
    );
    expect(cut.body.length).toBeLessThanOrEqual(20);
    expect(cut.body).toMatch(/…$/);
    expect(cut.shortened_from_chars).toBeGreaterThan(20);
  });

  it('says "there" without a first name and never prints missing fields', () => {
    const r = writeMessageLocally(
      input({
        lead: { ...lead, first_name: null, company: null, position: null, custom_fields: {} },
        product: { ...EMPTY_PRODUCT },
        instructions: null,
      }),
    );
    expect(r.body).toMatch(/^(Hi|Hello|Hey) there/);
    noGaps(r.body);
    noGaps(r.subject ?? '');
  });

  it('follows a formal tone', () => {
    const r = writeMessageLocally(input({ product: { ...product, tone: 'formal, professional' } }));
    expect(r.body).toMatch(/^(Dear|Hello) Ana,/);
    expect(r.body).toMatch(/Kind regards$/);
  });

  it.each([
    ['question', /pricing/i],
    ['interested', /next step/i],
    ['meeting_request', /Tuesday 1 December at 10:00 UTC or Wednesday 2 December at 15:00 UTC/],
    ['not_now', /follow up/i],
    ['neutral', /thank/i],
  ] as const)('answers a %s reply', (label, expected) => {
    const r = writeMessageLocally(
      input({ purpose: 'auto_reply', channel: 'whatsapp', history, last_classification: label }),
    );
    expect(r.body).toMatch(expected);
    expect(r.subject).toBeNull();
    noGaps(r.body);
  });

  it.each([
    // Monday 30 November, 09:00 UTC: 04:00 in New York, 10:00 in Madrid: Monday both.
    ['America/New_York', /Tuesday 1 December at 10:00 EST or Wednesday 2 December at 15:00 EST/],
    ['Europe/Madrid', /Tuesday 1 December at 10:00 GMT\+1 or Wednesday 2 December at 15:00 GMT\+1/],
    ['Not/AZone', /Tuesday 1 December at 10:00 UTC or Wednesday 2 December at 15:00 UTC/],
  ])("proposes a meeting's times in the lead's zone (%s)", (timezone, expected) => {
    const r = writeMessageLocally(
      input({
        purpose: 'auto_reply',
        history,
        last_classification: 'meeting_request',
        lead: { ...lead, timezone },
      }),
    );
    expect(r.body).toMatch(expected);
  });

  it("proposes the business days after the lead's own date: a Sunday afternoon in New York is Monday in Tokyo", () => {
    // Sunday 6 December, 20:00 UTC: 15:00 Sunday in New York, 05:00 Monday in Tokyo.
    const late = [{ ...history[2], at: '2026-12-06T20:00:00Z' }];
    const slots = (timezone: string) =>
      writeMessageLocally(
        input({
          purpose: 'auto_reply',
          history: late,
          last_classification: 'meeting_request',
          lead: { ...lead, timezone },
        }),
      ).body;
    expect(slots('America/New_York')).toMatch(
      /Monday 7 December at 10:00 EST or Tuesday 8 December at 15:00 EST/,
    );
    expect(slots('Asia/Tokyo')).toMatch(
      /Tuesday 8 December at 10:00 GMT\+9 or Wednesday 9 December at 15:00 GMT\+9/,
    );
  });

  it.each([
    ['a handover alone: nothing to take up', 'Hi, this is Mary from sales, I will take it from here.', null],
    [
      'an introduction, then what was said',
      "Hi Ana! I'm Tom from Reachline. We can do 15% off for 12 reps.",
      'we can do 15% off for 12 reps',
    ],
    [
      'a handover, then a question',
      'Stepping in for my colleague. Would Thursday suit you for a demo?',
      'Would Thursday suit you for a demo?',
    ],
  ])(
    'after a cede, takes up what the human said, not their introduction or handover (%s)',
    (_what, said, taken) => {
      const human = [
        ...history.slice(0, 2),
        { ...history[1], content: said, at: '2026-11-29T09:00:00Z' },
        history[2],
      ];
      const r = writeMessageLocally(
        input({
          purpose: 'auto_reply',
          history: human,
          last_classification: 'question',
          resumed_after_cede: true,
        }),
      );
      expect(r.body).not.toMatch(/this is Mary|I'm Tom|take it from here|Stepping in/i);
      if (taken) expect(r.body).toContain(taken);
      else expect(r.body).not.toMatch(/my colleague/);
      noGaps(r.body);
    },
  );

  it('takes up what the human agent said after a cede', () => {
    const r = writeMessageLocally(
      input({ purpose: 'auto_reply', history, last_classification: 'question', resumed_after_cede: true }),
    );
    expect(r.body).toContain('20% discount if you sign before Friday');
    expect(r.subject).toBe('Re: Reachline');
  });

  it('proposes the follow-up time the lead gave', () => {
    const later: HistoryEntry[] = [
      {
        direction: 'inbound',
        sender: 'lead',
        content: 'Not now, try again next quarter.',
        at: '2026-11-30T09:00:00Z',
      },
    ];
    const r = writeMessageLocally(
      input({ purpose: 'auto_reply', history: later, last_classification: 'not_now' }),
    );
    expect(r.body).toContain("I'll follow up next quarter.");
  });
});
