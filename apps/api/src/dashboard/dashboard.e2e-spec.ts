import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  insertCallRow,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { AnalyticsFixture } from '../campaign-analytics/campaign-analytics.fixture';

/** 15:30 in New York on Monday 30 November 2026: the tenant's today began at 05:00Z. */
const NOW = '2026-11-30T20:30:00.000Z';

/**
 * The dashboards (seeds 003 and 004) from data with known figures, on a New York tenant's clock: today is its day
 * so far, compared with the same hours of yesterday; charts bucket by its hours and days.
 */
describe('dashboards (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    api.clock.set(NOW);
    t = await createTenant(api.http);
    await api.db.query(`UPDATE tenants SET timezone = 'America/New_York' WHERE id = $1`, [t.id]);
    const f = new AnalyticsFixture(api.db, t.id);
    const c = await f.campaign({
      name: 'C',
      status: 'active',
      started_at: '2026-11-01T00:00:00Z',
      steps: ['WHATSAPP'],
    });
    for (const key of ['A', 'B', 'C', 'D'])
      await f.enroll(
        c,
        { key, first_name: key, enrollment: { status: 'in_progress' } },
        '2026-11-01T00:00:00Z',
      );
    const lead = async (key: string, fields: Record<string, unknown>) =>
      api.db.query(
        `UPDATE leads SET status = $2, value = $3, source = $4, created_at = $5, archived_at = $6 WHERE id = $1`,
        [
          f.leads.get(key),
          fields.status,
          fields.value ?? null,
          fields.source ?? null,
          fields.created_at,
          fields.archived_at ?? null,
        ],
      );
    await lead('A', {
      status: 'converted',
      value: 1000,
      source: 'website',
      created_at: '2026-11-05T12:00:00Z',
    });
    await lead('B', { status: 'qualified', source: 'referral', created_at: '2026-10-20T12:00:00Z' });
    await lead('C', { status: 'new', created_at: '2026-11-20T12:00:00Z' });
    await lead('D', { status: 'converted', value: 99, created_at: '2026-11-21T12:00:00Z', archived_at: NOW });

    // Today: A on WhatsApp answered 5 minutes after writing; B on SMS not answered.
    await f.outbound(c, {
      lead: 'A',
      step: 0,
      channel: 'whatsapp',
      status: 'delivered',
      at: '2026-11-30T14:00:00Z',
    });
    await f.inbound({ lead: 'A', channel: 'whatsapp', at: '2026-11-30T14:10:00Z', content: 'Tell me more' });
    await f.outbound(c, {
      lead: 'A',
      step: null,
      channel: 'whatsapp',
      status: 'sent',
      at: '2026-11-30T14:15:00Z',
    });
    await f.outbound(c, {
      lead: 'B',
      step: null,
      channel: 'sms',
      status: 'delivered',
      at: '2026-11-30T15:00:00Z',
    });
    await f.inbound({ lead: 'B', channel: 'sms', at: '2026-11-30T16:00:00Z', content: 'Who is this?' });
    // Yesterday: an email within today's hours so far, a WhatsApp reply after them; a telegram two months ago.
    await f.outbound(c, {
      lead: 'C',
      step: null,
      channel: 'email',
      status: 'sent',
      at: '2026-11-29T15:00:00Z',
    });
    await f.inbound({ lead: 'C', channel: 'whatsapp', at: '2026-11-29T22:00:00Z', content: 'Later' });
    await f.outbound(c, {
      lead: 'A',
      step: null,
      channel: 'telegram',
      status: 'sent',
      at: '2026-10-01T15:00:00Z',
    });

    const call = (created_at: string, duration: number, kind: 'dialer' | 'agent_leg' = 'dialer') =>
      insertCallRow(api.db, t.id, { kind, created_at, duration });
    await call('2026-11-30T15:05:00Z', 300);
    await call('2026-11-30T15:05:00Z', 300, 'agent_leg');
    await call('2026-11-30T15:40:00Z', 180);
    await call('2026-11-30T19:10:00Z', 0);
    await call('2026-11-29T14:00:00Z', 120);
    await call('2026-11-29T21:00:00Z', 60);

    // Appointments of the tenant's whole day: 09:00 and 23:30 today, a Lisbon one at 02:00 tomorrow there (21:00
    // today in New York); one cancelled today, one yesterday, one tomorrow.
    const book = async (date: string, time: string, extra: Record<string, unknown> = {}) => {
      const res = await api.http
        .post('/api/appointments')
        .set(t.admin.headers)
        .send({ patient_name: 'P', appointment_date: date, appointment_time: time, ...extra });
      if (res.status !== 201) throw new Error(`POST /api/appointments answered ${res.status}`);
      return res.body.data.id as string;
    };
    await book('2026-11-30', '09:00');
    await book('2026-11-30', '23:30');
    await book('2026-12-01', '02:00', { timezone: 'Europe/Lisbon' });
    const cancelled = await book('2026-11-30', '12:00');
    await api.http.delete(`/api/appointments/${cancelled}`).set(t.admin.headers).expect(200);
    await book('2026-11-29', '10:00');
    await book('2026-12-01', '09:00');
  }, 60_000);

  const get = (path: string, tenant = t) =>
    api.http
      .get(`/api${path}`)
      .set(tenant.admin.headers)
      .expect(200)
      .then((r) => r.body.data);

  it("GET /api/dashboard/stats: today's figures against the same hours of yesterday", async () => {
    expect(await get('/dashboard/stats')).toEqual({
      todays_calls: { value: 3, change: 200, trend: 'up' },
      whatsapp_messages: { value: 3, change: null, trend: 'up' },
      messages: { value: 5, change: 400, trend: 'up' },
      active_conversations: { value: 2, change: 100, trend: 'up' },
      appointments: { value: 3, change: 200, trend: 'up' },
    });
  });

  it('GET /api/dashboard/call-volume: per hour of the tenant day, or per day', async () => {
    const today = await get('/dashboard/call-volume');
    expect(today.labels).toHaveLength(16);
    expect(today.labels[0]).toBe('00:00');
    expect(today.labels[15]).toBe('15:00');
    const at = (hour: string) => today.labels.indexOf(hour);
    expect(today.values.reduce((a: number, b: number) => a + b, 0)).toBe(3);
    expect([today.values[at('10:00')], today.avg_duration[at('10:00')]]).toEqual([2, 4]);
    expect([today.values[at('14:00')], today.avg_duration[at('14:00')]]).toEqual([1, null]);

    const week = await get('/dashboard/call-volume?period=week');
    expect(week).toEqual({
      period: 'week',
      labels: [
        '2026-11-24',
        '2026-11-25',
        '2026-11-26',
        '2026-11-27',
        '2026-11-28',
        '2026-11-29',
        '2026-11-30',
      ],
      values: [0, 0, 0, 0, 0, 2, 3],
      avg_duration: [null, null, null, null, null, 1.5, 4],
    });
    expect((await get('/dashboard/call-volume?period=month')).labels).toHaveLength(30);
    expect(await get('/dashboard/call-volume?period=Week')).toEqual(week);
  });

  it('GET /api/dashboard/message-distribution: messages per channel in the period', async () => {
    expect(await get('/dashboard/message-distribution')).toEqual([
      { name: 'WhatsApp', channel: 'whatsapp', value: 4, percent: 57.1, color: '#25D366' },
      { name: 'SMS', channel: 'sms', value: 2, percent: 28.6, color: '#007ACC' },
      { name: 'Telegram', channel: 'telegram', value: 0, percent: 0, color: '#0088CC' },
      { name: 'Email', channel: 'email', value: 1, percent: 14.3, color: '#EA4335' },
    ]);
    const year = await get('/dashboard/message-distribution?period=year');
    expect(year.find((c: { channel: string }) => c.channel === 'telegram').value).toBe(1);
  });

  it("GET /api/analytics/overview: the period's calls, messages and response time", async () => {
    expect(await get('/analytics/overview')).toEqual({
      period: 'month',
      total_calls: 5,
      total_messages: 7,
      total_appointments: 4,
      inbound_messages: 3,
      outbound_messages: 4,
      average_response_seconds: 300,
      average_response_time: '5 minutes',
      customer_satisfaction: null,
    });
    expect(await get('/analytics/overview?period=today')).toMatchObject({
      total_calls: 3,
      total_messages: 5,
      total_appointments: 3,
    });
    expect(await get('/analytics/overview?period=year')).toMatchObject({ total_messages: 8 });
    expect(await get('/analytics/overview?period=YEAR')).toMatchObject({ period: 'year', total_messages: 8 });
  });

  it("GET /api/analytics/overview: a response is a person's or the AI's, not the next step or a confirmation the platform sent", async () => {
    const team = await createTenant(api.http);
    const f = new AnalyticsFixture(api.db, team.id);
    const c = await f.campaign({ name: 'R', status: 'active', steps: ['WHATSAPP'] });
    await f.enroll(
      c,
      { key: 'E', first_name: 'E', enrollment: { status: 'in_progress' } },
      '2026-11-01T00:00:00Z',
    );
    await f.inbound({ lead: 'E', channel: 'whatsapp', at: '2026-11-30T10:00:00Z', content: 'Price?' });
    // The campaign's next step (sender system) goes 2 s later; the agent answers after 10 minutes.
    await f.outbound(c, {
      lead: 'E',
      step: 0,
      channel: 'whatsapp',
      status: 'sent',
      at: '2026-11-30T10:00:02Z',
    });
    await f.outbound(c, {
      lead: 'E',
      step: null,
      channel: 'whatsapp',
      status: 'sent',
      at: '2026-11-30T10:10:00Z',
    });
    expect(await get('/analytics/overview', team)).toMatchObject({
      average_response_seconds: 600,
      average_response_time: '10 minutes',
    });
  });

  it('GET /api/analytics/overview: a wait is timed from the first message the lead wrote, once however often they wrote', async () => {
    const team = await createTenant(api.http);
    const f = new AnalyticsFixture(api.db, team.id);
    const c = await f.campaign({ name: 'W', status: 'active', steps: ['WHATSAPP'] });
    for (const key of ['F', 'G'])
      await f.enroll(
        c,
        { key, first_name: key, enrollment: { status: 'in_progress' } },
        '2026-11-01T00:00:00Z',
      );
    const answer = (lead: string, at: string) =>
      f.outbound(c, { lead, step: null, channel: 'whatsapp', status: 'sent', at });
    // F writes at 09:00, again at 09:55, and is answered at 10:00: F waited an hour, once.
    await f.inbound({ lead: 'F', channel: 'whatsapp', at: '2026-11-30T09:00:00Z', content: 'Hi' });
    await f.inbound({ lead: 'F', channel: 'whatsapp', at: '2026-11-30T09:55:00Z', content: 'Hello??' });
    await answer('F', '2026-11-30T10:00:00Z');
    // F writes again after the answer: a new wait of 3 minutes. G waits 2 minutes.
    await f.inbound({
      lead: 'F',
      channel: 'whatsapp',
      at: '2026-11-30T10:30:00Z',
      content: 'Thanks, and the price?',
    });
    await answer('F', '2026-11-30T10:33:00Z');
    await f.inbound({
      lead: 'G',
      channel: 'whatsapp',
      at: '2026-11-30T11:00:00Z',
      content: 'Open on Sunday?',
    });
    await answer('G', '2026-11-30T11:02:00Z');
    // (3600 + 180 + 120) / 3 waits
    expect(await get('/analytics/overview', team)).toMatchObject({
      inbound_messages: 4,
      average_response_seconds: 1300,
      average_response_time: '21.7 minutes',
    });
  });

  it('GET /api/analytics/dashboard: live leads, conversion, revenue and this month against the last', async () => {
    expect(await get('/analytics/dashboard')).toEqual({
      summary: {
        total_leads: 3,
        qualified_leads: 2,
        converted_leads: 1,
        conversion_rate: 0.3333,
        total_revenue: 1000,
        avg_deal_size: 1000,
      },
      trends: { leads_this_month: 2, leads_growth: 1, revenue_this_month: 1000, revenue_growth: null },
      source_breakdown: { referral: 33.3, unknown: 33.3, website: 33.3 },
    });
  });

  it('GET /api/analytics/dashboard: a lead that asked for a meeting is qualified, as campaign analytics counts it', async () => {
    const sales = await createTenant(api.http);
    for (const phone of ['+14155550101', '+14155550102'])
      await api.http
        .post('/api/leads')
        .set(sales.admin.headers)
        .send({ first_name: 'Lee', phone })
        .expect(201);
    // As the classifier leaves them: one asked for a meeting, one is still being worked.
    await api.db.query(
      `UPDATE leads SET created_at = '2026-11-20T12:00:00Z',
              qualification_status = CASE phone_normalized WHEN '+14155550101' THEN 'meeting_requested'
                                                           ELSE 'in_progress' END
        WHERE tenant_id = $1`,
      [sales.id],
    );
    expect((await get('/analytics/dashboard', sales)).summary).toMatchObject({
      total_leads: 2,
      qualified_leads: 1,
    });
  });

  it('GET /api/analytics/dashboard: a source counts in any case, as ?source= finds it, named as most spell it', async () => {
    const mixed = await createTenant(api.http);
    const sources = ['web', 'Web', 'web', 'Referral', '', 'WEB'];
    const created = await api.http
      .post('/api/leads')
      .set(mixed.admin.headers)
      .send(sources.map((source, i) => ({ first_name: 'Sam', phone: `+1415555${1200 + i}`, source })));
    expect(created.status).toBe(200);
    await api.db.query(`UPDATE leads SET created_at = '2026-11-20T12:00:00Z' WHERE tenant_id = $1`, [
      mixed.id,
    ]);
    expect((await get('/analytics/dashboard', mixed)).source_breakdown).toEqual({
      web: 66.7,
      Referral: 16.7,
      unknown: 16.7,
    });
    const listed = await api.http.get('/api/leads?source=web').set(mixed.admin.headers);
    expect(listed.body.meta.total).toBe(4);
  });

  it('reads a zone Postgres does not know by the name the API took (CTT: China, UTC+8) as the runtime does', async () => {
    const china = await createTenant(api.http);
    await api.db.query(`UPDATE tenants SET timezone = 'CTT' WHERE id = $1`, [china.id]);
    await insertCallRow(api.db, china.id, { created_at: '2026-11-30T16:30:00Z', duration: 60 });
    // 20:30Z is 04:30 on 1 December in China: the call at 16:30Z was at 00:30 today there.
    const today = await get('/dashboard/call-volume', china);
    expect(today.labels).toEqual(['00:00', '01:00', '02:00', '03:00', '04:00']);
    expect(today.values).toEqual([1, 0, 0, 0, 0]);
    expect((await get('/dashboard/stats', china)).todays_calls.value).toBe(1);
  });

  it('compares today with the same local hours of yesterday across a DST change (New York, 9 March 2026)', async () => {
    const ny = await createTenant(api.http);
    await api.db.query(`UPDATE tenants SET timezone = 'America/New_York' WHERE id = $1`, [ny.id]);
    // Monday 14:00 EDT; Sunday 8 March began at 05:00Z (EST) and sprang forward to EDT at 02:00.
    api.clock.set('2026-03-09T18:00:00.000Z');
    try {
      await insertCallRow(api.db, ny.id, { created_at: '2026-03-09T13:00:00Z', duration: 60 }); // today 09:00
      await insertCallRow(api.db, ny.id, { created_at: '2026-03-08T04:30:00Z', duration: 60 }); // Saturday 23:30
      await insertCallRow(api.db, ny.id, { created_at: '2026-03-08T17:30:00Z', duration: 60 }); // Sunday 13:30
      await insertCallRow(api.db, ny.id, { created_at: '2026-03-08T18:30:00Z', duration: 60 }); // Sunday 14:30
      expect((await get('/dashboard/stats', ny)).todays_calls).toEqual({
        value: 1,
        change: 0,
        trend: 'flat',
      });
    } finally {
      api.clock.set(NOW);
    }
  });

  it('puts a call in the local hour it was made on the day clocks fall back (New York, 1 November 2026)', async () => {
    const ny = await createTenant(api.http);
    await api.db.query(`UPDATE tenants SET timezone = 'America/New_York' WHERE id = $1`, [ny.id]);
    // 07:00 EST; the day began at 04:00Z (EDT), and 01:00-02:00 came twice (05:00Z EDT, then 06:00Z EST).
    api.clock.set('2026-11-01T12:00:00.000Z');
    try {
      await insertCallRow(api.db, ny.id, { created_at: '2026-11-01T04:30:00Z', duration: 60 }); // 00:30 EDT
      await insertCallRow(api.db, ny.id, { created_at: '2026-11-01T05:30:00Z', duration: 120 }); // 01:30 EDT
      await insertCallRow(api.db, ny.id, { created_at: '2026-11-01T06:30:00Z', duration: 240 }); // 01:30 EST
      await insertCallRow(api.db, ny.id, { created_at: '2026-11-01T07:30:00Z', duration: 60 }); // 02:30 EST
      const today = await get('/dashboard/call-volume', ny);
      expect(today.labels).toEqual(['00:00', '01:00', '02:00', '03:00', '04:00', '05:00', '06:00', '07:00']);
      expect(today.values).toEqual([1, 2, 1, 0, 0, 0, 0, 0]);
      expect(today.avg_duration).toEqual([1, 3, 1, null, null, null, null, null]);
    } finally {
      api.clock.set(NOW);
    }
  });

  it('leaves out a preview offer the agent has not dialed, as GET calls does: no call was made', async () => {
    const team = await createTenant(api.http);
    await api.db.query(`UPDATE tenants SET timezone = 'America/New_York' WHERE id = $1`, [team.id]);
    // Today 10:05: the pacer's offer (queued, no SID) and one its agent dialed, 300 s long.
    await insertCallRow(api.db, team.id, {
      status: 'queued',
      created_at: '2026-11-30T15:05:00Z',
      metadata: { preview: true },
    });
    await insertCallRow(api.db, team.id, {
      call_sid: `CA${'8'.repeat(32)}`,
      created_at: '2026-11-30T15:05:00Z',
      duration: 300,
      metadata: { preview: 'dialed' },
    });
    expect((await get('/dashboard/stats', team)).todays_calls).toEqual({
      value: 1,
      change: null,
      trend: 'up',
    });
    const today = await get('/dashboard/call-volume', team);
    expect([
      today.values[today.labels.indexOf('10:00')],
      today.avg_duration[today.labels.indexOf('10:00')],
    ]).toEqual([1, 5]);
    expect((await get('/dashboard/call-volume?period=week', team)).values).toEqual([0, 0, 0, 0, 0, 0, 1]);
    for (const period of ['today', 'month'])
      expect(await get(`/analytics/overview?period=${period}`, team)).toMatchObject({ total_calls: 1 });
  });

  it('another tenant sees only its own (nothing); an agent may not read them (403); a bad period is 400', async () => {
    const other = await createTenant(api.http);
    expect(await get('/dashboard/stats', other)).toMatchObject({
      todays_calls: { value: 0, change: 0, trend: 'flat' },
      appointments: { value: 0, change: 0, trend: 'flat' },
    });
    expect(await get('/analytics/overview', other)).toMatchObject({
      total_calls: 0,
      total_messages: 0,
      total_appointments: 0,
    });
    expect((await get('/analytics/dashboard', other)).summary).toMatchObject({
      total_leads: 0,
      conversion_rate: 0,
    });
    expect(
      (await get('/dashboard/message-distribution', other)).map((c: { value: number }) => c.value),
    ).toEqual([0, 0, 0, 0]);
    const agent = await createUser(api.http, t, 'agent');
    for (const path of [
      '/dashboard/stats',
      '/dashboard/call-volume',
      '/analytics/overview',
      '/analytics/dashboard',
    ])
      expectError(await api.http.get(`/api${path}`).set(agent.headers), 403, 'AUTHORIZATION_FAILED');
    expectValidation(await api.http.get('/api/dashboard/call-volume?period=year').set(t.admin.headers), [
      'period',
    ]);
    expectValidation(await api.http.get('/api/analytics/overview?period=DECADE').set(t.admin.headers), [
      'period',
    ]);
  });
});
