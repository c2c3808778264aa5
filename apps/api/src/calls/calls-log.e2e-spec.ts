import {
  connectLiveClient,
  countRows,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  insertAgentRow,
  insertCallRow,
  TestTenant,
  useTestApi,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';

/** POST /api/calls and PUT /api/calls/:id (seed 003 "Call Data"): calls logged by hand, and their updates. */

type Json = Record<string, unknown>;
const NOW = '2025-01-23T10:30:00.000Z';

describe('calls: manual logs (e2e)', () => {
  const api = useTestApi();
  beforeEach(() => api.clock.set(NOW));

  async function usTenant(): Promise<TestTenant> {
    const tenant = await createTenant(api.http);
    await api.http.patch('/api/tenant').set(tenant.admin.headers).send({ default_country: 'US' }).expect(200);
    return tenant;
  }

  const post = (tenant: TestTenant, body: Json, headers = tenant.admin.headers) =>
    api.http.post('/api/calls').set(headers).send(body);
  const put = (tenant: TestTenant, id: string, body: Json, headers = tenant.admin.headers) =>
    api.http.put(`/api/calls/${id}`).set(headers).send(body);

  async function logged(tenant: TestTenant, body: Json, headers = tenant.admin.headers): Promise<Json> {
    const res = await post(tenant, body, headers);
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({
      status: 201,
      body: 'ok',
    });
    return res.body.data as Json;
  }

  const callRows = (tenant: TestTenant) =>
    api.db.query('SELECT * FROM calls WHERE tenant_id = $1 ORDER BY id', [tenant.id]) as Promise<Json[]>;

  describe('POST /api/calls', () => {
    it("logs seed 003's ongoing outbound call as a manual call, listed as ongoing", async () => {
      const tenant = await usTenant();
      const data = await logged(tenant, {
        phoneNumber: '+1234567890',
        contactName: 'John Doe',
        direction: 'outbound',
        status: 'ongoing',
      });
      expect(data).toMatchObject({
        kind: 'manual',
        direction: 'outbound',
        status: 'in-progress',
        log_status: 'ongoing',
        to_number: '+1234567890',
        from_number: null,
        phone: '+1234567890',
        phone_number: '+1234567890',
        contact_name: 'John Doe',
        lead_id: null,
        agent_id: null,
        disposition: null,
        start_time: NOW,
        answer_time: NOW,
        end_time: null,
        duration: null,
        duration_hms: null,
        created_at: NOW,
        timestamp: NOW,
      });
      const list = await api.http.get('/api/calls?status=ongoing&date=2025-01-23').set(tenant.admin.headers);
      expect(list.body.data).toEqual([data]);
      const activity = await api.http.get('/api/system/activity?type=call.logged').set(tenant.admin.headers);
      expect(activity.body.data).toEqual([
        expect.objectContaining({ type: 'call.logged', data: { call_id: data.id, lead_id: null } }),
      ]);
    });

    it('logs a completed call with its duration ("hh:mm:ss" or seconds): it ended now, that long after it began', async () => {
      const tenant = await usTenant();
      const data = await logged(tenant, {
        phone: '(415) 555-2671',
        status: 'completed',
        duration: '00:05:23',
        notes: ' Asked about prices ',
      });
      expect(data).toMatchObject({
        status: 'completed',
        disposition: 'answered',
        log_status: 'completed',
        to_number: '+14155552671',
        duration: 323,
        talk_time: 323,
        duration_hms: '00:05:23',
        start_time: '2025-01-23T10:24:37.000Z',
        answer_time: '2025-01-23T10:24:37.000Z',
        end_time: NOW,
        notes: 'Asked about prices',
      });
      expect(await logged(tenant, { phone: '+14155552672', duration: 90 })).toMatchObject({
        log_status: 'completed',
        duration: 90,
        duration_hms: '00:01:30',
      });
      expect(
        await logged(tenant, { phone: '+14155552673', duration: '2:05', disposition: 'voicemail' }),
      ).toMatchObject({ status: 'completed', disposition: 'voicemail', duration: 125, talk_time: null });
    });

    it('logs a missed call (inbound: the number is the caller) with its disposition', async () => {
      const tenant = await usTenant();
      const missed = await logged(tenant, { phone: '+14155552671', direction: 'inbound', status: 'missed' });
      expect(missed).toMatchObject({
        direction: 'inbound',
        from_number: '+14155552671',
        to_number: null,
        status: 'no-answer',
        disposition: 'missed',
        log_status: 'missed',
        duration: 0,
        end_time: NOW,
        answer_time: null,
      });
      // It reads back as it was logged, and is found where it was logged: a missed outbound call too.
      const busy = await logged(tenant, { phone: '+14155552671', status: 'MISSED', disposition: 'busy' });
      expect(busy).toMatchObject({ status: 'busy', disposition: 'busy', log_status: 'missed' });
      const abandoned = await logged(tenant, {
        phone: '+14155552671',
        direction: 'inbound',
        status: 'completed',
        disposition: 'abandoned',
      });
      expect(abandoned).toMatchObject({ disposition: 'abandoned', log_status: 'completed' });
      const listed = async (status: string) =>
        (await api.http.get(`/api/calls?status=${status}`).set(tenant.admin.headers)).body.data.map(
          (c: { id: string }) => c.id,
        );
      // Logged at the same instant: their order is the ids'.
      expect((await listed('missed')).sort()).toEqual([busy.id, missed.id].sort());
      expect(await listed('completed')).toEqual([abandoned.id]);
    });

    it("links the lead whose phone it is, or takes a lead's phone and name from lead_id", async () => {
      const tenant = await usTenant();
      const lead = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .send({ first_name: 'Sara', last_name: 'Ahmed', phone: '+14155552671' });
      expect(lead.status).toBe(201);
      const byPhone = await logged(tenant, { phone: '415-555-2671' });
      expect(byPhone).toMatchObject({
        lead_id: lead.body.data.id,
        first_name: 'Sara',
        contact_name: 'Sara Ahmed',
      });
      const byLead = await logged(tenant, { leadId: lead.body.data.id, contact_name: 'Sara (mobile)' });
      expect(byLead).toMatchObject({
        lead_id: lead.body.data.id,
        to_number: '+14155552671',
        contact_name: 'Sara (mobile)',
      });
    });

    it.each([
      ['no number and no lead', {}, ['phone']],
      ['a number that is not one', { phone: '12' }, ['phone']],
      ['a number of 16 digits', { phone: '+1234567890123456' }, ['phone']],
      ['a number with letters', { phone_number: '555-CALL-NOW' }, ['phone_number']],
      ['phone and phone_number', { phone: '+14155552671', phone_number: '+14155552672' }, ['phone_number']],
      ['an unknown status', { phone: '+14155552671', status: 'ringing' }, ['status']],
      ['an unknown direction', { phone: '+14155552671', direction: 'sideways' }, ['direction']],
      ['a duration in words', { phone: '+14155552671', duration: 'five minutes' }, ['duration']],
      ['a negative duration', { phone: '+14155552671', duration: -1 }, ['duration']],
      ['a duration over a day', { phone: '+14155552671', duration: 86_401 }, ['duration']],
      ['impossible minutes', { phone: '+14155552671', duration: '01:75:00' }, ['duration']],
      ['a disposition of another status', { phone: '+14155552671', disposition: 'busy' }, ['disposition']],
      [
        'an ongoing call with a disposition and a duration',
        { phone: '+14155552671', status: 'ongoing', disposition: 'answered', duration: 5 },
        ['disposition', 'duration'],
      ],
      ['an unknown lead', { lead_id: randomUUID() }, ['lead_id']],
      ['an unknown campaign', { phone: '+14155552671', campaign_id: randomUUID() }, ['campaign_id']],
      ['an unknown agent', { phone: '+14155552671', agent_id: randomUUID() }, ['agent_id']],
      ['an unknown field', { phone: '+14155552671', mood: 'happy' }, ['mood']],
    ])('refuses %s (400) and stores nothing', async (_what, body, fields) => {
      const tenant = await usTenant();
      expectValidation(await post(tenant, body), fields);
      expect(await countRows(api.db, 'calls', 'tenant_id = $1', [tenant.id])).toBe(0);
    });

    it("refuses another tenant's lead, campaign and agent as unknown", async () => {
      const tenant = await usTenant();
      const other = await usTenant();
      const [{ id: leadId }] = await api.db.query(
        `INSERT INTO leads (tenant_id, phone, phone_normalized) VALUES ($1, '+14155550000', '+14155550000') RETURNING id`,
        [other.id],
      );
      const [{ id: campaignId }] = await api.db.query(
        `INSERT INTO campaigns (tenant_id, name) VALUES ($1, 'Theirs') RETURNING id`,
        [other.id],
      );
      const agentId = await insertAgentRow(api.db, other.id);
      expectValidation(await post(tenant, { lead_id: leadId }), ['lead_id']);
      expectValidation(
        await post(tenant, { phone: '+14155552671', campaign_id: campaignId, agent_id: agentId }),
        ['campaign_id', 'agent_id'],
      );
      expect(await countRows(api.db, 'calls', 'tenant_id IN ($1, $2)', [tenant.id, other.id])).toBe(0);
    });

    it("logs an agent-role user's call as its own agent's; without an agent profile it is a 403", async () => {
      const tenant = await usTenant();
      const agentUser = await createUser(api.http, tenant, 'agent');
      const own = await insertAgentRow(api.db, tenant.id, { name: 'Me', user_id: agentUser.id });
      const otherAgent = await insertAgentRow(api.db, tenant.id, { name: 'Not me' });
      const data = await logged(tenant, { phone: '+14155552671' }, agentUser.headers);
      expect(data).toMatchObject({ agent_id: own, agent_name: 'Me' });
      expectValidation(
        await post(tenant, { phone: '+14155552671', agent_id: otherAgent }, agentUser.headers),
        ['agent_id'],
      );
      const stranger = await createUser(api.http, tenant, 'agent');
      expectError(
        await post(tenant, { phone: '+14155552671' }, stranger.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await countRows(api.db, 'calls', 'tenant_id = $1', [tenant.id])).toBe(1);
    });
  });

  it("a logged call's call_status_update reaches managers and the call's agent, once each, and no other agent", async () => {
    const tenant = await usTenant();
    const mine = await createUser(api.http, tenant, 'agent');
    const theirs = await createUser(api.http, tenant, 'agent');
    const own = await insertAgentRow(api.db, tenant.id, { name: 'Me', user_id: mine.id });
    const other = await insertAgentRow(api.db, tenant.id, { name: 'Them', user_id: theirs.id });
    const clients = await Promise.all([
      connectLiveClient(api.url, tenant.admin.token),
      connectLiveClient(api.url, mine.token),
      connectLiveClient(api.url, theirs.token),
    ]);
    try {
      const [admin, me, them] = clients;
      // The admin watches this agent's room too: it hears the call once all the same.
      expect((await admin.socket.emitWithAck('agent:join', { agentId: own })).success).toBe(true);
      expect((await me.socket.emitWithAck('agent:join', { agentId: own })).success).toBe(true);
      expect((await them.socket.emitWithAck('agent:join', { agentId: other })).success).toBe(true);
      const call = await logged(tenant, { phone: '+14155552671' }, mine.headers);
      const heardBy = (client: (typeof clients)[number]) =>
        client.heard.filter((h) => h.event === 'call_status_update' && h.payload.call_id === call.id);
      await waitFor(
        () => (heardBy(admin).length && heardBy(me).length ? true : undefined),
        5000,
        'call_status_update',
      );
      // Give a stray (or doubled) event time to arrive before saying none did.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([heardBy(admin).length, heardBy(me).length, heardBy(them).length]).toEqual([1, 1, 0]);
      expect(heardBy(me)[0].payload).toMatchObject({ call_id: call.id, agent_id: own });
    } finally {
      for (const client of clients) client.socket.close();
    }
  });

  describe('PUT /api/calls/:id', () => {
    it("completes seed 003's ongoing call with its duration and notes", async () => {
      const tenant = await usTenant();
      const call = await logged(tenant, { phone: '+14155552671', status: 'ongoing' });
      api.clock.set('2025-01-23T10:40:00Z');
      const res = await put(tenant, call.id as string, {
        status: 'completed',
        duration: '00:05:23',
        notes: 'Customer inquiry about services',
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: call.id,
        status: 'completed',
        disposition: 'answered',
        log_status: 'completed',
        duration: 323,
        talk_time: 323,
        end_time: '2025-01-23T10:40:00.000Z',
        start_time: '2025-01-23T10:34:37.000Z',
        notes: 'Customer inquiry about services',
      });
      const got = await api.http.get(`/api/calls/${call.id}`).set(tenant.admin.headers);
      expect(got.body.data).toEqual(res.body.data);
    });

    it('ends an ongoing call now when no duration is sent, and changes a logged call afterwards', async () => {
      const tenant = await usTenant();
      const call = await logged(tenant, { phone: '+14155552671', status: 'ongoing' });
      const id = call.id as string;
      api.clock.set('2025-01-23T10:31:30Z');
      expect((await put(tenant, id, { status: 'completed' })).body.data).toMatchObject({
        duration: 90,
        start_time: NOW,
        end_time: '2025-01-23T10:31:30.000Z',
      });
      expect((await put(tenant, id, { duration: 60 })).body.data).toMatchObject({
        duration: 60,
        start_time: '2025-01-23T10:30:30.000Z',
        end_time: '2025-01-23T10:31:30.000Z',
        log_status: 'completed',
      });
      expect((await put(tenant, id, { disposition: 'voicemail' })).body.data).toMatchObject({
        disposition: 'voicemail',
        talk_time: null,
        log_status: 'completed',
      });
      expect((await put(tenant, id, { status: 'missed' })).body.data).toMatchObject({
        status: 'no-answer',
        disposition: 'missed',
        log_status: 'missed',
        answer_time: null,
      });
      expect((await put(tenant, id, { notes: 'Left a message' })).body.data).toMatchObject({
        notes: 'Left a message',
        log_status: 'missed',
      });
      expect((await put(tenant, id, { notes: null })).body.data).toMatchObject({ notes: null });
    });

    it.each([
      ['an ended call back to ongoing', { status: 'ongoing' }, ['status']],
      ['a disposition of another status', { disposition: 'busy' }, ['disposition']],
      ['a bad duration', { duration: '5m' }, ['duration']],
      ['an unknown status', { status: 'done' }, ['status']],
      ['an unknown field', { phone: '+14155552671' }, ['phone']],
    ])('refuses %s (400) and changes nothing', async (_what, body, fields) => {
      const tenant = await usTenant();
      const call = await logged(tenant, { phone: '+14155552671', duration: 30, notes: 'kept' });
      const before = await callRows(tenant);
      expectValidation(await put(tenant, call.id as string, { notes: 'lost', ...body }), fields);
      expect(await callRows(tenant)).toEqual(before);
    });

    it("changes only the notes of a dialed call: its status, duration and disposition are the provider's (409)", async () => {
      const tenant = await usTenant();
      const id = await insertCallRow(api.db, tenant.id, {
        disposition: 'no_answer',
        status: 'no-answer',
        end_time: NOW,
      });
      for (const body of [
        { status: 'completed' },
        { duration: 30 },
        { disposition: 'answered', notes: 'x' },
      ]) {
        const before = await callRows(tenant);
        const res = await put(tenant, id, body);
        expect({ status: res.status, error: res.body.error }).toEqual({
          status: 409,
          error: { code: 'CONFLICT', message: expect.any(String), details: { kind: 'dialer' } },
        });
        expect(await callRows(tenant)).toEqual(before);
      }
      const res = await put(tenant, id, { notes: 'Call back on Monday' });
      expect(res.body.data).toMatchObject({
        notes: 'Call back on Monday',
        disposition: 'no_answer',
        kind: 'dialer',
      });
      // Named with its article: "an inbound call", not "a inbound call".
      const inbound = await insertCallRow(api.db, tenant.id, {
        kind: 'inbound',
        direction: 'inbound',
        disposition: 'missed',
        end_time: NOW,
      });
      expect((await put(tenant, inbound, { duration: 5 })).body.error.message).toBe(
        'The status, duration and disposition of an inbound call come from the provider; only its notes change',
      );
    });

    it("lets an agent-role user update its own agent's calls only; unknown ids are 404", async () => {
      const tenant = await usTenant();
      const agentUser = await createUser(api.http, tenant, 'agent');
      const own = await insertAgentRow(api.db, tenant.id, { user_id: agentUser.id });
      const mine = await insertCallRow(api.db, tenant.id, { agent_id: own, end_time: NOW });
      const notMine = await insertCallRow(api.db, tenant.id, { end_time: NOW });
      expect((await put(tenant, mine, { notes: 'mine' }, agentUser.headers)).status).toBe(200);
      expectError(await put(tenant, notMine, { notes: 'theirs' }, agentUser.headers), 404, 'NOT_FOUND');
      expectError(await put(tenant, randomUUID(), { notes: 'x' }), 404, 'NOT_FOUND', 'Call not found');
      const leg = await insertCallRow(api.db, tenant.id, { kind: 'agent_leg', parent_call_id: mine });
      expectError(await put(tenant, leg, { notes: 'x' }), 404, 'NOT_FOUND');
      const notes = await api.db.query(
        'SELECT id, notes FROM calls WHERE tenant_id = $1 ORDER BY created_at, id',
        [tenant.id],
      );
      expect(Object.fromEntries(notes.map((r: Json) => [r.id, r.notes]))).toEqual({
        [mine]: 'mine',
        [notMine]: null,
        [leg]: null,
      });
    });
  });
});
