import {
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  PgSessions,
  TestApi,
  TestTenant,
  TestUser,
  UUID_PATTERN,
} from '@app/testing';
import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

type Json = Record<string, unknown>;
type Who = TestTenant | TestUser;

/** Issue 5 item 1: campaigns CRUD in seed 000's and seed 002's forms with seed 001's settings; validation. */
describe('campaigns CRUD (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
  });
  afterAll(() => api.close());

  const headers = (who: Who) => ('admin' in who ? who.admin.headers : who.headers);
  const post = (who: Who, body: unknown) =>
    api.http
      .post('/api/campaigns')
      .set(headers(who))
      .send(body as object);
  const patch = (who: Who, id: string, body: unknown) =>
    api.http
      .patch(`/api/campaigns/${id}`)
      .set(headers(who))
      .send(body as object);
  const get = (who: Who, id: string) => api.http.get(`/api/campaigns/${id}`).set(headers(who));

  async function created(who: Who, body: Json): Promise<Json & { id: string }> {
    const res = await post(who, body);
    if (res.status !== 201)
      throw new Error(`create campaign answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async function lead(who: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/leads').set(who.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  /** Everything of the tenant a campaign request can change. */
  async function stored(tenantId: string) {
    return {
      campaigns: await db.query('SELECT * FROM campaigns WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      steps: await db.query('SELECT * FROM campaign_steps WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      enrollments: await db.query('SELECT * FROM campaign_enrollments WHERE tenant_id = $1 ORDER BY id', [
        tenantId,
      ]),
    };
  }

  const SEED_000 = {
    name: 'Welcome Series',
    target_filter: 'ALL',
    steps: [
      { type: 'WHATSAPP', content: 'Welcome aboard!' },
      { type: 'DELAY', content: '24' },
      { type: 'WHATSAPP', content: 'How are you finding things?' },
    ],
  };

  const step = (position: number, fields: Json) => ({
    id: expect.stringMatching(UUID_PATTERN),
    position,
    content: null,
    subject: null,
    template_name: null,
    template_language: null,
    delay_minutes: null,
    options: {},
    ...fields,
  });

  describe('POST /api/campaigns', () => {
    it("creates seed 000's campaign: a draft with its steps, DELAY content in hours; answers { id, status } and every column", async () => {
      const res = await post(tenant, SEED_000);
      expect(res.status).toBe(201);
      const data = res.body.data;
      expect(data).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        tenant_id: tenant.id,
        name: 'Welcome Series',
        description: null,
        status: 'draft',
        schedule_start: null,
        schedule_end: null,
        timezone: null,
        calling_hours_start: null,
        calling_hours_end: null,
        calling_days: null,
        caller_id: null,
        sender_id: null,
        agent_group_id: null,
        dialing_mode: 'preview',
        max_abandon_rate: 0.03,
        retry_policy: {},
        amd_enabled: false,
        voicemail_message_url: null,
        record_calls: false,
        ring_timeout_seconds: 25,
        preview_timeout_seconds: 30,
        lines_per_agent: 1,
        wrap_up_seconds: 30,
        abandon_lockout_minutes: 4320,
        safe_harbour_message: null,
        amd_actions: {},
        subject_line: null,
        follow_up_interval_days: null,
        target_filter: 'ALL',
        stop_on_reply: true,
        steps_version: 1,
        total_leads: 0,
        calls_made: 0,
        calls_completed: 0,
        created_by: tenant.admin.id,
        started_at: null,
        paused_at: null,
        pause_reason: null,
        completed_at: null,
        cancelled_at: null,
        archived_at: null,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
        steps: [
          step(0, { type: 'WHATSAPP', content: 'Welcome aboard!' }),
          step(1, { type: 'DELAY', content: '24', delay_minutes: 1440 }),
          step(2, { type: 'WHATSAPP', content: 'How are you finding things?' }),
        ],
        stats: {
          total_leads: 0,
          by_status: {
            pending: 0,
            queued: 0,
            in_progress: 0,
            waiting: 0,
            replied: 0,
            completed: 0,
            failed: 0,
            stopped: 0,
            dnc: 0,
          },
        },
        leads: { items: [], total: 0, limit: 10, next: null },
      });
      const rows = await db.query(
        'SELECT position, type, content, delay_minutes FROM campaign_steps WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY position',
        [tenant.id, data.id],
      );
      expect(rows).toEqual([
        { position: 0, type: 'WHATSAPP', content: 'Welcome aboard!', delay_minutes: null },
        { position: 1, type: 'DELAY', content: '24', delay_minutes: 1440 },
        { position: 2, type: 'WHATSAPP', content: 'How are you finding things?', delay_minutes: null },
      ]);
    });

    it("creates seed 002's form (camelCase): one EMAIL step from the template, the follow-up interval, its leads enrolled", async () => {
      const t = await createTenant(api.http);
      const sara = await lead(t, { first_name: 'Sara', email: 'sara@example.com' });
      const omar = await lead(t, { first_name: 'Omar', email: 'omar@example.com' });
      const res = await post(t, {
        name: 'My First Outreach',
        subjectLine: 'Hello from MyStartup',
        followUpIntervalDays: 3,
        leadIds: [sara, omar, sara],
        template: 'Hi {{firstName}}, we noticed you...',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        status: 'draft',
        subject_line: 'Hello from MyStartup',
        follow_up_interval_days: 3,
        total_leads: 2,
        target_filter: null,
        steps: [
          step(0, {
            type: 'EMAIL',
            content: 'Hi {{firstName}}, we noticed you...',
            subject: null,
          }),
        ],
        stats: { total_leads: 2, by_status: { pending: 2 } },
        enrollment: {
          enrolled: 2,
          already_enrolled: 0,
          skipped: { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 },
        },
      });
      const enrollments = await db.query(
        `SELECT lead_id, status, current_step, attempts, next_action_at FROM campaign_enrollments
          WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id`,
        [t.id, res.body.data.id],
      );
      expect(enrollments).toEqual(
        [sara, omar].sort().map((id) => ({
          lead_id: id,
          status: 'pending',
          current_step: 0,
          attempts: 0,
          next_action_at: null,
        })),
      );
    });

    it('takes seed 002 with channel sms as one SMS step (no subject)', async () => {
      const data = await created(tenant, {
        name: 'By text',
        template: 'Hi {{first_name|there}}',
        channel: 'SMS',
      });
      expect(data.steps).toEqual([step(0, { type: 'SMS', content: 'Hi {{first_name|there}}' })]);
    });

    it("stores seed 001's settings and answers them snake_case", async () => {
      const [{ id: groupId }] = await db.query(
        `INSERT INTO agent_groups (tenant_id, name) VALUES ($1, $2) RETURNING id`,
        [tenant.id, `Group ${randomUUID()}`],
      );
      const data = await created(tenant, {
        name: 'Q1 2024 Outreach',
        description: 'Voice and text',
        caller_id: '+14155551234',
        sender_id: 'Acme',
        schedule_start: '2030-01-01T09:00:00Z',
        schedule_end: '2030-03-31T17:00:00Z',
        timezone: 'America/Los_Angeles',
        calling_hours_start: '09:00',
        calling_hours_end: '17:30:00',
        calling_days: [5, 1, 2],
        agent_group_id: groupId,
        dialing_mode: 'power',
        max_abandon_rate: 0.05,
        retry_policy: {
          max_attempts: 3,
          delay_minutes: 60,
          retry_on_no_answer: true,
          retry_on_busy: true,
          retry_on_voicemail: false,
        },
        amd_enabled: true,
        voicemail_message_url: 'https://example.com/voicemail.mp3',
        record_calls: true,
        stop_on_reply: false,
        steps: [{ type: 'sms', content: 'Hi' }],
      });
      expect(data).toMatchObject({
        description: 'Voice and text',
        caller_id: '+14155551234',
        sender_id: 'Acme',
        schedule_start: '2030-01-01T09:00:00.000Z',
        schedule_end: '2030-03-31T17:00:00.000Z',
        timezone: 'America/Los_Angeles',
        calling_hours_start: '09:00:00',
        calling_hours_end: '17:30:00',
        calling_days: [1, 2, 5],
        agent_group_id: groupId,
        dialing_mode: 'power',
        max_abandon_rate: 0.05,
        retry_policy: {
          max_attempts: 3,
          delay_minutes: 60,
          retry_on_no_answer: true,
          retry_on_busy: true,
          retry_on_voicemail: false,
        },
        amd_enabled: true,
        voicemail_message_url: 'https://example.com/voicemail.mp3',
        record_calls: true,
        stop_on_reply: false,
        steps: [step(0, { type: 'SMS', content: 'Hi' })],
      });
    });

    it('says a DELAY in hours (decimals), in minutes, or as { value, unit }; stores every step kind', async () => {
      const data = await created(tenant, {
        name: 'Delays',
        steps: [
          { type: 'DELAY', content: '1.5' },
          { type: 'EMAIL', content: 'Hello {{company|there}}', subject: 'Hi {{first_name}}' },
          { type: 'DELAY', delay_minutes: 45 },
          {
            type: 'WHATSAPP',
            template_name: 'welcome_v2',
            template_language: 'en_US',
            options: { variables: { '1': '{{first_name|there}}', '2': 10 } },
          },
          { type: 'DELAY', delay: { value: 2, unit: 'days' } },
          { type: 'DELAY', content: 24 },
          { type: 'CALL', content: 'Script', options: { call_mode: 'connect_agent' } },
          { type: 'AI_MESSAGE', content: 'Follow up', options: { channel: 'sms' } },
        ],
      });
      expect(data.steps).toEqual([
        step(0, { type: 'DELAY', content: '1.5', delay_minutes: 90 }),
        step(1, { type: 'EMAIL', content: 'Hello {{company|there}}', subject: 'Hi {{first_name}}' }),
        step(2, { type: 'DELAY', delay_minutes: 45 }),
        step(3, {
          type: 'WHATSAPP',
          template_name: 'welcome_v2',
          template_language: 'en_US',
          options: { variables: { '1': '{{first_name|there}}', '2': 10 } },
        }),
        step(4, { type: 'DELAY', delay_minutes: 2880 }),
        step(5, { type: 'DELAY', content: '24', delay_minutes: 1440 }),
        step(6, { type: 'CALL', content: 'Script', options: { call_mode: 'connect_agent' } }),
        step(7, { type: 'AI_MESSAGE', content: 'Follow up', options: { channel: 'sms' } }),
      ]);
    });

    it('accepts lead fields, their seed 002 spellings, explicit custom fields and custom fields some lead has', async () => {
      const t = await createTenant(api.http);
      await lead(t, { email: 'a@example.com', custom_fields: { industry: 'Dental' } });
      const data = await created(t, {
        name: 'Fields',
        subject_line: 'For {{industry|you}}',
        steps: [
          {
            type: 'SMS',
            content:
              'Hi {{first_name|there}} {{ lastName }} of {{company}}: {{industry}} {{custom_fields.size}} {{custom.role}}',
          },
        ],
      });
      expect(data.subject_line).toBe('For {{industry|you}}');
    });

    it('stores a target filter of lead filters (as GET /api/leads takes them)', async () => {
      const ownerId = tenant.admin.id;
      const data = await created(tenant, {
        name: 'Filtered',
        targetFilter: {
          status: 'qualified',
          source: 'website',
          tags: 'vip,q4',
          tag: 'hot',
          classification: 'interested',
          score_min: 50,
          score_max: '90',
          created_from: '2026-01-01T00:00:00Z',
          owner_id: ownerId,
          search: 'acme',
        },
        steps: [{ type: 'SMS', content: 'Hi' }],
      });
      expect(data.target_filter).toEqual({
        status: 'qualified',
        source: 'website',
        tags: ['vip', 'q4', 'hot'],
        classification: 'interested',
        score_min: 50,
        score_max: 90,
        created_from: '2026-01-01T00:00:00.000Z',
        owner_id: ownerId,
        search: 'acme',
      });
    });
  });

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

  describe('GET /api/campaigns', () => {
    it('lists newest first with the status filter and pagination; archived campaigns are left out', async () => {
      const t = await createTenant(api.http);
      const a = await created(t, { name: 'A', steps: [{ type: 'SMS', content: 'x' }] });
      const b = await created(t, { name: 'B', steps: [{ type: 'SMS', content: 'x' }] });
      const c = await created(t, { name: 'C' });
      const d = await created(t, { name: 'D' });
      expect((await api.http.post(`/api/campaigns/${b.id}/start`).set(t.admin.headers)).status).toBe(200);
      expect((await api.http.delete(`/api/campaigns/${d.id}`).set(t.admin.headers)).status).toBe(200);

      const all = await api.http.get('/api/campaigns').set(t.admin.headers);
      expect(all.status).toBe(200);
      expect(all.body.meta).toEqual({ total: 3, limit: 50, offset: 0 });
      expect(all.body.data.map((x: Json) => x.name)).toEqual(['C', 'B', 'A']);
      expect(all.body.data[1].steps).toEqual([step(0, { type: 'SMS', content: 'x' })]);
      expect(all.body.data[0].stats).toBeUndefined();

      const active = await api.http.get('/api/campaigns?status=active').set(t.admin.headers);
      expect(active.body.data.map((x: Json) => x.id)).toEqual([b.id]);
      const drafts = await api.http.get('/api/campaigns?status=draft&limit=1&page=2').set(t.admin.headers);
      expect(drafts.body.meta).toEqual({ total: 2, limit: 1, offset: 1 });
      expect(drafts.body.data.map((x: Json) => x.id)).toEqual([a.id]);
      expect(c.id).toBeTruthy();
    });

    it('refuses a bad status or page', async () => {
      expectValidation(await api.http.get('/api/campaigns?status=running').set(tenant.admin.headers), [
        'status',
      ]);
      expectValidation(await api.http.get('/api/campaigns?limit=500').set(tenant.admin.headers), ['limit']);
    });
  });

  describe('GET /api/campaigns/:id', () => {
    it('answers the campaign, its steps and its enrollment totals', async () => {
      const t = await createTenant(api.http);
      const l1 = await lead(t, { first_name: 'A', email: 'a@example.com' });
      const l2 = await lead(t, { first_name: 'B', email: 'b@example.com' });
      const c = await created(t, { name: 'Stats', template: 'Hi', leadIds: [l1, l2] });
      await db.query(
        `UPDATE campaign_enrollments SET status = 'replied' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, l2],
      );
      const res = await get(t, c.id);
      expect(res.status).toBe(200);
      expect(res.body.data.stats).toEqual({
        total_leads: 2,
        by_status: {
          pending: 1,
          queued: 0,
          in_progress: 0,
          waiting: 0,
          replied: 1,
          completed: 0,
          failed: 0,
          stopped: 0,
          dnc: 0,
        },
      });
    });

    it('answers 404 for an unknown id and for something that is not an id', async () => {
      expectError(await get(tenant, randomUUID()), 404, 'NOT_FOUND', 'Campaign not found');
      expectError(await get(tenant, 'not-a-uuid'), 404, 'NOT_FOUND', 'Campaign not found');
    });
  });

  describe('PATCH / PUT /api/campaigns/:id', () => {
    it('changes the fields sent; new steps replace the old ones and bump steps_version', async () => {
      const c = await created(tenant, SEED_000);
      const res = await patch(tenant, c.id, {
        name: 'Welcome v2',
        followUpIntervalDays: 2,
        steps: [{ type: 'SMS', content: 'Hi {{first_name|there}}' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        name: 'Welcome v2',
        follow_up_interval_days: 2,
        target_filter: 'ALL',
        steps_version: 2,
        steps: [step(0, { type: 'SMS', content: 'Hi {{first_name|there}}' })],
      });
      const count = await db.query(
        'SELECT count(*)::int AS n FROM campaign_steps WHERE tenant_id = $1 AND campaign_id = $2',
        [tenant.id, c.id],
      );
      expect(count).toEqual([{ n: 1 }]);
    });

    it('a new seed 002 template without channel keeps the channel the campaign sends on (email when it has none)', async () => {
      const sms = await created(tenant, { name: 'By SMS', channel: 'sms', template: 'Hi {{firstName}}' });
      const res = await patch(tenant, sms.id, { template: 'Hello {{firstName|there}}' });
      expect(res.status).toBe(200);
      expect(res.body.data.steps).toEqual([step(0, { type: 'SMS', content: 'Hello {{firstName|there}}' })]);
      const whatsapp = await created(tenant, SEED_000);
      const put = await api.http
        .put(`/api/campaigns/${whatsapp.id}`)
        .set(tenant.admin.headers)
        .send({ template: 'One message' });
      expect(put.body.data.steps).toEqual([step(0, { type: 'WHATSAPP', content: 'One message' })]);
      const moved = await patch(tenant, sms.id, { template: 'By mail now', channel: 'email' });
      expect(moved.body.data.steps).toEqual([step(0, { type: 'EMAIL', content: 'By mail now' })]);
      const empty = await created(tenant, { name: 'No steps yet' });
      const first = await patch(tenant, empty.id, { template: 'Hi' });
      expect(first.body.data.steps).toEqual([step(0, { type: 'EMAIL', content: 'Hi' })]);
    });

    it('PUT takes the same fields, all optional (seed 001); null clears what may be empty', async () => {
      const c = await created(tenant, { ...SEED_000, caller_id: '+14155551234', timezone: 'Europe/Lisbon' });
      const res = await api.http
        .put(`/api/campaigns/${c.id}`)
        .set(tenant.admin.headers)
        .send({ caller_id: '+14155550000', timezone: null, record_calls: true });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        name: 'Welcome Series',
        caller_id: '+14155550000',
        timezone: null,
        record_calls: true,
        steps_version: 1,
        steps: [
          step(0, { type: 'WHATSAPP', content: 'Welcome aboard!' }),
          expect.anything(),
          expect.anything(),
        ],
      });
    });

    it('sending the current steps back changes nothing (steps_version stays)', async () => {
      const c = await created(tenant, SEED_000);
      const res = await patch(tenant, c.id, { steps: SEED_000.steps });
      expect(res.status).toBe(200);
      expect(res.body.data.steps_version).toBe(1);
      expect(res.body.data.steps.map((s: Json) => s.id)).toEqual((c.steps as Json[]).map((s) => s.id));
    });

    it('checks a change against the values a concurrent change committed meanwhile', async () => {
      const c = await created(tenant, {
        name: 'Race',
        calling_hours_start: '09:00',
        calling_hours_end: '17:00',
      });
      const sessions = new PgSessions(db);
      try {
        // Another PATCH moved the start to 16:00 and holds the row, not committed yet.
        const other = await sessions.begin();
        await other.tx.query(`UPDATE campaigns SET calling_hours_start = '16:00' WHERE id = $1`, [c.id]);
        // Against the row it first read (09:00-17:00) this end is fine; against 16:00 it leaves no window.
        const mine = patch(tenant, c.id, { calling_hours_end: '10:00' }).then((res) => res);
        expect(await sessions.doneOrWaiting(mine, [other.pid])).toHaveLength(1);
        await other.tx.commitTransaction();
        expectValidation(await mine, ['calling_hours_end']);
      } finally {
        await sessions.close();
      }
      const [row] = await db.query(
        'SELECT calling_hours_start, calling_hours_end FROM campaigns WHERE id = $1',
        [c.id],
      );
      expect(row).toEqual({ calling_hours_start: '16:00:00', calling_hours_end: '17:00:00' });
    });

    it('checks a change against the current values (calling hours, schedule) and refuses it whole', async () => {
      const c = await created(tenant, {
        name: 'Window',
        calling_hours_start: '10:00',
        calling_hours_end: '12:00',
        schedule_start: '2030-01-10T00:00:00Z',
      });
      const before = await stored(tenant.id);
      expectValidation(await patch(tenant, c.id, { name: 'Renamed', calling_hours_end: '09:30' }), [
        'calling_hours_end',
      ]);
      expectValidation(await patch(tenant, c.id, { schedule_end: '2030-01-01T00:00:00Z' }), ['schedule_end']);
      expectValidation(await patch(tenant, c.id, { name: null }), ['name']);
      expectValidation(await patch(tenant, c.id, { dialing_mode: null }), ['dialing_mode']);
      expectValidation(await patch(tenant, c.id, { lead_ids: [randomUUID()] }), ['lead_ids']);
      expectValidation(
        await patch(tenant, c.id, { steps: [{ type: 'SMS', content: '{{unknown_thing}}' }] }),
        ['steps.0.content'],
      );
      expectValidation(await patch(tenant, c.id, { status: 'finished' }), ['status']);
      expect(await stored(tenant.id)).toEqual(before);
    });

    it('answers 404 for an unknown campaign', async () => {
      expectError(await patch(tenant, randomUUID(), { name: 'x' }), 404, 'NOT_FOUND', 'Campaign not found');
    });
  });

  describe('DELETE /api/campaigns/:id', () => {
    it('archives a draft: it leaves the list, GET still answers it; a second DELETE is the same', async () => {
      const t = await createTenant(api.http);
      const c = await created(t, SEED_000);
      const res = await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: c.id,
        status: 'draft',
        archived_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      expect((await api.http.get('/api/campaigns').set(t.admin.headers)).body.meta.total).toBe(0);
      expect((await get(t, c.id)).body.data.archived_at).toBe(res.body.data.archived_at);
      const again = await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers);
      expect(again.status).toBe(200);
      expect(again.body.data.archived_at).toBe(res.body.data.archived_at);
    });

    it('cancels an active campaign first: its unfinished enrollments stop; then nothing more happens to it', async () => {
      const t = await createTenant(api.http);
      const l1 = await lead(t, { first_name: 'A', email: 'a@example.com' });
      const l2 = await lead(t, { first_name: 'B', email: 'b@example.com' });
      const c = await created(t, { name: 'Run', template: 'Hi', leadIds: [l1, l2] });
      expect((await api.http.post(`/api/campaigns/${c.id}/start`).set(t.admin.headers)).status).toBe(200);
      await db.query(
        `UPDATE campaign_enrollments SET status = 'replied' WHERE tenant_id = $1 AND lead_id = $2`,
        [t.id, l2],
      );
      const res = await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        status: 'cancelled',
        cancelled_at: expect.stringMatching(ISO_TIMESTAMP),
        archived_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      const rows = await db.query(
        'SELECT lead_id, status, stop_reason FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id',
        [t.id, c.id],
      );
      expect(rows).toEqual(
        [
          { lead_id: l1, status: 'stopped', stop_reason: 'cancelled' },
          { lead_id: l2, status: 'replied', stop_reason: null },
        ].sort((x, y) => x.lead_id.localeCompare(y.lead_id)),
      );
      const before = await stored(t.id);
      for (const action of ['start', 'resume', 'send']) {
        const refused = await api.http.post(`/api/campaigns/${c.id}/${action}`).set(t.admin.headers);
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({ code: 'CONFLICT', details: { from: 'cancelled' } });
      }
      const edit = await patch(t, c.id, { name: 'Back' });
      expect(edit.status).toBe(409);
      expect(edit.body.error).toMatchObject({ code: 'CONFLICT', message: 'The campaign is archived' });
      expect(await stored(t.id)).toEqual(before);
    });

    it("empties the tenant's send lines as a cancel does: the other campaigns' sends do not wait behind its turns", async () => {
      const t = await createTenant(api.http);
      const l1 = await lead(t, { first_name: 'A', email: 'a@example.com' });
      const c = await created(t, { name: 'Backlog', template: 'Hi', leadIds: [l1] });
      expect((await api.http.post(`/api/campaigns/${c.id}/start`).set(t.admin.headers)).status).toBe(200);
      // A turn its backlog holds in the tenant's email line, a minute away (the line is a sorted set of turns).
      const line = api.app.get(AppConfig).redisKey('send-line', 'email', t.id);
      const redis = api.app.get<Redis>(REDIS);
      await redis.zadd(line, Date.now() + 60_000, 'backlog');
      expect(await redis.exists(line)).toBe(1);

      expect((await api.http.delete(`/api/campaigns/${c.id}`).set(t.admin.headers)).status).toBe(200);
      expect(await redis.exists(line)).toBe(0);
    });
  });

  describe('roles', () => {
    it('an agent reads campaigns but every write is 403 and changes nothing', async () => {
      const t = await createTenant(api.http);
      const agent = await createUser(api.http, t, 'agent');
      const c = await created(t, SEED_000);
      expect((await api.http.get('/api/campaigns').set(agent.headers)).status).toBe(200);
      expect((await get(agent, c.id)).status).toBe(200);
      const before = await stored(t.id);
      const writes = [
        api.http.post('/api/campaigns').set(agent.headers).send(SEED_000),
        api.http.patch(`/api/campaigns/${c.id}`).set(agent.headers).send({ name: 'x' }),
        api.http.put(`/api/campaigns/${c.id}`).set(agent.headers).send({ name: 'x' }),
        api.http.delete(`/api/campaigns/${c.id}`).set(agent.headers),
        ...['start', 'launch', 'send', 'pause', 'resume', 'cancel'].map((a) =>
          api.http.post(`/api/campaigns/${c.id}/${a}`).set(agent.headers),
        ),
        api.http.post(`/api/campaigns/${c.id}/leads`).set(agent.headers).send({ target_filter: 'ALL' }),
        api.http.get(`/api/campaigns/${c.id}/leads`).set(agent.headers),
      ];
      for (const res of await Promise.all(writes)) expectError(res, 403, 'AUTHORIZATION_FAILED');
      expect(await stored(t.id)).toEqual(before);
    });

    it('a manager does everything', async () => {
      const manager = await createUser(api.http, tenant, 'manager');
      const c = await created(manager, { name: 'By a manager', steps: [{ type: 'SMS', content: 'x' }] });
      expect(c.created_by).toBe(manager.id);
      expect((await patch(manager, c.id, { name: 'Renamed' })).status).toBe(200);
      expect((await api.http.post(`/api/campaigns/${c.id}/start`).set(manager.headers)).status).toBe(200);
      expect((await api.http.delete(`/api/campaigns/${c.id}`).set(manager.headers)).status).toBe(200);
    });

    it('without credentials: 401', async () => {
      expectError(await api.http.get('/api/campaigns'), 401, 'AUTHENTICATION_REQUIRED');
    });
  });
});
