import { expectValidation, TestApi, TestTenant } from '@app/testing';
import { campaignRequests, type Json } from './campaign-requests.fixture';

/** POST /api/campaigns refuses bad input with a 400 naming each field, and writes nothing. */
describe('campaigns CRUD: bad input on create (e2e)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const { post, stored } = campaignRequests((s) => ({ api, tenant } = s));

  describe('POST /api/campaigns refuses bad input: 400 naming each field, nothing written', () => {
    it.each<[string, Json, string[]]>([
      ['no name', { steps: [] }, ['name']],
      ['a blank name', { name: '  ' }, ['name']],
      ['an unknown step type', { name: 'x', steps: [{ type: 'FAX', content: 'x' }] }, ['steps.0.type']],
      ['a step without a type', { name: 'x', steps: [{ content: 'x' }] }, ['steps.0.type']],
      [
        'a DELAY that is not hours',
        { name: 'x', steps: [{ type: 'DELAY', content: 'soon' }] },
        ['steps.0.content'],
      ],
      ['a DELAY of 0 hours', { name: 'x', steps: [{ type: 'DELAY', content: '0' }] }, ['steps.0.content']],
      ['a DELAY with no wait', { name: 'x', steps: [{ type: 'DELAY' }] }, ['steps.0.content']],
      [
        'a DELAY of an unknown unit',
        { name: 'x', steps: [{ type: 'DELAY', delay: { value: 1, unit: 'weeks' } }] },
        ['steps.0.delay.unit'],
      ],
      [
        'a negative delay_minutes',
        { name: 'x', steps: [{ type: 'DELAY', delay_minutes: -5 }] },
        ['steps.0.delay_minutes'],
      ],
      ['an SMS without content', { name: 'x', steps: [{ type: 'SMS' }] }, ['steps.0.content']],
      ['a blank EMAIL', { name: 'x', steps: [{ type: 'EMAIL', content: '  ' }] }, ['steps.0.content']],
      [
        'a WHATSAPP with neither content nor template',
        { name: 'x', steps: [{ type: 'WHATSAPP' }] },
        ['steps.0.content'],
      ],
      [
        'delay_minutes on a message step',
        { name: 'x', steps: [{ type: 'SMS', content: 'x', delay_minutes: 5 }] },
        ['steps.0.delay_minutes'],
      ],
      [
        'an AI_MESSAGE on an unknown channel',
        { name: 'x', steps: [{ type: 'AI_MESSAGE', content: 'x', options: { channel: 'fax' } }] },
        ['steps.0.options.channel'],
      ],
      [
        'a template naming an unknown field',
        {
          name: 'x',
          steps: [
            { type: 'SMS', content: 'ok' },
            { type: 'SMS', content: 'Hi {{shoe_size}}' },
          ],
        },
        ['steps.1.content'],
      ],
      ['a subject line naming an unknown field', { name: 'x', subject_line: '{{nope|x}}' }, ['subject_line']],
      [
        'a placeholder that names no field',
        { name: 'x', steps: [{ type: 'SMS', content: 'Hi {{ 2nd line }}' }] },
        ['steps.0.content'],
      ],
      [
        'a placeholder never closed',
        { name: 'x', steps: [{ type: 'SMS', content: 'Hi {{first_name}, welcome' }] },
        ['steps.0.content'],
      ],
      ['a seed 002 template cut short', { name: 'x', template: 'Hi {{firstName' }, ['template']],
      [
        'a WhatsApp template parameter naming an unknown field',
        {
          name: 'x',
          steps: [
            {
              type: 'WHATSAPP',
              template_name: 'welcome',
              options: { variables: { '1': '{{first_name|there}}', '2': '{{shoe_size}}' } },
            },
          ],
        },
        ['steps.0.options.variables.2'],
      ],
      [
        'a WhatsApp template parameter that names no field',
        {
          name: 'x',
          steps: [{ type: 'WHATSAPP', template_name: 'welcome', options: { variables: { '1': 'Hi {{}}' } } }],
        },
        ['steps.0.options.variables.1'],
      ],
      [
        'WhatsApp template parameters that are not texts',
        {
          name: 'x',
          steps: [{ type: 'WHATSAPP', template_name: 'welcome', options: { variables: ['{{first_name}}'] } }],
        },
        ['steps.0.options.variables'],
      ],
      [
        'template parameters on a step without a template',
        { name: 'x', steps: [{ type: 'SMS', content: 'Hi', options: { variables: { '1': 'x' } } }] },
        ['steps.0.options.variables'],
      ],
      [
        'a spaced custom field no lead has',
        { name: 'x', steps: [{ type: 'SMS', content: 'For a {{Shoe Size}} team' }] },
        ['steps.0.content'],
      ],
      [
        'a seed 002 template naming an unknown field',
        { name: 'x', template: 'Hi {{nickname}}' },
        ['template'],
      ],
      [
        'a template and steps',
        { name: 'x', template: 'Hi', steps: [{ type: 'SMS', content: 'x' }] },
        ['template'],
      ],
      ['a channel without template', { name: 'x', channel: 'sms' }, ['channel']],
      [
        'calling hours starting before 08:00',
        { name: 'x', calling_hours_start: '07:30' },
        ['calling_hours_start'],
      ],
      ['calling hours ending after 21:00', { name: 'x', calling_hours_end: '21:30' }, ['calling_hours_end']],
      [
        'calling hours ending before they start',
        { name: 'x', calling_hours_start: '17:00', calling_hours_end: '09:00' },
        ['calling_hours_end'],
      ],
      [
        'calling hours that are not a time',
        { name: 'x', calling_hours_start: '9am' },
        ['calling_hours_start'],
      ],
      ['an unknown time zone', { name: 'x', timezone: 'Mars/Olympus_Mons' }, ['timezone']],
      ['calling days outside 1..7', { name: 'x', calling_days: [0, 8] }, ['calling_days']],
      ['no calling days', { name: 'x', calling_days: [] }, ['calling_days']],
      ['a max abandon rate above 1', { name: 'x', max_abandon_rate: 1.5 }, ['max_abandon_rate']],
      ['a negative max abandon rate', { name: 'x', max_abandon_rate: -0.1 }, ['max_abandon_rate']],
      ['a max abandon rate in exponent form', { name: 'x', max_abandon_rate: 1e-7 }, ['max_abandon_rate']],
      [
        'a follow-up interval of 1e-9 days',
        { name: 'x', follow_up_interval_days: 1e-9 },
        ['follow_up_interval_days'],
      ],
      [
        'a retry policy of 0 attempts',
        { name: 'x', retry_policy: { max_attempts: 0 } },
        ['retry_policy.max_attempts'],
      ],
      [
        'a retry policy with an unknown key',
        { name: 'x', retry_policy: { tries: 3 } },
        ['retry_policy.tries'],
      ],
      ['a retry policy that is not an object', { name: 'x', retry_policy: 'often' }, ['retry_policy']],
      [
        'a target filter that is neither ALL nor filters',
        { name: 'x', target_filter: 'SOME' },
        ['target_filter'],
      ],
      [
        'a target filter with a bad status',
        { name: 'x', target_filter: { status: 'bogus' } },
        ['target_filter.status'],
      ],
      [
        'a target filter with an unknown filter',
        { name: 'x', target_filter: { colour: 'red' } },
        ['target_filter.colour'],
      ],
      [
        'a target filter on an enrollment status without campaign_id',
        { name: 'x', target_filter: { status: 'pending' } },
        ['target_filter.status'],
      ],
      ['a target filter with paging', { name: 'x', target_filter: { limit: 5 } }, ['target_filter.limit']],
      [
        'a target filter whose dates leave no lead',
        { name: 'x', target_filter: { created_from: '2026-02-01', created_to: '2026-01-01' } },
        ['target_filter.created_to'],
      ],
      [
        'a schedule ending before it starts',
        { name: 'x', schedule_start: '2030-02-01T00:00:00Z', schedule_end: '2030-01-01T00:00:00Z' },
        ['schedule_end'],
      ],
      ['a schedule start that is no date', { name: 'x', schedule_start: 'tomorrow' }, ['schedule_start']],
      [
        'a schedule start that does not exist',
        { name: 'x', schedule_start: '2030-02-30T09:00:00Z' },
        ['schedule_start'],
      ],
      ['a schedule end given as a number', { name: 'x', schedule_end: 1 }, ['schedule_end']],
      ['an unknown dialing mode', { name: 'x', dialing_mode: 'psychic' }, ['dialing_mode']],
      [
        'a voicemail url that is no url',
        { name: 'x', voicemail_message_url: 'voicemail.mp3' },
        ['voicemail_message_url'],
      ],
      [
        'a voicemail message URL no provider could fetch',
        { name: 'x', voicemail_message_url: 'http://xn--a.com/voicemail.mp3' },
        ['voicemail_message_url'],
      ],
      ["seed 002's numeric lead ids", { name: 'x', template: 'Hi', leadIds: [101, 102] }, ['lead_ids']],
      [
        'a negative follow-up interval',
        { name: 'x', follow_up_interval_days: -1 },
        ['follow_up_interval_days'],
      ],
      ['an unknown field', { name: 'x', colour: 'blue' }, ['colour']],
      [
        'a DELAY step whose delay is a list',
        { name: 'x', steps: [{ type: 'DELAY', delay: [{ value: 2, unit: 'days' }] }] },
        ['steps.0.delay'],
      ],
      [
        'an SMS step longer than the provider takes (1,600) once its placeholders are left out',
        { name: 'x', steps: [{ type: 'SMS', content: `Hi {{first_name}}, ${'x'.repeat(1597)}` }] },
        ['steps.0.content'],
      ],
      [
        'a seed 002 template longer than an SMS takes',
        { name: 'x', channel: 'sms', template: 'é'.repeat(1601) },
        ['steps.0.content'],
      ],
      [
        'several problems at once (each named)',
        {
          name: 'x',
          steps: [{ type: 'DELAY', content: 'x' }, { type: 'SMS' }],
          calling_hours_start: '06:00',
        },
        ['steps.0.content', 'steps.1.content', 'calling_hours_start'],
      ],
    ])('refuses %s', async (_what, body, fields) => {
      const before = await stored(tenant.id);
      const res = await post(tenant, body);
      expectValidation(res, fields);
      expect(await stored(tenant.id)).toEqual(before);
    });

    it('takes a step as long as the provider takes, placeholders not counted; says why a longer one is refused', async () => {
      const fits = `${'x'.repeat(1600)}{{first_name|there}}`;
      const ok = await post(tenant, {
        name: 'Long',
        steps: [
          { type: 'SMS', content: fits },
          { type: 'EMAIL', content: 'x'.repeat(5000) },
        ],
      });
      expect(ok.status).toBe(201);
      expect(ok.body.data.steps[0].content).toBe(fits);
      const before = await stored(tenant.id);
      const res = await post(tenant, { name: 'x', steps: [{ type: 'WHATSAPP', content: 'y'.repeat(1601) }] });
      expectValidation(res, ['steps.0.content']);
      expect(res.body.error.details[0].reason).toBe(
        'is 1601 characters without its placeholders: simulator takes at most 1600 on whatsapp',
      );
      // A draft's steps changed to one too long: refused, and the steps stay as they were.
      const put = await api.http
        .patch(`/api/campaigns/${ok.body.data.id}`)
        .set(tenant.admin.headers)
        .send({ steps: [{ type: 'SMS', content: 'z'.repeat(1601) }] });
      expectValidation(put, ['steps.0.content']);
      expect(await stored(tenant.id)).toEqual(before);
    });

    it('refuses a bare custom field no lead has, naming how to use it anyway', async () => {
      const res = await post(tenant, { name: 'x', steps: [{ type: 'SMS', content: 'Hi {{shoe_size}}' }] });
      expectValidation(res, ['steps.0.content']);
      expect(res.body.error.details[0].reason).toContain('{{custom_fields.shoe_size}}');
    });
  });
});
