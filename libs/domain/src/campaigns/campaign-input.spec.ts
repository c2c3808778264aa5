import type { CampaignEntity } from '@app/db';
import { bareNamesOf, normalizeCampaign, templateTexts } from './campaign-input';
import { sameSteps } from './campaign-step-input';
import { enrollmentChannel, firstMessageStep, stepChannel, unsupportedSteps } from './campaign-steps';
import { firstActionAt, shiftParams } from './enrollment-statement';

const current = (fields: Partial<CampaignEntity>) => fields as CampaignEntity;

describe('campaign input', () => {
  it("stores seed 002's template as one step of its channel, whose subject is the campaign's subject line", () => {
    const { changes, errors } = normalizeCampaign(
      { name: ' Outreach ', subject_line: 'Hello', template: 'Hi {{firstName}}', lead_ids: ['A', 'a', 'b'] },
      null,
    );
    expect(errors).toEqual([]);
    expect(changes.columns).toEqual({ name: 'Outreach', subjectLine: 'Hello' });
    expect(changes.steps).toEqual([
      {
        position: 0,
        type: 'EMAIL',
        content: 'Hi {{firstName}}',
        subject: null,
        template_name: null,
        template_language: null,
        delay_minutes: null,
        options: {},
      },
    ]);
    expect(changes.leadIds).toEqual(['a', 'b']);
    expect(
      normalizeCampaign({ name: 'x', template: 'Hi', channel: 'whatsapp' }, null).changes.steps?.[0],
    ).toMatchObject({ type: 'WHATSAPP', subject: null });
  });

  it('reads a DELAY in hours (rounded to minutes), in minutes, or as { value, unit }', () => {
    const { changes, errors } = normalizeCampaign(
      {
        name: 'x',
        steps: [
          { type: 'DELAY', content: '24' },
          { type: 'DELAY', content: '0.51' },
          { type: 'DELAY', delay_minutes: 5 },
          { type: 'DELAY', delay: { value: 1.5, unit: 'days' } },
        ],
      },
      null,
    );
    expect(errors).toEqual([]);
    expect(changes.steps?.map((s) => [s.content, s.delay_minutes])).toEqual([
      ['24', 1440],
      ['0.51', 31],
      [null, 5],
      [null, 2160],
    ]);
  });

  it('names each bad step field by its position', () => {
    const { errors } = normalizeCampaign(
      {
        name: 'x',
        steps: [
          { type: 'DELAY', content: '1h' },
          { type: 'DELAY', content: '0.001' },
          { type: 'WHATSAPP', template_name: 'ok' },
          { type: 'EMAIL', content: ' ', template_name: 'no' },
          { type: 'CALL', content: 'x', options: { call_mode: 'sing' } },
        ],
      },
      null,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'steps.0.content',
      'steps.1.content',
      'steps.3.template_name',
      'steps.3.content',
      'steps.4.options.call_mode',
    ]);
  });

  it('checks the sending window against 08:00-21:00 and the current values', () => {
    const fields = (input: Parameters<typeof normalizeCampaign>[0], now: CampaignEntity | null = null) =>
      normalizeCampaign({ name: 'x', ...input }, now).errors.map((e) => e.field);
    expect(fields({ calling_hours_start: '08:00', calling_hours_end: '21:00' })).toEqual([]);
    expect(fields({ calling_hours_start: '07:59' })).toEqual(['calling_hours_start']);
    expect(fields({ calling_hours_end: '21:00:01' })).toEqual(['calling_hours_end']);
    expect(fields({ calling_hours_start: '21:00' })).toEqual(['calling_hours_start']);
    expect(fields({ calling_hours_start: '12:00', calling_hours_end: '12:00' })).toEqual([
      'calling_hours_end',
    ]);
    const window = current({ callingHoursStart: '10:00:00', callingHoursEnd: '12:00:00' });
    expect(fields({ calling_hours_end: '09:00' }, window)).toEqual(['calling_hours_end']);
    expect(fields({ calling_hours_start: '12:30' }, window)).toEqual(['calling_hours_start']);
    expect(fields({ calling_hours_start: null }, window)).toEqual([]);
    expect(normalizeCampaign({ calling_hours_start: '09:30' }, window).changes.columns).toEqual({
      callingHoursStart: '09:30:00',
    });
  });

  it('lists the texts that may name fields, and the bare custom names with where they are', () => {
    const input = {
      name: 'x',
      subject_line: 'For {{industry}}',
      steps: [
        { type: 'SMS' as const, content: 'Hi {{first_name}} {{industry}} {{custom_fields.size}}' },
        { type: 'DELAY' as const, content: '2' },
        { type: 'EMAIL' as const, content: '{{plan|basic}}', subject: '{{industry}}' },
      ],
    };
    const { changes } = normalizeCampaign(input, null);
    const names = bareNamesOf(templateTexts(changes, input));
    expect([...names.entries()]).toEqual([
      ['industry', ['steps.0.content', 'steps.2.subject', 'subject_line']],
      ['plan', ['steps.2.content']],
    ]);
  });

  it('compares steps by what they store (option key order aside)', () => {
    const a = normalizeCampaign(
      { steps: [{ type: 'SMS', content: 'x', options: { a: 1, b: 2 } }] },
      current({}),
    );
    const b = normalizeCampaign(
      { steps: [{ type: 'SMS', content: 'x', options: { b: 2, a: 1 } }] },
      current({}),
    );
    const c = normalizeCampaign({ steps: [{ type: 'SMS', content: 'y' }] }, current({}));
    expect(sameSteps(a.changes.steps!, b.changes.steps!)).toBe(true);
    expect(sameSteps(a.changes.steps!, c.changes.steps!)).toBe(false);
  });
});

