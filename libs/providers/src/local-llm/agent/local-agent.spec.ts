import { EMPTY_PRODUCT, type AgentRunInput } from '../../llm/llm-tasks';
import { nextCallSlot, runLocalAgent } from './local-agent';

const lead = {
  id: 'lead-1',
  first_name: 'Ana',
  last_name: null,
  company: 'Casa Norte',
  position: null,
  country: null,
  custom_fields: {},
  email: null,
  phone: null,
  score: 40,
  classification: null,
};
const run = (
  message: string,
  capabilities: string[],
  type = 'assistant',
  timezone: string | null = null,
): ReturnType<typeof runLocalAgent> =>
  runLocalAgent({
    agent: { name: 'Agent', type, capabilities, system_prompt: null, temperature: null, max_tokens: null },
    message,
    lead: { ...lead, timezone },
    context: {},
    product: {
      ...EMPTY_PRODUCT,
      product: 'Reachline',
      description: 'an outreach platform',
      value_propositions: ['Replies in minutes'],
    },
    now: '2026-12-04T10:00:00Z', // a Friday
  } satisfies AgentRunInput);

describe('runLocalAgent', () => {
  it('qualifies an interested lead and suggests a call at 14:00 UTC on the next business day', () => {
    const r = run('Sounds great, can we talk next week?', ['lead-qualification', 'appointment-scheduling']);
    expect(r.qualified).toBe(true);
    expect(r.actions).toEqual([
      { type: 'qualify_lead', parameters: expect.objectContaining({ lead_id: 'lead-1', qualified: true }) },
      {
        type: 'schedule_call',
        parameters: { lead_id: 'lead-1', suggested_time: '2026-12-07T14:00:00.000Z' },
      },
    ]);
    expect(r.response).toContain('Monday 7 December at 14:00 UTC');
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it("suggests the call at 14:00 in the lead's zone, named", () => {
    const r = run(
      'Sounds great, can we talk next week?',
      ['appointment-scheduling'],
      'assistant',
      'America/New_York',
    );
    expect(r.actions).toEqual([
      {
        type: 'schedule_call',
        parameters: { lead_id: 'lead-1', suggested_time: '2026-12-07T19:00:00.000Z' },
      },
    ]);
    expect(r.response).toContain('Monday 7 December at 14:00 EST');
  });

  it('does not qualify a refusal', () => {
    const r = run('No thanks, we already use HubSpot.', ['lead-qualification']);
    expect(r.qualified).toBe(false);
    expect(r.actions.map((a) => a.type)).toEqual(['qualify_lead']);
  });

  it('answers a question from the product and sends pricing when prices are asked', () => {
    expect(run('What is Reachline?', ['faq-answers']).response).toContain(
      'Reachline is an outreach platform',
    );
    const priced = run('How much does it cost?', ['faq-answers']);
    expect(priced.actions).toEqual([{ type: 'send_pricing', parameters: { lead_id: 'lead-1' } }]);
    expect(priced.qualified).toBeNull();
  });

  it('routes tickets by their content and urgency', () => {
    expect(run('My invoice is wrong, urgent!', ['ticket-routing']).actions[0]).toEqual({
      type: 'route_ticket',
      parameters: { lead_id: 'lead-1', queue: 'billing', priority: 'high' },
    });
    expect(run('The login page shows an error', [], 'ticket-routing').actions[0].parameters).toMatchObject({
      queue: 'support',
      priority: 'normal',
    });
  });

  it('flags an opt-out', () => {
    expect(run('Please stop emailing me.', []).actions).toContainEqual({
      type: 'opt_out_lead',
      parameters: { lead_id: 'lead-1' },
    });
  });

  it('says that no external model answered', () => {
    expect(run('ok', []).response).toContain('no external model');
  });

  it('skips weekends for the suggested time', () => {
    const at = (now: string, zone = 'UTC') => nextCallSlot(now, zone).at.toISOString();
    expect(at('2026-12-05T20:00:00Z')).toBe('2026-12-07T14:00:00.000Z');
    expect(at('2026-12-07T08:00:00Z')).toBe('2026-12-08T14:00:00.000Z');
    // 14:00 in the lead's zone: New York (UTC-5), Tokyo (UTC+9, where Sunday 20:00 UTC is Monday already).
    expect(at('2026-12-07T08:00:00Z', 'America/New_York')).toBe('2026-12-08T19:00:00.000Z');
    expect(at('2026-12-06T20:00:00Z', 'Asia/Tokyo')).toBe('2026-12-08T05:00:00.000Z');
    // Across a change of clocks: Tuesday 31 March 2026 in Berlin is summer time (UTC+2).
    expect(at('2026-03-30T08:00:00Z', 'Europe/Berlin')).toBe('2026-03-31T12:00:00.000Z');
  });
});
