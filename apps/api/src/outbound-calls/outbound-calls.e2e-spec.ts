import {
  countRows,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  insertCallRow,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Voice broadcasts (issue 6 item 9; seed 003 "Outbound Calls"): POST makes, in one transaction, a campaign with one
 * CALL step that plays a message, a lead per number and their enrollment, and starts it; GET lists them with
 * their call totals.
 */

type Json = Record<string, unknown>;
const NOW = '2025-01-23T09:00:00.000Z';
const LATER = '2025-01-24T10:00:00.000Z';
const A = '+14155552671';
const B = '+14155552672';
const C = '+14155552673';

describe('outbound calls (e2e)', () => {
  const api = useTestApi();
  beforeEach(() => api.clock.set(NOW));

  async function usTenant(): Promise<TestTenant> {
    const tenant = await createTenant(api.http);
    await api.http.patch('/api/tenant').set(tenant.admin.headers).send({ default_country: 'US' }).expect(200);
    return tenant;
  }

  const post = (tenant: TestTenant, body: Json, headers = tenant.admin.headers) =>
    api.http.post('/api/outbound-calls').set(headers).send(body);

  async function created(tenant: TestTenant, body: Json): Promise<Json> {
    const res = await post(tenant, body);
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({
      status: 201,
      body: 'ok',
    });
    return res.body.data as Json;
  }

  async function listed(tenant: TestTenant, query = '', headers = tenant.admin.headers) {
    const res = await api.http.get(`/api/outbound-calls${query ? `?${query}` : ''}`).set(headers);
    expect(res.status).toBe(200);
    return res.body as { data: Json[]; meta: Json };
  }

  /** Everything a broadcast could have written, to show that a refused one wrote nothing. */
  async function footprint(tenant: TestTenant) {
    const n = (table: string) => countRows(api.db, table, 'tenant_id = $1', [tenant.id]);
    return {
      campaigns: await n('campaigns'),
      steps: await n('campaign_steps'),
      enrollments: await n('campaign_enrollments'),
      leads: await n('leads'),
      identities: await n('lead_identities'),
    };
  }

  const leadsOf = (tenant: TestTenant) =>
    api.db.query(
      `SELECT id, phone, phone_normalized, source, country FROM leads WHERE tenant_id = $1 ORDER BY phone_normalized`,
      [tenant.id],
    ) as Promise<Json[]>;

  describe('POST /api/outbound-calls', () => {
    it("creates seed 003's broadcast: a scheduled campaign with one play_message CALL step, a lead per number, enrolled", async () => {
      const tenant = await usTenant();
      const data = await created(tenant, {
        campaignName: 'Follow-up Calls',
        phoneNumbers: [A, '(415) 555-2672'],
        message: 'This is a follow-up call regarding your recent visit.',
        scheduledTime: LATER,
      });
      expect(data).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        campaign_name: 'Follow-up Calls',
        status: 'scheduled',
        total_calls: 0,
        completed_calls: 0,
        success_rate: 0,
        total_numbers: 2,
        message: 'This is a follow-up call regarding your recent visit.',
        audio_url: null,
        caller_id: null,
        scheduled_time: LATER,
        started_at: null,
        created_at: expect.any(String),
        numbers_received: 2,
        numbers_unique: 2,
        leads_created: 2,
        enrollment: {
          enrolled: 2,
          already_enrolled: 0,
          skipped: { do_not_contact: 0, opted_out: 0, no_address: 0, archived: 0, not_found: 0 },
        },
        queued: 2,
      });
      const campaign = await api.http.get(`/api/campaigns/${data.id}`).set(tenant.admin.headers);
      expect(campaign.body.data).toMatchObject({
        name: 'Follow-up Calls',
        status: 'scheduled',
        schedule_start: LATER,
        steps: [
          expect.objectContaining({
            type: 'CALL',
            content: 'This is a follow-up call regarding your recent visit.',
            options: { call_mode: 'play_message' },
          }),
        ],
        stats: { total_leads: 2, by_status: expect.objectContaining({ pending: 2 }) },
      });
      const leads = await leadsOf(tenant);
      expect(leads.map((l) => [l.phone, l.phone_normalized, l.source, l.country])).toEqual([
        [A, A, 'outbound_call', 'US'],
        ['(415) 555-2672', B, 'outbound_call', 'US'],
      ]);
      const enrollments = await api.db.query(
        `SELECT lead_id, status, next_action_at FROM campaign_enrollments WHERE tenant_id = $1 ORDER BY lead_id`,
        [tenant.id],
      );
      expect(enrollments).toEqual(
        leads
          .map((l) => ({ lead_id: l.id, status: 'pending', next_action_at: new Date(LATER) }))
          .sort((x, y) => String(x.lead_id).localeCompare(String(y.lead_id))),
      );
      expect(
        await countRows(api.db, 'lead_identities', 'tenant_id = $1 AND channel = $2', [tenant.id, 'phone']),
      ).toBe(2);
    });

    it('starts at once without a scheduled time, reusing the lead a number already has: one lead per number', async () => {
      const tenant = await usTenant();
      const existing = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .send({ first_name: 'Sara', phone: A });
      expect(existing.status).toBe(201);
      const first = await created(tenant, {
        campaign_name: 'Reminders',
        phone_numbers: ['415.555.2671', B, '+1 415 555 2672', C],
        audio_url: 'https://example.com/reminder.mp3',
        caller_id: '(415) 555-1234',
      });
      expect(first).toMatchObject({
        status: 'active',
        started_at: NOW,
        scheduled_time: null,
        message: null,
        audio_url: 'https://example.com/reminder.mp3',
        caller_id: '+14155551234',
        numbers_received: 4,
        numbers_unique: 3,
        leads_created: 2,
        enrollment: { enrolled: 3 },
        queued: 3,
        total_numbers: 3,
      });
      const steps = await api.db.query('SELECT content, options FROM campaign_steps WHERE campaign_id = $1', [
        first.id,
      ]);
      expect(steps).toEqual([
        {
          content: null,
          options: { call_mode: 'play_message', audio_url: 'https://example.com/reminder.mp3' },
        },
      ]);
      const before = await leadsOf(tenant);
      expect(before.map((l) => l.phone_normalized)).toEqual([A, B, C]);
      expect(before[0].id).toBe(existing.body.data.id);

      // A second broadcast to the same numbers makes no lead.
      const again = await created(tenant, {
        campaign_name: 'Again',
        phone_numbers: [C, A],
        message: 'Hi again',
      });
      expect(again).toMatchObject({ leads_created: 0, enrollment: { enrolled: 2 } });
      expect(await leadsOf(tenant)).toEqual(before);
      // The same numbers in another tenant are that tenant's own leads.
      const other = await usTenant();
      expect(
        await created(other, { campaign_name: 'Theirs', phone_numbers: [A], message: 'Hi' }),
      ).toMatchObject({
        leads_created: 1,
      });
      expect(await leadsOf(tenant)).toEqual(before);
    });

    it('skips numbers on the do-not-contact list: no lead is made for a new one, an opted-out lead is not enrolled', async () => {
      const tenant = await usTenant();
      for (const body of [
        { phone: A, channel: 'all' },
        { phone: B, channel: 'voice' },
      ]) {
        expect((await api.http.post('/api/dnc').set(tenant.admin.headers).send(body)).status).toBe(201);
      }
      const data = await created(tenant, {
        campaign_name: 'Polite',
        phone_numbers: [A, B, C],
        message: 'Hello',
      });
      expect(data).toMatchObject({ numbers_unique: 3, leads_created: 2, enrollment: { enrolled: 1 } });
      const skipped = (data.enrollment as { skipped: Record<string, number> }).skipped;
      expect(skipped.do_not_contact).toBeGreaterThanOrEqual(1);
      expect(Object.values(skipped).reduce((a, b) => a + b, 0)).toBe(2);
      expect((await leadsOf(tenant)).map((l) => l.phone_normalized)).toEqual([B, C]);
    });

    it('refuses the whole request when any number is bad, listing each, and makes nothing', async () => {
      const tenant = await usTenant();
      const before = await footprint(tenant);
      const res = await post(tenant, {
        campaignName: 'Follow-up Calls',
        phoneNumbers: [A, '12345', B, 'call me', '+1234567890'],
        message: 'Hello',
      });
      expectValidation(res, ['phone_numbers.1', 'phone_numbers.3', 'phone_numbers.4']);
      expect(res.body.error.details).toEqual([
        { field: 'phone_numbers.1', reason: expect.stringContaining('"12345"') },
        { field: 'phone_numbers.3', reason: expect.stringContaining('"call me"') },
        { field: 'phone_numbers.4', reason: expect.stringContaining('"+1234567890"') },
      ]);
      expect(await footprint(tenant)).toEqual(before);
    });

    it.each([
      ['no campaign name', { phone_numbers: [A], message: 'Hi' }, ['campaign_name']],
      ['a blank campaign name', { campaign_name: ' ', phone_numbers: [A], message: 'Hi' }, ['campaign_name']],
      ['no numbers', { campaign_name: 'x', message: 'Hi' }, ['phone_numbers']],
      [
        'an empty list of numbers',
        { campaign_name: 'x', phone_numbers: [], message: 'Hi' },
        ['phone_numbers'],
      ],
      [
        'numbers that are no list',
        { campaign_name: 'x', phone_numbers: A, message: 'Hi' },
        ['phone_numbers'],
      ],
      ['neither message nor audio_url', { campaign_name: 'x', phone_numbers: [A] }, ['message']],
      [
        'both message and audio_url',
        { campaign_name: 'x', phone_numbers: [A], message: 'Hi', audio_url: 'https://example.com/a.mp3' },
        ['audio_url'],
      ],
      [
        'an audio_url that is no http URL',
        { campaign_name: 'x', phone_numbers: [A], audio_url: 'file:///etc/passwd' },
        ['audio_url'],
      ],
      [
        'a scheduled time in the past',
        { campaign_name: 'x', phone_numbers: [A], message: 'Hi', scheduledTime: '2025-01-23T08:00:00Z' },
        ['scheduled_time'],
      ],
      [
        'a scheduled time that is no date',
        { campaign_name: 'x', phone_numbers: [A], message: 'Hi', scheduled_time: 'tomorrow' },
        ['scheduled_time'],
      ],
      [
        'a caller id that is no number',
        { campaign_name: 'x', phone_numbers: [A], message: 'Hi', caller_id: 'ACME' },
        ['caller_id'],
      ],
      [
        'a message naming an unknown field',
        { campaign_name: 'x', phone_numbers: [A], message: 'Hi {{shoe_size}}' },
        ['message'],
      ],
      ['an unknown field', { campaign_name: 'x', phone_numbers: [A], message: 'Hi', volume: 11 }, ['volume']],
    ])('refuses %s (400) and makes nothing', async (_what, body, fields) => {
      const tenant = await usTenant();
      const before = await footprint(tenant);
      expectValidation(await post(tenant, body), fields);
      expect(await footprint(tenant)).toEqual(before);
    });

    it('takes a scheduled time a little in the past as now, and a message naming lead fields', async () => {
      const tenant = await usTenant();
      const data = await created(tenant, {
        campaign_name: 'x',
        phone_numbers: [A],
        message: 'Hi {{first_name|there}}',
        scheduled_time: '2025-01-23T08:57:00Z',
      });
      expect(data).toMatchObject({ status: 'active', scheduled_time: null });
    });

    it("makes a new number's lead opted out of the channels its do-not-contact entries name", async () => {
      const tenant = await usTenant();
      for (const body of [
        { phone: B, channel: 'voice' },
        { phone: B, channel: 'sms' },
        { phone: C, channel: 'email' },
      ]) {
        expect((await api.http.post('/api/dnc').set(tenant.admin.headers).send(body)).status).toBe(201);
      }
      const data = await created(tenant, { campaign_name: 'Flags', phone_numbers: [A, B, C], message: 'Hi' });
      expect(data).toMatchObject({ leads_created: 3, enrollment: { enrolled: 2 } });
      const flags = await api.db.query(
        `SELECT phone_normalized, do_not_call, opted_out_channels FROM leads WHERE tenant_id = $1
          ORDER BY phone_normalized`,
        [tenant.id],
      );
      expect(flags).toEqual([
        { phone_normalized: A, do_not_call: false, opted_out_channels: [] },
        { phone_normalized: B, do_not_call: false, opted_out_channels: ['sms', 'voice'] },
        { phone_normalized: C, do_not_call: false, opted_out_channels: ['email'] },
      ]);
    });

    it('writes the leads of thousands of new numbers in one statement each for leads and identities, none per number or chunk', async () => {
      const tenant = await usTenant();
      const numbers = Array.from({ length: 4_001 }, (_, i) => `+1212${String(5_000_000 + i)}`);
      const writes: string[] = [];
      const realQuery = PostgresQueryRunner.prototype.query;
      const query = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
        this: PostgresQueryRunner,
        ...args: Parameters<typeof realQuery>
      ) {
        const write = /\b(INSERT INTO|UPDATE)\s+"?(leads|lead_identities)"?[\s(]/i.exec(args[0]);
        if (write) writes.push(`${write[1].toUpperCase()} ${write[2]}`);
        return realQuery.apply(this, args);
      });
      try {
        const data = await created(tenant, { campaign_name: 'Big', phone_numbers: numbers, message: 'Hi' });
        expect(data).toMatchObject({
          numbers_unique: 4_001,
          leads_created: 4_001,
          enrollment: { enrolled: 4_001 },
        });
      } finally {
        query.mockRestore();
      }
      expect(writes).toEqual(['INSERT INTO leads', 'INSERT INTO lead_identities']);
      expect(await footprint(tenant)).toMatchObject({ leads: 4_001, identities: 4_001, enrollments: 4_001 });
    });

    it('needs the manager role', async () => {
      const tenant = await usTenant();
      const agent = await createUser(api.http, tenant, 'agent');
      const before = await footprint(tenant);
      expectError(
        await post(tenant, { campaign_name: 'x', phone_numbers: [A], message: 'Hi' }, agent.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await footprint(tenant)).toEqual(before);
      const manager = await createUser(api.http, tenant, 'manager');
      expect(
        (await post(tenant, { campaign_name: 'x', phone_numbers: [A], message: 'Hi' }, manager.headers))
          .status,
      ).toBe(201);
    });
  });

  describe('GET /api/outbound-calls', () => {
    it('lists broadcast campaigns newest first with their call totals and success rate; other campaigns are left out', async () => {
      const tenant = await usTenant();
      const first = await created(tenant, {
        campaign_name: 'Reminders',
        phone_numbers: [A, B, C],
        message: 'Hi',
      });
      api.clock.set('2025-01-23T09:05:00Z');
      const second = await created(tenant, {
        campaign_name: 'Later',
        phone_numbers: [A],
        audio_url: 'https://example.com/a.mp3',
        scheduled_time: LATER,
      });
      // A campaign that is no broadcast, and an archived broadcast.
      await api.http
        .post('/api/campaigns')
        .set(tenant.admin.headers)
        .send({ name: 'Texts', steps: [{ type: 'SMS', content: 'Hi' }] })
        .expect(201);
      const archived = await created(tenant, { campaign_name: 'Gone', phone_numbers: [B], message: 'Hi' });
      await api.http.delete(`/api/campaigns/${archived.id}`).set(tenant.admin.headers).expect(200);

      const campaignId = first.id as string;
      const ended = (disposition: string) => ({
        kind: 'broadcast' as const,
        campaign_id: campaignId,
        disposition,
        end_time: '2025-01-23T09:01:00Z',
      });
      await insertCallRow(api.db, tenant.id, { ...ended('answered'), answered_by: 'human' });
      await insertCallRow(api.db, tenant.id, { ...ended('voicemail'), answered_by: 'machine_end_beep' });
      await insertCallRow(api.db, tenant.id, { ...ended('no_answer'), status: 'no-answer' });
      await insertCallRow(api.db, tenant.id, {
        kind: 'broadcast',
        campaign_id: campaignId,
        status: 'ringing',
      });

      const body = await listed(tenant);
      expect(body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
      expect(body.data.map((b) => b.id)).toEqual([second.id, first.id]);
      expect(body.data[1]).toEqual({
        id: campaignId,
        campaign_name: 'Reminders',
        status: 'active',
        total_calls: 4,
        completed_calls: 2,
        success_rate: 66.7,
        total_numbers: 3,
        message: 'Hi',
        audio_url: null,
        caller_id: null,
        scheduled_time: null,
        started_at: NOW,
        created_at: first.created_at,
      });
      expect(body.data[0]).toMatchObject({
        campaign_name: 'Later',
        status: 'scheduled',
        audio_url: 'https://example.com/a.mp3',
        total_calls: 0,
        success_rate: 0,
      });
      expect((await listed(tenant, 'status=scheduled')).data.map((b) => b.id)).toEqual([second.id]);
      expect(await listed(tenant, 'page=2&limit=1')).toMatchObject({
        data: [{ id: first.id }],
        meta: { total: 2, limit: 1, offset: 1 },
      });
      const agent = await createUser(api.http, tenant, 'agent');
      expect((await listed(tenant, '', agent.headers)).meta).toMatchObject({ total: 2 });

      const other = await usTenant();
      expect(await listed(other)).toEqual({
        success: true,
        data: [],
        meta: { total: 0, limit: 50, offset: 0 },
      });
      expectValidation(await api.http.get('/api/outbound-calls?status=busy').set(tenant.admin.headers), [
        'status',
      ]);
    });

    it("GET /api/outbound-calls/:id answers one as the list does; an archived one, a dialer campaign, another tenant's and a bad id are 404", async () => {
      const tenant = await usTenant();
      const broadcast = await created(tenant, { campaign_name: 'One', phone_numbers: [A, B], message: 'Hi' });
      await insertCallRow(api.db, tenant.id, {
        kind: 'broadcast',
        campaign_id: broadcast.id as string,
        disposition: 'answered',
        end_time: '2025-01-23T09:01:00Z',
      });
      const one = await api.http.get(`/api/outbound-calls/${broadcast.id}`).set(tenant.admin.headers);
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual((await listed(tenant)).data[0]);
      expect(one.body.data).toMatchObject({ total_calls: 1, completed_calls: 1, success_rate: 100 });
      const agent = await createUser(api.http, tenant, 'agent');
      expect((await api.http.get(`/api/outbound-calls/${broadcast.id}`).set(agent.headers)).status).toBe(200);

      // Both a message and an agent: a dialer campaign, in neither the list nor this route.
      const mixed = await api.http
        .post('/api/campaigns')
        .set(tenant.admin.headers)
        .send({
          name: 'Mixed',
          steps: [
            { type: 'CALL', content: 'Hi', options: { call_mode: 'play_message' } },
            { type: 'CALL', content: 'Ask about the visit', options: { call_mode: 'connect_agent' } },
          ],
        });
      expect(mixed.status).toBe(201);
      const archived = await created(tenant, { campaign_name: 'Gone', phone_numbers: [C], message: 'Hi' });
      await api.http.delete(`/api/campaigns/${archived.id}`).set(tenant.admin.headers).expect(200);
      const other = await usTenant();
      for (const [id, headers] of [
        [mixed.body.data.id, tenant.admin.headers],
        [archived.id, tenant.admin.headers],
        [broadcast.id, other.admin.headers],
        ['not-a-uuid', tenant.admin.headers],
      ] as const) {
        expectError(await api.http.get(`/api/outbound-calls/${id}`).set(headers), 404, 'NOT_FOUND');
      }
      expect((await listed(tenant)).data.map((b) => b.id)).toEqual([broadcast.id]);
    });
  });
});
