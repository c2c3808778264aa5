import { randomUUID } from 'node:crypto';
import { CampaignProgress } from '@app/domain';
import {
  connectLiveClient,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  getBytes,
  TestTenant,
  TestUser,
  useTestApi,
  waitFor,
} from '@app/testing';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { AnalyticsFixture, at, springLaunch } from './campaign-analytics.fixture';

/** Issue 5 item 7: a campaign's KPIs and funnel, and KPIs across campaigns, from data with known figures. */
describe('campaign analytics (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let manager: TestUser;
  let agent: TestUser;
  let spring: string;
  let autumn: string;
  let draft: string;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    agent = await createUser(api.http, tenant, 'agent');
    const f = new AnalyticsFixture(api.app.get(DataSource), tenant.id);
    spring = await springLaunch(f);
    // A second campaign in March reaching lead A by SMS: A's February message is no reply to it.
    autumn = await f.campaign({
      name: 'Autumn',
      status: 'completed',
      started_at: '2025-03-10T09:00:00Z',
      completed_at: '2025-03-12T09:00:00Z',
      steps: ['SMS'],
    });
    await f.enroll(
      autumn,
      { key: 'A', first_name: 'Ann', enrollment: { status: 'completed' } },
      '2025-03-10T08:00:00Z',
    );
    await f.outbound(autumn, {
      lead: 'A',
      step: 0,
      channel: 'sms',
      status: 'delivered',
      at: '2025-03-10T09:05:00Z',
    });
    draft = await f.campaign({ name: 'Draft', status: 'draft' });
  }, 60_000);

  const NO_CALLS = {
    calls_placed: 0,
    calls_answered: 0,
    calls_voicemail: 0,
    calls_abandoned: 0,
    calls_no_answer: 0,
    calls_busy: 0,
    calls_failed: 0,
  };
  const SPRING_KPIS = {
    total_leads: 8,
    qualified_count: 3,
    sent: 7,
    delivered: 3,
    read: 1,
    failed: 1,
    withdrawn: 0,
    unknown: 1,
    queued: 2,
    completed: 2,
    enrollments_failed: 1,
    replied: 2,
    opted_out: 2,
    reached: 4,
    open_base: 5,
    opened: 2,
    open_rate: 0.4,
    reply_rate: 0.5,
    ...NO_CALLS,
  };
  const AUTUMN_KPIS = {
    total_leads: 1,
    qualified_count: 1,
    sent: 1,
    delivered: 1,
    read: 0,
    failed: 0,
    withdrawn: 0,
    unknown: 0,
    queued: 0,
    completed: 1,
    enrollments_failed: 0,
    replied: 0,
    opted_out: 0,
    reached: 1,
    open_base: 0,
    opened: 0,
    open_rate: 0,
    reply_rate: 0,
    ...NO_CALLS,
  };
  const ZERO = {
    ...AUTUMN_KPIS,
    total_leads: 0,
    qualified_count: 0,
    sent: 0,
    delivered: 0,
    reached: 0,
    completed: 0,
  };

  it("GET /api/campaigns/:id/analytics answers seed 002's fields, every count and the funnel, exactly", async () => {
    const res = await api.http.get(`/api/campaigns/${spring}/analytics`).set(manager.headers).expect(200);
    expect(res.body).toEqual({
      success: true,
      data: {
        campaign_id: spring,
        name: 'Spring Launch',
        status: 'active',
        start_time: at(0),
        end_time: null,
        ...SPRING_KPIS,
        funnel: [
          { position: 0, type: 'WHATSAPP', sent: 4, delivered: 3, read: 1, opened: 1, replied: 1, failed: 1 },
          { position: 1, type: 'DELAY', sent: 0, delivered: 0, read: 0, opened: 0, replied: 0, failed: 0 },
          { position: 2, type: 'EMAIL', sent: 2, delivered: 0, read: 0, opened: 1, replied: 1, failed: 0 },
        ],
      },
    });
  });

  it('a lead in two campaigns: its reply and its opt-out count for the campaign that last wrote to it; scoring qualifies', async () => {
    const t = await createTenant(api.http);
    const db = api.app.get(DataSource);
    const f = new AnalyticsFixture(db, t.id);
    const winter = await f.campaign({
      name: 'Winter',
      status: 'completed',
      started_at: at(0),
      steps: ['SMS'],
    });
    const summer = await f.campaign({ name: 'Summer', status: 'active', started_at: at(24), steps: ['SMS'] });
    const pat = { key: 'P', first_name: 'Pat', opted_out_channels: ['sms'] };
    await f.enroll(winter, { ...pat, enrollment: { status: 'completed' } }, at(0));
    await f.outbound(winter, { lead: 'P', step: 0, channel: 'sms', status: 'delivered', at: at(1) });
    await f.enroll(summer, { ...pat, enrollment: { status: 'completed' } }, at(24));
    await f.outbound(summer, { lead: 'P', step: 0, channel: 'sms', status: 'delivered', at: at(25) });
    // Pat answers the summer message with a STOP (hence opted out of SMS): nothing of it is the winter campaign's.
    await f.inbound({ lead: 'P', channel: 'sms', at: at(26), content: 'STOP' });
    // Quinn, never in the winter campaign, was qualified by scoring (its lead status left at new).
    const quinn = await f.enroll(
      summer,
      { key: 'Q', first_name: 'Quinn', enrollment: { status: 'completed' } },
      at(24.5),
    );
    await db.query(`UPDATE leads SET qualification_status = 'qualified' WHERE id = $1`, [quinn]);
    await f.outbound(summer, { lead: 'Q', step: 0, channel: 'sms', status: 'delivered', at: at(25) });

    const analytics = async (id: string) =>
      (await api.http.get(`/api/campaigns/${id}/analytics`).set(t.admin.headers).expect(200)).body.data;
    expect(await analytics(winter)).toMatchObject({
      total_leads: 1,
      reached: 1,
      replied: 0,
      opted_out: 0,
      qualified_count: 0,
    });
    expect(await analytics(summer)).toMatchObject({
      total_leads: 2,
      reached: 2,
      replied: 1,
      opted_out: 1,
      qualified_count: 1,
    });
    const all = await api.http.get('/api/campaigns/analytics').set(t.admin.headers).expect(200);
    expect(all.body.data.totals).toMatchObject({ replied: 1, opted_out: 1, qualified_count: 1 });

    // The export's replied_at follows the same rule.
    const repliedAt = async (id: string) => {
      const csv = await getBytes(api.http, `/api/campaigns/${id}/export?format=csv`, t.admin.headers);
      expect(csv.status).toBe(200);
      const rows = parse((csv.body as Buffer).toString('utf8'), { columns: true, bom: true }) as {
        name: string;
        replied_at: string;
      }[];
      return rows.map((r) => [r.name, r.replied_at]);
    };
    expect(await repliedAt(winter)).toEqual([['Pat Test', '']]);
    expect(await repliedAt(summer)).toEqual([
      ['Pat Test', at(26)],
      ['Quinn Test', ''],
    ]);

    // The live totals (campaign:progress) credit the opt-out the same way.
    const live = await connectLiveClient(api.url, t.admin.token);
    try {
      const progress = api.app.get(CampaignProgress);
      const totals = async (id: string) => {
        await progress.notify(t.id, id);
        const heard = await waitFor(
          () => live.heard.find((e) => e.event === 'campaign:progress' && e.payload.campaign_id === id),
          5_000,
          'campaign:progress',
        );
        return heard.payload.totals;
      };
      expect(await totals(winter)).toMatchObject({ opted_out: 0 });
      expect(await totals(summer)).toMatchObject({ opted_out: 1 });
    } finally {
      live.socket.disconnect();
    }
  });

  it('the funnel credits a reply to the step of the last message sent before it, not to a later one that failed', async () => {
    const t = await createTenant(api.http);
    const f = new AnalyticsFixture(api.app.get(DataSource), t.id);
    const id = await f.campaign({
      name: 'Two steps',
      status: 'active',
      started_at: at(0),
      steps: ['WHATSAPP', 'EMAIL'],
    });
    await f.enroll(id, { key: 'R', first_name: 'Rae', enrollment: { status: 'replied' } }, at(0));
    await f.outbound(id, { lead: 'R', step: 0, channel: 'whatsapp', status: 'delivered', at: at(1) });
    await f.outbound(id, { lead: 'R', step: 1, channel: 'email', status: 'failed', at: at(2) });
    await f.inbound({ lead: 'R', channel: 'whatsapp', at: at(3), content: 'Sounds good, call me' });
    const res = await api.http.get(`/api/campaigns/${id}/analytics`).set(t.admin.headers).expect(200);
    expect(res.body.data.funnel).toEqual([
      { position: 0, type: 'WHATSAPP', sent: 1, delivered: 1, read: 0, opened: 0, replied: 1, failed: 0 },
      { position: 1, type: 'EMAIL', sent: 0, delivered: 0, read: 0, opened: 0, replied: 0, failed: 1 },
    ]);
  });

  it('counts what the provider refused as failed, and what the platform withdrew before asking it as withdrawn', async () => {
    const t = await createTenant(api.http);
    const f = new AnalyticsFixture(api.app.get(DataSource), t.id);
    const id = await f.campaign({
      name: 'Cancelled',
      status: 'cancelled',
      started_at: at(0),
      steps: ['SMS'],
    });
    const failed = [
      ['P', '30007'],
      ['Q', 'campaign:cancelled'],
      ['S', 'policy:opted_out'],
      ['T', 'ai:human_took_over'],
    ];
    for (const [key, code] of failed) {
      await f.enroll(id, { key, first_name: key, enrollment: { status: 'stopped' } }, at(0));
      await f.outbound(id, {
        lead: key,
        step: 0,
        channel: 'sms',
        status: 'failed',
        at: at(1),
        error_code: code,
      });
    }
    const res = await api.http.get(`/api/campaigns/${id}/analytics`).set(t.admin.headers).expect(200);
    expect(res.body.data).toMatchObject({ sent: 0, failed: 1, withdrawn: 3 });
    expect(res.body.data.funnel).toEqual([
      { position: 0, type: 'SMS', sent: 0, delivered: 0, read: 0, opened: 0, replied: 0, failed: 1 },
    ]);
    const all = await api.http.get('/api/campaigns/analytics').set(t.admin.headers).expect(200);
    expect(all.body.data.totals).toMatchObject({ failed: 1, withdrawn: 3 });
  });

  it("counts a voice campaign's calls by outcome; a lead who picked up is reached", async () => {
    const t = await createTenant(api.http);
    const db = api.app.get(DataSource);
    const f = new AnalyticsFixture(db, t.id);
    const voice = await f.campaign({ name: 'Voice', status: 'active', started_at: at(0), steps: ['CALL'] });
    const call = async (
      lead: string,
      kind: string,
      sid: boolean,
      status: string,
      disposition: string | null,
    ) =>
      db.query(
        `INSERT INTO calls (tenant_id, campaign_id, lead_id, kind, direction, call_sid, status, disposition)
         VALUES ($1, $2, $3, $4, 'outbound', $5, $6, $7)`,
        [
          t.id,
          voice,
          f.leads.get(lead),
          kind,
          sid ? `CA${randomUUID().replace(/-/g, '')}` : null,
          status,
          disposition,
        ],
      );
    for (const [i, key] of ['V1', 'V2', 'V3', 'V4', 'V5'].entries())
      await f.enroll(voice, { key, first_name: key, enrollment: { status: 'in_progress' } }, at(i / 100));
    await call('V1', 'dialer', true, 'completed', 'answered');
    // The agent's own leg of V1's bridge is no call to a lead.
    await call('V1', 'agent_leg', true, 'completed', 'answered');
    await call('V2', 'dialer', true, 'completed', 'voicemail');
    await call('V3', 'dialer', true, 'completed', 'abandoned');
    await call('V4', 'dialer', true, 'no-answer', 'no_answer');
    await call('V4', 'dialer', true, 'busy', 'busy');
    // Refused by the provider when placed: failed, never placed.
    await call('V4', 'dialer', false, 'failed', 'failed');
    // Not yet placed.
    await call('V5', 'dialer', false, 'queued', null);

    const res = await api.http.get(`/api/campaigns/${voice}/analytics`).set(t.admin.headers).expect(200);
    expect(res.body.data).toMatchObject({
      total_leads: 5,
      sent: 0,
      calls_placed: 5,
      calls_answered: 1,
      calls_voicemail: 1,
      calls_abandoned: 1,
      calls_no_answer: 1,
      calls_busy: 1,
      calls_failed: 1,
      reached: 2,
      reply_rate: 0,
    });
    const all = await api.http.get('/api/campaigns/analytics').set(t.admin.headers).expect(200);
    expect(all.body.data.totals).toMatchObject({
      calls_placed: 5,
      calls_answered: 1,
      calls_no_answer: 1,
      calls_busy: 1,
      calls_failed: 1,
      reached: 2,
    });
  });

  it('an empty campaign answers zeros and an empty funnel; a finished one its end time', async () => {
    const empty = await api.http
      .get(`/api/campaigns/${draft}/analytics`)
      .set(tenant.admin.headers)
      .expect(200);
    expect(empty.body.data).toEqual({
      campaign_id: draft,
      name: 'Draft',
      status: 'draft',
      start_time: null,
      end_time: null,
      ...ZERO,
      funnel: [],
    });
    const done = await api.http.get(`/api/campaigns/${autumn}/analytics`).set(manager.headers).expect(200);
    expect(done.body.data).toMatchObject({
      ...AUTUMN_KPIS,
      start_time: '2025-03-10T09:00:00.000Z',
      end_time: '2025-03-12T09:00:00.000Z',
    });
  });

  describe('GET /api/campaigns/analytics (the static route, never taken for campaigns/:id)', () => {
    const row = (id: string, kpis: object) => expect.objectContaining({ campaign_id: id, ...kpis });

    it('without a range: every campaign, newest start first, drafts last, totals summed', async () => {
      const res = await api.http.get('/api/campaigns/analytics').set(manager.headers).expect(200);
      expect(res.body.data).toEqual({
        date_from: null,
        date_to: null,
        campaign_count: 3,
        totals: {
          ...SPRING_KPIS,
          total_leads: 9,
          qualified_count: 4,
          sent: 8,
          delivered: 4,
          reached: 5,
          completed: 3,
          reply_rate: 0.4,
        },
        campaigns: [row(autumn, AUTUMN_KPIS), row(spring, SPRING_KPIS), row(draft, ZERO)],
      });
    });

    it('the range applies to started_at, both ends inclusive, a bare date covering its whole day', async () => {
      const feb = await api.http
        .get('/api/campaigns/analytics?date_from=2025-02-01&date_to=2025-02-28')
        .set(manager.headers)
        .expect(200);
      expect(feb.body.data).toMatchObject({
        date_from: '2025-02-01T00:00:00.000Z',
        date_to: '2025-02-28T23:59:59.999Z',
        campaign_count: 1,
        totals: SPRING_KPIS,
        campaigns: [row(spring, SPRING_KPIS)],
      });
      const oneDay = await api.http
        .get('/api/campaigns/analytics?date_to=2025-02-01')
        .set(manager.headers)
        .expect(200);
      expect(oneDay.body.data.campaigns.map((c: { campaign_id: string }) => c.campaign_id)).toEqual([spring]);
      const exact = await api.http
        .get('/api/campaigns/analytics?date_from=2025-03-10T09:00:00Z&date_to=2025-03-10T09:00:00Z')
        .set(manager.headers)
        .expect(200);
      expect(exact.body.data).toMatchObject({ campaign_count: 1, totals: AUTUMN_KPIS });
      const none = await api.http
        .get('/api/campaigns/analytics?date_from=2025-04-01T00:00:00%2B02:00')
        .set(manager.headers)
        .expect(200);
      expect(none.body.data).toMatchObject({ campaign_count: 0, totals: ZERO, campaigns: [] });
    });

    it('pages the rows while the totals cover every campaign', async () => {
      const res = await api.http
        .get('/api/campaigns/analytics?limit=1&offset=1')
        .set(manager.headers)
        .expect(200);
      expect(res.body.data.campaign_count).toBe(3);
      expect(res.body.data.totals.total_leads).toBe(9);
      expect(res.body.data.campaigns).toEqual([row(spring, SPRING_KPIS)]);
    });

    it.each([
      ['date_from=yesterday', ['date_from']],
      ['date_from=2025-02-30', ['date_from']],
      ['date_to=2025-02-01T25:00:00Z', ['date_to']],
      ['date_from=2025-03-01&date_to=2025-02-01', ['date_to']],
      ['limit=0', ['limit']],
      ['since=2025-01-01', ['since']],
    ])('?%s is a 400 naming the field', async (query, fields) => {
      const res = await api.http.get(`/api/campaigns/analytics?${query}`).set(manager.headers);
      expectValidation(res, fields);
    });
  });

  describe('access', () => {
    it('another tenant gets 404 for the campaign and sees none of it across campaigns', async () => {
      const other = await createTenant(api.http);
      const res = await api.http.get(`/api/campaigns/${spring}/analytics`).set(other.admin.headers);
      expectError(res, 404, 'NOT_FOUND', 'Campaign not found');
      const all = await api.http.get('/api/campaigns/analytics').set(other.admin.headers).expect(200);
      expect(all.body.data).toMatchObject({ campaign_count: 0, totals: ZERO, campaigns: [] });
    });

    it('an unknown or malformed id is a 404', async () => {
      const unknown = '0190f3c2-7d1e-7c53-9a4e-2b8f1d3c4e5a';
      expectError(
        await api.http.get(`/api/campaigns/${unknown}/analytics`).set(manager.headers),
        404,
        'NOT_FOUND',
      );
      expectError(await api.http.get('/api/campaigns/nope/analytics').set(manager.headers), 404, 'NOT_FOUND');
    });

    it('an agent is refused (403); no token is a 401', async () => {
      for (const path of [`/api/campaigns/${spring}/analytics`, '/api/campaigns/analytics']) {
        expectError(await api.http.get(path).set(agent.headers), 403, 'AUTHORIZATION_FAILED');
        expectError(await api.http.get(path), 401, 'AUTHENTICATION_REQUIRED');
      }
    });
  });

  it('the routes are in the OpenAPI document with their answers and errors', async () => {
    const doc = (await api.http.get('/api/docs-json').expect(200)).body;
    const one = doc.paths['/api/campaigns/{id}/analytics'].get;
    const all = doc.paths['/api/campaigns/analytics'].get;
    const file = doc.paths['/api/campaigns/{id}/export'].get;
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '429']));
    expect(Object.keys(all.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
    expect(Object.keys(file.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '429']),
    );
    expect(Object.keys(file.responses['200'].content).sort()).toEqual(['application/pdf', 'text/csv']);
    // Every property of the answers documents an example, an enum, a format, a $ref or its items.
    const names = ['CampaignAnalyticsDto', 'CampaignsAnalyticsDto', 'CampaignKpiRowDto', 'FunnelStepDto'];
    const bare = names.flatMap((name) =>
      Object.entries(doc.components.schemas[name].properties as Record<string, Record<string, unknown>>)
        .filter(([, p]) => p.example === undefined && !p.enum && !p.format && !p.$ref && !p.items && !p.allOf)
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(bare).toEqual([]);
    expect(Object.keys(doc.components.schemas.CampaignAnalyticsDto.properties)).toEqual(
      expect.arrayContaining([
        'campaign_id',
        'open_rate',
        'reply_rate',
        'qualified_count',
        'total_leads',
        'funnel',
      ]),
    );
  });
});