describe('campaign steps', () => {
  const steps = [
    { position: 2, type: 'AI_MESSAGE' as const, options: { channel: 'sms' } },
    { position: 0, type: 'DELAY' as const },
    { position: 1, type: 'CALL' as const },
  ];

  it('knows each step channel and the first message step', () => {
    expect(stepChannel({ position: 0, type: 'AI_MESSAGE' })).toBe('email');
    expect(stepChannel(steps[0])).toBe('sms');
    expect(stepChannel(steps[1])).toBeNull();
    expect(firstMessageStep(steps)?.position).toBe(1);
    expect(enrollmentChannel(steps)).toBe('voice');
    expect(enrollmentChannel([steps[1]])).toBeNull();
    // AI_MESSAGE steps run (issue 7); only one naming a channel the AI cannot write on keeps a campaign from starting.
    expect(unsupportedSteps(steps)).toEqual([]);
    expect(unsupportedSteps([{ position: 0, type: 'AI_MESSAGE' }])).toEqual([]);
    expect(
      unsupportedSteps([...steps, { position: 3, type: 'AI_MESSAGE', options: { channel: 'fax' } }]),
    ).toEqual([{ position: 3, type: 'AI_MESSAGE', channel: 'fax' }]);
  });

  it('times the first action: none in a draft, else the later of now and the schedule', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const later = new Date('2026-01-02T10:00:00Z');
    expect(firstActionAt({ status: 'draft', scheduleStart: later }, now)).toBeNull();
    expect(firstActionAt({ status: 'active', scheduleStart: null }, now)).toBe(now);
    expect(firstActionAt({ status: 'scheduled', scheduleStart: later }, now)).toBe(later);
    expect(firstActionAt({ status: 'paused', scheduleStart: new Date('2025-01-01') }, now)).toBe(now);
  });

  it("shifts a built query's parameters after the statement's own", () => {
    expect(shiftParams('a = $1 AND b > $2 AND c = $10')).toBe('a = $6 AND b > $7 AND c = $15');
  });
});
