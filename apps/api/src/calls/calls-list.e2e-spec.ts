import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  insertAgentRow,
  insertCallRow,
  ISO_TIMESTAMP,
  TestTenant,
  TestUser,
  useTestApi,
} from '@app/testing';
import { randomUUID } from 'node:crypto';

/**
 * GET /api/calls and GET /api/calls/:id (issue 6 item 8; seed 001 "Call Endpoints", seed 003 "Call Data"). Calls
 * are written with SQL, as the dialer leaves them: a lead's calls are listed, newest first; an agent's leg never.
 */

type Headers = Record<string, string>;

describe('calls: list and read (e2e)', () => {
  const api = useTestApi();

  async function insertLead(tenant: TestTenant, first: string, last: string, phone: string): Promise<string> {
    const [{ id }] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, last_name, phone, phone_normalized)
       VALUES ($1, $2, $3, $4, $4) RETURNING id`,
      [tenant.id, first, last, phone],
    );
    return id;
  }

  async function insertCampaign(tenant: TestTenant, name: string): Promise<string> {
    const [{ id }] = await api.db.query(
      `INSERT INTO campaigns (tenant_id, name, status) VALUES ($1, $2, 'active') RETURNING id`,
      [tenant.id, name],
    );
    return id;
  }

  async function list(headers: Headers, query = '') {
    const res = await api.http.get(`/api/calls${query ? `?${query}` : ''}`).set(headers);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
      status: 200,
      body: 'ok',
    });
    return res.body as {
      data: Record<string, unknown>[];
      meta: { total: number; limit: number; offset: number };
    };
  }

  const ids = async (headers: Headers, query = '') => (await list(headers, query)).data.map((c) => c.id);

  describe('GET /api/calls', () => {
    it("answers seed 001's fields with the lead's, campaign's and agent's names, newest first; never an agent's leg", async () => {
      const tenant = await createTenant(api.http);
      const leadId = await insertLead(tenant, 'Sara', 'Ahmed', '+14155552671');
      const campaignId = await insertCampaign(tenant, 'Q1 2024 Outreach');
      const agentId = await insertAgentRow(api.db, tenant.id, { name: 'John Doe' });
      const older = await insertCallRow(api.db, tenant.id, {
        lead_id: leadId,
        kind: 'manual',
        to_number: '+14155552671',
        status: 'in-progress',
        created_at: '2024-01-15T09:00:00Z',
      });
      const id = await insertCallRow(api.db, tenant.id, {
        campaign_id: campaignId,
        lead_id: leadId,
        agent_id: agentId,
        call_sid: 'CA1234567890abcdef',
        from_number: '+14155551234',
        to_number: '+14155552671',
        answered_by: 'human',
        start_time: '2024-01-15T10:30:00Z',
        answer_time: '2024-01-15T10:30:15Z',
        connected_at: '2024-01-15T10:30:16Z',
        end_time: '2024-01-15T10:35:30Z',
        duration: 330,
        talk_time: 315,
        disposition: 'answered',
        cost: 0.077,
        created_at: '2024-01-15T10:30:00Z',
      });
      await insertCallRow(api.db, tenant.id, {
        kind: 'agent_leg',
        parent_call_id: id,
        agent_id: agentId,
        created_at: '2024-01-15T10:31:00Z',
      });

      const body = await list(tenant.admin.headers);
      expect(body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
      expect(body.data.map((c) => c.id)).toEqual([id, older]);
      expect(body.data[0]).toEqual({
        id,
        tenant_id: tenant.id,
        campaign_id: campaignId,
        lead_id: leadId,
        agent_id: agentId,
        kind: 'dialer',
        call_sid: 'CA1234567890abcdef',
        conference_sid: null,
        from_number: '+14155551234',
        to_number: '+14155552671',
        direction: 'outbound',
        status: 'completed',
        answered_by: 'human',
        start_time: '2024-01-15T10:30:00.000Z',
        answer_time: '2024-01-15T10:30:15.000Z',
        connected_at: '2024-01-15T10:30:16.000Z',
        end_time: '2024-01-15T10:35:30.000Z',
        duration: 330,
        talk_time: 315,
        disposition: 'answered',
        outcome: null,
        recording_url: null,
        recording_path: null,
        recording_sid: null,
        recording_duration: null,
        cost: 0.077,
        metadata: {},
        notes: null,
        created_at: '2024-01-15T10:30:00.000Z',
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
        first_name: 'Sara',
        last_name: 'Ahmed',
        phone: '+14155552671',
        campaign_name: 'Q1 2024 Outreach',
        agent_name: 'John Doe',
        contact_name: 'Sara Ahmed',
        phone_number: '+14155552671',
        log_status: 'completed',
        duration_hms: '00:05:30',
        timestamp: '2024-01-15T10:30:00.000Z',
      });
      expect(body.data[1]).toMatchObject({
        id: older,
        log_status: 'ongoing',
        duration_hms: null,
        agent_name: null,
      });
    });

    it("filters by each of seed 001's filters, the kind, and a date range (bare dates in the tenant's zone)", async () => {
      const tenant = await createTenant(api.http);
      const leadA = await insertLead(tenant, 'Ann', 'A', '+14155550001');
      const leadB = await insertLead(tenant, 'Ben', 'B', '+14155550002');
      const campA = await insertCampaign(tenant, 'Camp A');
      const campB = await insertCampaign(tenant, 'Camp B');
      const agentA = await insertAgentRow(api.db, tenant.id, { name: 'Agent A' });
      const agentB = await insertAgentRow(api.db, tenant.id, { name: 'Agent B' });
      const a = await insertCallRow(api.db, tenant.id, {
        campaign_id: campA,
        lead_id: leadA,
        agent_id: agentA,
        disposition: 'answered',
        answered_by: 'human',
        end_time: '2024-01-01T12:05:00Z',
        created_at: '2024-01-01T12:00:00Z',
      });
      const b = await insertCallRow(api.db, tenant.id, {
        campaign_id: campB,
        lead_id: leadB,
        agent_id: agentB,
        disposition: 'voicemail',
        answered_by: 'machine_end_beep',
        end_time: '2024-01-02T12:01:00Z',
        created_at: '2024-01-02T12:00:00Z',
      });
      const c = await insertCallRow(api.db, tenant.id, {
        kind: 'inbound',
        direction: 'inbound',
        lead_id: leadA,
        status: 'no-answer',
        disposition: 'missed',
        end_time: '2024-01-03T12:00:30Z',
        created_at: '2024-01-03T12:00:00Z',
      });
      const d = await insertCallRow(api.db, tenant.id, {
        kind: 'broadcast',
        campaign_id: campA,
        lead_id: leadB,
        status: 'busy',
        disposition: 'busy',
        end_time: '2024-01-04T12:00:05Z',
        created_at: '2024-01-04T12:00:00Z',
      });
      const h = tenant.admin.headers;
      const cases: [string, string[]][] = [
        [`campaign_id=${campA}`, [d, a]],
        [`campaignId=${campB}`, [b]],
        [`agent_id=${agentA}`, [a]],
        [`agentId=${agentB}`, [b]],
        [`lead_id=${leadA}`, [c, a]],
        [`leadId=${leadB}`, [d, b]],
        ['disposition=answered', [a]],
        ['disposition=missed', [c]],
        // Any case, as conversation and lead statuses are read.
        ['disposition=Answered', [a]],
        ['disposition=MISSED', [c]],
        ['answered_by=human', [a]],
        ['answered_by=machine_end_beep', [b]],
        ['direction=inbound', [c]],
        ['direction=outbound', [d, b, a]],
        ['kind=broadcast', [d]],
        // answered_by, direction and kind in any case too, as status and disposition.
        ['answered_by=HUMAN', [a]],
        ['answered_by=Machine_End_Beep', [b]],
        ['direction=Inbound', [c]],
        ['direction=OUTBOUND', [d, b, a]],
        ['kind=Broadcast', [d]],
        ['kind=INBOUND', [c]],
        ['date_from=2024-01-02', [d, c, b]],
        ['date_to=2024-01-02', [b, a]],
        ['date_from=2024-01-02&date_to=2024-01-03', [c, b]],
        ['date_from=2024-01-02T12:00:00Z&date_to=2024-01-03T11:59:59Z', [b]],
        [`campaign_id=${campA}&disposition=busy`, [d]],
        [`campaign_id=${randomUUID()}`, []],
      ];
      for (const [query, expected] of cases) {
        expect({ query, ids: await ids(h, query) }).toEqual({ query, ids: expected });
      }
      // In New York, the first call (12:00 UTC) is on January 1st, 07:00; 2024-01-01T03:00Z is still December 31st.
      await api.http.patch('/api/tenant').set(h).send({ timezone: 'America/New_York' }).expect(200);
      const nyEve = await insertCallRow(api.db, tenant.id, { created_at: '2024-01-01T03:00:00Z' });
      expect(await ids(h, 'date_to=2023-12-31')).toEqual([nyEve]);
      expect(await ids(h, 'date_from=2024-01-01&date_to=2024-01-01')).toEqual([a]);
      // A date-time without an offset is a time on New York's clock, as in every report: 06:59 there is 11:59Z.
      expect(await ids(h, 'date_from=2024-01-01T06:59&date_to=2024-01-01T07:01')).toEqual([a]);
      expect(await ids(h, 'date_from=2024-01-01T07:01&date_to=2024-01-01T08:00')).toEqual([]);
      // A zone the runtime knows by an old alias Postgres does not (CTT: China, UTC+8): a day of China, no 500.
      await api.http.patch('/api/tenant').set(h).send({ timezone: 'CTT' }).expect(200);
      const chinaDawn = await insertCallRow(api.db, tenant.id, { created_at: '2023-12-31T16:30:00Z' });
      expect(await ids(h, 'date=2024-01-01')).toEqual([a, nyEve, chinaDawn]);
      const summary = await api.http
        .get('/api/calls/stats/summary?date_from=2024-01-01&date_to=2024-01-01')
        .set(h);
      expect(summary.status).toBe(200);
    });

    it("reads seed 003's date (a day of the tenant's zone) and status (completed, missed, ongoing)", async () => {
      const tenant = await createTenant(api.http);
      const h = tenant.admin.headers;
      await api.http.patch('/api/tenant').set(h).send({ timezone: 'America/New_York' }).expect(200);
      // 2025-01-23 in New York runs from 05:00 UTC to 05:00 UTC the next day.
      const lateOnThe22nd = await insertCallRow(api.db, tenant.id, {
        disposition: 'answered',
        end_time: '2025-01-23T04:35:00Z',
        created_at: '2025-01-23T04:30:00Z',
      });
      const completed = await insertCallRow(api.db, tenant.id, {
        disposition: 'answered',
        end_time: '2025-01-23T05:35:00Z',
        created_at: '2025-01-23T05:30:00Z',
      });
      const voicemail = await insertCallRow(api.db, tenant.id, {
        disposition: 'voicemail',
        answered_by: 'machine_end_beep',
        end_time: '2025-01-23T12:01:00Z',
        created_at: '2025-01-23T12:00:00Z',
      });
      const missedInbound = await insertCallRow(api.db, tenant.id, {
        kind: 'inbound',
        direction: 'inbound',
        status: 'no-answer',
        end_time: '2025-01-23T13:00:30Z',
        created_at: '2025-01-23T13:00:00Z',
      });
      const missedLogged = await insertCallRow(api.db, tenant.id, {
        kind: 'manual',
        status: 'no-answer',
        disposition: 'missed',
        end_time: '2025-01-23T14:00:00Z',
        created_at: '2025-01-23T14:00:00Z',
      });
      const noAnswer = await insertCallRow(api.db, tenant.id, {
        status: 'no-answer',
        disposition: 'no_answer',
        end_time: '2025-01-23T15:00:25Z',
        created_at: '2025-01-23T15:00:00Z',
      });
      const ongoing = await insertCallRow(api.db, tenant.id, {
        status: 'in-progress',
        answer_time: '2025-01-24T04:00:05Z',
        created_at: '2025-01-24T04:00:00Z',
      });
      const nextDay = await insertCallRow(api.db, tenant.id, {
        disposition: 'answered',
        end_time: '2025-01-24T05:01:00Z',
        created_at: '2025-01-24T05:00:00Z',
      });

      const day = await list(h, 'date=2025-01-23');
      expect(day.data.map((c) => [c.id, c.log_status])).toEqual([
        [ongoing, 'ongoing'],
        [noAnswer, 'not_connected'],
        [missedLogged, 'missed'],
        [missedInbound, 'missed'],
        [voicemail, 'completed'],
        [completed, 'completed'],
      ]);
      expect(await ids(h, 'date=2025-01-22')).toEqual([lateOnThe22nd]);
      expect(await ids(h, 'date=2025-01-24')).toEqual([nextDay]);
      expect(await ids(h, 'status=completed&date=2025-01-23')).toEqual([voicemail, completed]);
      expect(await ids(h, 'status=missed')).toEqual([missedLogged, missedInbound]);
      expect(await ids(h, 'status=ongoing')).toEqual([ongoing]);
      expect(await ids(h, 'status=ongoing&date=2025-01-22')).toEqual([]);
      expect(await ids(h, 'status=not_connected')).toEqual([noAnswer]);
      // Any case, as conversation and lead statuses are read.
      expect(await ids(h, 'status=Completed&date=2025-01-23')).toEqual([voicemail, completed]);
      expect(await ids(h, 'status=MISSED')).toEqual([missedLogged, missedInbound]);
      expect(await ids(h, 'status=Not_Connected')).toEqual([noAnswer]);
    });

    it('pages by limit and offset or by page (seed 003), newest first', async () => {
      const tenant = await createTenant(api.http);
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        made.unshift(await insertCallRow(api.db, tenant.id, { created_at: `2024-02-0${i + 1}T10:00:00Z` }));
      }
      const h = tenant.admin.headers;
      expect(await list(h, 'limit=2')).toMatchObject({ meta: { total: 5, limit: 2, offset: 0 } });
      expect(await ids(h, 'limit=2&offset=2')).toEqual(made.slice(2, 4));
      const page = await list(h, 'page=3&limit=2');
      expect(page.meta).toEqual({ total: 5, limit: 2, offset: 4 });
      expect(page.data.map((c) => c.id)).toEqual(made.slice(4));
      expect(await ids(h, 'page=4&limit=2')).toEqual([]);
    });

    it.each([
      ['an unknown disposition', 'disposition=sold', ['disposition']],
      ['an unknown answered_by', 'answered_by=robot', ['answered_by']],
      ['an unknown direction', 'direction=sideways', ['direction']],
      ['an unknown status', 'status=ringing', ['status']],
      ['an unknown disposition in capitals', 'disposition=SOLD', ['disposition']],
      ['an unknown status in capitals', 'status=RINGING', ['status']],
      ['an agent leg as kind', 'kind=agent_leg', ['kind']],
      ['an agent leg as kind in capitals', 'kind=AGENT_LEG', ['kind']],
      ['an unknown answered_by in capitals', 'answered_by=ROBOT', ['answered_by']],
      ['an unknown direction in capitals', 'direction=Sideways', ['direction']],
      ['a campaign id that is no UUID', 'campaign_id=42', ['campaign_id']],
      ['a date that does not exist', 'date=2025-02-30', ['date']],
      ['a date-time as date', 'date=2025-02-01T10:00:00Z', ['date']],
      ['a date_from that is no date', 'date_from=yesterday', ['date_from']],
      ['a date_to that does not exist', 'date_to=2025-13-01', ['date_to']],
      ['a range that ends before it starts', 'date_from=2025-02-02&date_to=2025-02-01', ['date_to']],
      ['page with offset', 'page=2&offset=10', ['page']],
      ['a limit over 100', 'limit=101', ['limit']],
    ])('refuses %s (400)', async (_what, query, fields) => {
      const tenant = await createTenant(api.http);
      expectValidation(await api.http.get(`/api/calls?${query}`).set(tenant.admin.headers), fields);
    });
  });

  describe('GET /api/calls/:id', () => {
    it("answers one of the tenant's lead calls; an agent's leg, an unknown id or another tenant's call is a 404", async () => {
      const tenant = await createTenant(api.http);
      const other = await createTenant(api.http);
      const leadId = await insertLead(tenant, 'Sara', 'Ahmed', '+14155552671');
      const id = await insertCallRow(api.db, tenant.id, { lead_id: leadId, to_number: '+14155552671' });
      const leg = await insertCallRow(api.db, tenant.id, { kind: 'agent_leg', parent_call_id: id });
      const theirs = await insertCallRow(api.db, other.id, {});

      const res = await api.http.get(`/api/calls/${id}`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id, lead_id: leadId, first_name: 'Sara', phone: '+14155552671' });
      expect(res.body.data).toEqual((await list(tenant.admin.headers)).data[0]);
      for (const missing of [leg, theirs, randomUUID(), 'not-a-uuid']) {
        expectError(
          await api.http.get(`/api/calls/${missing}`).set(tenant.admin.headers),
          404,
          'NOT_FOUND',
          'Call not found',
        );
      }
      expectError(await api.http.get(`/api/calls/${id}`).set(other.admin.headers), 404, 'NOT_FOUND');
    });
  });

  describe('roles and tenancy', () => {
    let tenant: TestTenant;
    let agentUser: TestUser;
    let manager: TestUser;
    let mine: string;
    let theirs: string;
    let unassigned: string;

    beforeAll(async () => {
      tenant = await createTenant(api.http);
      agentUser = await createUser(api.http, tenant, 'agent');
      manager = await createUser(api.http, tenant, 'manager');
      const ownAgent = await insertAgentRow(api.db, tenant.id, { name: 'Me', user_id: agentUser.id });
      const otherAgent = await insertAgentRow(api.db, tenant.id, { name: 'Someone else' });
      mine = await insertCallRow(api.db, tenant.id, {
        agent_id: ownAgent,
        disposition: 'answered',
        duration: 60,
        created_at: '2024-03-01T10:00:00Z',
      });
      theirs = await insertCallRow(api.db, tenant.id, {
        agent_id: otherAgent,
        disposition: 'busy',
        created_at: '2024-03-01T11:00:00Z',
      });
      unassigned = await insertCallRow(api.db, tenant.id, {
        disposition: 'no_answer',
        created_at: '2024-03-01T12:00:00Z',
      });
    });

    it("shows an agent-role user only its own agent's calls, in lists, reads and statistics", async () => {
      const h = agentUser.headers;
      expect(await list(h)).toMatchObject({ meta: { total: 1 } });
      expect(await ids(h)).toEqual([mine]);
      expect(await ids(h, 'disposition=busy')).toEqual([]);
      expect((await api.http.get(`/api/calls/${mine}`).set(h)).status).toBe(200);
      for (const id of [theirs, unassigned]) {
        expectError(await api.http.get(`/api/calls/${id}`).set(h), 404, 'NOT_FOUND');
      }
      const summary = await api.http.get('/api/calls/stats/summary').set(h);
      expect(summary.body.data).toMatchObject({ total_calls: 1, answered_calls: 1, busy_calls: 0 });
      const byDisposition = await api.http.get('/api/calls/stats/by-disposition').set(h);
      expect(byDisposition.body.data).toEqual([{ disposition: 'answered', count: 1 }]);
    });

    it('shows managers and admins every call; an agent-role user without an agent profile none', async () => {
      for (const user of [manager, tenant.admin]) {
        expect(await ids(user.headers)).toEqual([unassigned, theirs, mine]);
      }
      const stranger = await createUser(api.http, tenant, 'agent');
      expect(await ids(stranger.headers)).toEqual([]);
      expectError(await api.http.get(`/api/calls/${mine}`).set(stranger.headers), 404, 'NOT_FOUND');
    });

    it('answers another tenant empty lists, zero statistics and 404s, whatever ids it names', async () => {
      const other = await createTenant(api.http);
      const h = other.admin.headers;
      expect(await list(h)).toEqual({ success: true, data: [], meta: { total: 0, limit: 50, offset: 0 } });
      const [{ agent_id: agentId }] = await api.db.query('SELECT agent_id FROM calls WHERE id = $1', [mine]);
      expect(await ids(h, `agent_id=${agentId}`)).toEqual([]);
      for (const id of [mine, theirs]) {
        expectError(await api.http.get(`/api/calls/${id}`).set(h), 404, 'NOT_FOUND');
        expectError(await api.http.put(`/api/calls/${id}`).set(h).send({ notes: 'x' }), 404, 'NOT_FOUND');
      }
      const summary = await api.http.get(`/api/calls/stats/summary?agent_id=${agentId}`).set(h);
      expect(summary.body.data).toMatchObject({ total_calls: 0, answered_calls: 0, total_cost: 0 });
      const byDisposition = await api.http.get('/api/calls/stats/by-disposition').set(h);
      expect(byDisposition.body).toEqual({ success: true, data: [] });
      const [{ notes }] = await api.db.query('SELECT notes FROM calls WHERE id = $1', [mine]);
      expect(notes).toBeNull();
    });

    it('needs a token', async () => {
      expectError(await api.http.get('/api/calls'), 401, 'AUTHENTICATION_REQUIRED');
      expectError(await api.http.get(`/api/calls/${mine}`), 401, 'AUTHENTICATION_REQUIRED');
    });
  });
});
