import { OutboundMessagesService } from '@app/domain';
import {
  countRows,
  createTenant,
  createUser,
  expectError,
  TestTenant,
  TestUser,
  useTestApi,
} from '@app/testing';
import { CampaignRows } from './campaign-rows.fixture';

/**
 * Issue 5 item 6, DESIGN §7.5: override and cede on one campaign lead (state, next_action_at, conversations,
 * activity, idempotence, 409 on an ended enrollment), a manual message from any inbox route pausing all the lead's
 * running enrollments, roles (manager and up) and tenancy (404). Campaign rows are written in SQL.
 */
describe('override and cede (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let manager: TestUser;
  let agent: TestUser;
  let rows: CampaignRows;
  let phone = 100;
  const HOUR = 3_600_000;

  async function lead(name = 'Lee'): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: name, phone: `+1415555${String(++phone).padStart(4, '0')}` });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }
  const path = (c: string, l: string, what: string) => `/api/campaigns/${c}/leads/${l}/${what}`;
  const post = (action: 'override' | 'cede', c: string, l: string, user: { headers: object } = manager) =>
    api.http.post(path(c, l, action)).set(user.headers as Record<string, string>);
  const logged = (type?: string) =>
    countRows(api.db, 'activity_log', 'tenant_id = $1 AND ($2::text IS NULL OR type = $2)', [
      tenant.id,
      type ?? null,
    ]);

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    agent = await createUser(api.http, tenant, 'agent');
    rows = new CampaignRows(api.db, tenant.id);
  });

  it('override pauses and hands the conversation to a human; cede resumes; each is idempotent and logged once', async () => {
    const ada = await lead('Ada');
    const c = await rows.campaign('active', [{ type: 'SMS' }, { type: 'DELAY' }, { type: 'EMAIL' }]);
    const due = new Date(api.clock.nowMs() - 60_000);
    const e = await rows.enroll(c.id, ada, { status: 'queued', current_step: 2, next_action_at: due });
    await rows.conversation(ada, 'sms');
    await rows.conversation(ada, 'whatsapp');

    api.clock.advance(1000);
    const overridden = await post('override', c.id, ada);
    expect(overridden.status).toBe(200);
    expect(overridden.body.data).toMatchObject({
      id: e,
      campaign_id: c.id,
      lead_id: ada,
      status: 'queued',
      current_step: 2,
      ai_paused: true,
      next_action_at: due.toISOString(),
      updated_at: api.clock.now().toISOString(),
    });
    expect(await rows.aiModes(ada)).toEqual({ sms: 'human', whatsapp: 'auto' });
    const [entry] = await api.db.query(
      `SELECT actor_user_id, data FROM activity_log WHERE tenant_id = $1 AND type = 'campaign.lead_overridden'`,
      [tenant.id],
    );
    expect(entry).toEqual({
      actor_user_id: manager.id,
      data: { campaign_id: c.id, lead_id: ada, enrollment_id: e },
    });
    const paused = await rows.enrollment(e);
    api.clock.advance(1000);
    const again = await post('override', c.id, ada);
    expect(again.body.data).toEqual(overridden.body.data);
    expect(await rows.enrollment(e)).toEqual(paused);
    expect(await logged('campaign.lead_overridden')).toBe(1);

    api.clock.advance(1000);
    const ceded = await post('cede', c.id, ada);
    expect(ceded.status).toBe(200);
    // The step taken while paused waits again; its time is kept, so the scheduler takes it on its next tick.
    expect(ceded.body.data).toMatchObject({
      status: 'waiting',
      current_step: 2,
      ai_paused: false,
      next_action_at: due.toISOString(),
      updated_at: api.clock.now().toISOString(),
    });
    expect(await rows.aiModes(ada)).toEqual({ sms: 'auto', whatsapp: 'auto' });
    const resumed = await rows.enrollment(e);
    api.clock.advance(1000);
    expect((await post('cede', c.id, ada)).body.data).toEqual(ceded.body.data);
    expect(await rows.enrollment(e)).toEqual(resumed);
    expect(await logged('campaign.lead_ceded')).toBe(1);
  });

  it('cede: due now unless a DELAY is pending or the dialer holds it; a draft campaign keeps no time; an unpaused enrollment is left alone', async () => {
    const active = await rows.campaign('active', [{ type: 'SMS' }, { type: 'DELAY' }, { type: 'SMS' }]);
    const draft = await rows.campaign('draft', [{ type: 'SMS' }]);
    const later = new Date(api.clock.nowMs() + 24 * HOUR);
    const taken = new Date(api.clock.nowMs() - HOUR);
    const cases = [
      // In the dialer's pool, due: waits again, as it was due.
      {
        campaign: active.id,
        from: { status: 'in_progress', next_action_at: taken },
        to: 'waiting',
        at: taken,
      },
      // Taken by the dialer (on a call, or offered): left to that call's end, never due again now.
      {
        campaign: active.id,
        from: { status: 'in_progress', next_action_at: null },
        to: 'in_progress',
        at: null,
      },
      { campaign: active.id, from: { status: 'queued', next_action_at: null }, to: 'waiting', at: 'now' },
      { campaign: active.id, from: { status: 'waiting', next_action_at: later }, to: 'waiting', at: later },
      { campaign: active.id, from: { status: 'pending', next_action_at: null }, to: 'pending', at: 'now' },
      { campaign: draft.id, from: { status: 'pending', next_action_at: null }, to: 'pending', at: null },
    ] as const;
    for (const { campaign, from, to, at } of cases) {
      const l = await lead();
      await rows.enroll(campaign, l, { ...from, current_step: 2, ai_paused: true });
      const now = api.clock.advance(1000);
      const res = await post('cede', campaign, l);
      expect({ from, body: res.body.data }).toEqual({
        from,
        body: expect.objectContaining({
          status: to,
          current_step: 2,
          ai_paused: false,
          next_action_at: at === 'now' ? now.toISOString() : (at?.toISOString() ?? null),
        }),
      });
    }
    const l = await lead();
    const e = await rows.enroll(active.id, l, { status: 'queued', next_action_at: taken });
    const before = await rows.enrollment(e);
    const logs = await logged();
    expect((await post('cede', active.id, l)).body.data).toMatchObject({
      status: 'queued',
      ai_paused: false,
    });
    expect(await rows.enrollment(e)).toEqual(before);
    expect(await logged()).toBe(logs);
  });

  it.each([
    ['overrides in two campaigns', 'override'],
    ['a manual message from the inbox', 'manual'],
  ])(
    'after %s, the first cede leaves the shared conversation human, the second hands it back',
    async (_, how) => {
      const l = await lead();
      const a = await rows.campaign('active', [{ type: 'SMS' }]);
      const b = await rows.campaign('active', [
        { type: 'EMAIL' },
        { type: 'AI_MESSAGE', options: { channel: 'sms' } },
      ]);
      const ended = await rows.campaign('active', [{ type: 'SMS' }]);
      const enrollments = [await rows.enroll(a.id, l), await rows.enroll(b.id, l)];
      // An ended enrollment left paused holds nothing.
      await rows.enroll(ended.id, l, { status: 'stopped', ai_paused: true });
      await rows.conversation(l, 'sms');
      await rows.conversation(l, 'email');
      // The manual message is an SMS: it hands that conversation to a human, and pauses both running enrollments.
      const email = how === 'override' ? 'human' : 'auto';
      if (how === 'override') {
        for (const c of [a, b]) expect((await post('override', c.id, l)).status).toBe(200);
      } else {
        const sent = await api.http
          .post('/api/messages')
          .set(manager.headers)
          .send({ lead_id: l, channel: 'sms', body: 'A human here' });
        expect(sent.status).toBe(201);
      }
      expect(await rows.aiModes(l)).toEqual({ sms: 'human', email });

      expect((await post('cede', a.id, l)).body.data).toMatchObject({ ai_paused: false });
      // B still holds the lead on SMS (its AI step).
      expect(await rows.aiModes(l)).toEqual({ sms: 'human', email });
      expect((await rows.enrollment(enrollments[1])).ai_paused).toBe(true);

      expect((await post('cede', b.id, l)).body.data).toMatchObject({ ai_paused: false });
      expect(await rows.aiModes(l)).toEqual({ sms: 'auto', email: 'auto' });
    },
  );

  it("an override stops the lead's sends from every campaign: its running enrollments all pause; each cede resumes its own", async () => {
    const l = await lead();
    const other = await lead();
    const a = await rows.campaign('active', [{ type: 'SMS' }]);
    const b = await rows.campaign('active', [{ type: 'EMAIL' }]);
    const c = await rows.campaign('paused', [{ type: 'CALL' }]);
    const ended = await rows.campaign('active', [{ type: 'SMS' }]);
    const ids = {
      a: await rows.enroll(a.id, l),
      b: await rows.enroll(b.id, l, { status: 'waiting', current_step: 1 }),
      c: await rows.enroll(c.id, l, { status: 'pending' }),
      ended: await rows.enroll(ended.id, l, { status: 'completed' }),
      bystander: await rows.enroll(b.id, other),
    };
    const paused = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(ids).map(async ([k, e]) => [k, (await rows.enrollment(e)).ai_paused] as const),
        ),
      );
    const logs = await logged('campaign.lead_overridden');
    expect((await post('override', a.id, l)).body.data).toMatchObject({ id: ids.a, ai_paused: true });
    expect(await paused()).toEqual({ a: true, b: true, c: true, ended: false, bystander: false });
    expect(await logged('campaign.lead_overridden')).toBe(logs + 1);
    // Overriding again in another campaign changes nothing more.
    expect((await post('override', b.id, l)).body.data).toMatchObject({ id: ids.b, ai_paused: true });
    expect(await logged('campaign.lead_overridden')).toBe(logs + 1);

    expect((await post('cede', b.id, l)).body.data).toMatchObject({ id: ids.b, ai_paused: false });
    expect(await paused()).toEqual({ a: true, b: false, c: true, ended: false, bystander: false });
  });

  it('overrides and cedes of one lead in several campaigns at once all answer, none deadlocked', async () => {
    const l = await lead();
    // Campaigns on channels without a conversation yet: no conversation lock puts them in turn.
    const campaigns = [
      await rows.campaign('active', [{ type: 'SMS' }]),
      await rows.campaign('active', [{ type: 'EMAIL' }]),
      await rows.campaign('active', [{ type: 'WHATSAPP' }]),
      await rows.campaign('active', [{ type: 'SMS' }]),
    ];
    for (const c of campaigns) await rows.enroll(c.id, l);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        campaigns.flatMap((c) => [post('override', c.id, l), post('cede', c.id, l)]),
      );
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    }
  });

  it('two cedes at once of the campaigns that hold a conversation hand it back', async () => {
    const l = await lead();
    const campaigns = [
      await rows.campaign('active', [{ type: 'SMS' }]),
      await rows.campaign('active', [{ type: 'SMS' }]),
    ];
    await rows.conversation(l, 'sms');
    for (const c of campaigns) {
      await rows.enroll(c.id, l);
      expect((await post('override', c.id, l)).status).toBe(200);
    }
    const ceded = await Promise.all(campaigns.map((c) => post('cede', c.id, l)));
    expect(ceded.map((res) => res.status)).toEqual([200, 200]);
    expect(await rows.aiModes(l)).toEqual({ sms: 'auto' });
  });

  it.each(['replied', 'completed', 'stopped', 'dnc', 'failed'] as const)(
    'override and cede on a %s enrollment are 409 CONFLICT and change nothing',
    async (status) => {
      const l = await lead();
      const c = await rows.campaign('active', [{ type: 'SMS' }]);
      const e = await rows.enroll(c.id, l, { status, ai_paused: status === 'stopped' });
      await rows.conversation(l, 'sms', { ai_mode: 'human' });
      const before = { row: await rows.enrollment(e), modes: await rows.aiModes(l), logs: await logged() };
      for (const action of ['override', 'cede'] as const) {
        const res = await post(action, c.id, l);
        expect({ status: res.status, body: res.body }).toEqual({
          status: 409,
          body: {
            success: false,
            error: { code: 'CONFLICT', message: expect.stringContaining(status), details: { status } },
          },
        });
      }
      expect({ row: await rows.enrollment(e), modes: await rows.aiModes(l), logs: await logged() }).toEqual(
        before,
      );
    },
  );

  describe('a manual message from the inbox', () => {
    let campaigns: { a: string; b: string; ended: string };
    beforeAll(async () => {
      campaigns = {
        a: (await rows.campaign('active', [{ type: 'SMS' }])).id,
        b: (await rows.campaign('paused', [{ type: 'EMAIL' }, { type: 'SMS' }])).id,
        ended: (await rows.campaign('active', [{ type: 'SMS' }])).id,
      };
    });

    async function enrolled() {
      const id = await lead();
      return {
        id,
        a: await rows.enroll(campaigns.a, id, { status: 'waiting', current_step: 1 }),
        b: await rows.enroll(campaigns.b, id, { status: 'pending' }),
        ended: await rows.enroll(campaigns.ended, id, { status: 'completed' }),
      };
    }
    const pausedOf = async (x: { a: string; b: string; ended: string }) =>
      [x.a, x.b, x.ended].map(async (e) => (await rows.enrollment(e)).ai_paused);

    it.each([
      ['POST /api/conversations/:id/messages, by the assigned agent', 'conversation'],
      ['POST /api/messages', 'messages'],
      ['POST /api/leads/:id/messages', 'lead'],
      ['POST /api/sms/send', 'sms'],
    ])("%s pauses the lead's running enrollments, not an ended one, not another lead's", async (_, route) => {
      const target = await enrolled();
      const bystander = await enrolled();
      const conversation = await rows.conversation(target.id, 'sms', { assigned: agent.id });
      const requests = {
        conversation: () => api.http.post(`/api/conversations/${conversation}/messages`).set(agent.headers),
        messages: () =>
          api.http.post('/api/messages').set(manager.headers).send({ lead_id: target.id, channel: 'sms' }),
        lead: () =>
          api.http.post(`/api/leads/${target.id}/messages`).set(manager.headers).send({ channel: 'sms' }),
        sms: () => api.http.post('/api/sms/send').set(manager.headers).send({ lead_id: target.id }),
      };
      const res = await requests[route as keyof typeof requests]().send({ body: 'A human here' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ sender: 'agent', campaign_id: null, lead_id: target.id });
      expect(await Promise.all(await pausedOf(target))).toEqual([true, true, false]);
      expect(await Promise.all(await pausedOf(bystander))).toEqual([false, false, false]);
    });

    it('PATCH ai_mode human takes the lead over; auto is a 409 naming the campaigns that hold it, until they cede', async () => {
      const target = await enrolled();
      const telegram = await rows.conversation(target.id, 'telegram', { assigned: agent.id });
      const patch = (ai_mode: string) =>
        api.http.patch(`/api/conversations/${telegram}`).set(agent.headers).send({ ai_mode });
      expect((await patch('human')).body.data).toMatchObject({ ai_mode: 'human' });
      expect(await Promise.all(await pausedOf(target))).toEqual([true, true, false]);

      const refused = await patch('auto');
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'CONFLICT',
        details: { campaign_ids: [campaigns.a, campaigns.b].sort() },
      });
      expect(await rows.aiModes(target.id)).toEqual({ telegram: 'human' });
      expect(await Promise.all(await pausedOf(target))).toEqual([true, true, false]);

      for (const c of [campaigns.a, campaigns.b]) expect((await post('cede', c, target.id)).status).toBe(200);
      expect((await patch('auto')).body.data).toMatchObject({ ai_mode: 'auto' });
      expect(await rows.aiModes(target.id)).toEqual({ telegram: 'auto' });
    });

    it('an automated (system) message pauses nothing', async () => {
      const target = await enrolled();
      await api.app.get(OutboundMessagesService).send(tenant.id, {
        lead_id: target.id,
        channel: 'sms',
        body: 'Step one',
        sender: 'system',
        campaign_id: campaigns.a,
      });
      expect(await Promise.all(await pausedOf(target))).toEqual([false, false, false]);
    });
  });

  describe('access', () => {
    let c: string;
    let l: string;
    let e: string;
    const routes = (campaign: string, leadId: string) =>
      [
        ['get', path(campaign, leadId, 'conversation')],
        ['post', path(campaign, leadId, 'messages')],
        ['post', path(campaign, leadId, 'override')],
        ['post', path(campaign, leadId, 'cede')],
      ] as const;
    beforeAll(async () => {
      l = await lead();
      c = (await rows.campaign('active', [{ type: 'SMS' }])).id;
      e = await rows.enroll(c, l, { ai_paused: true });
      await rows.conversation(l, 'sms', { assigned: agent.id });
    });

    it('agents get 403 on every campaign route, even for a lead assigned to them; nothing changes', async () => {
      const before = {
        row: await rows.enrollment(e),
        messages: await countRows(api.db, 'messages', 'lead_id = $1', [l]),
      };
      for (const [method, url] of routes(c, l)) {
        expectError(
          await api.http[method](url).set(agent.headers).send({ body: 'x' }),
          403,
          'AUTHORIZATION_FAILED',
        );
      }
      expect({
        row: await rows.enrollment(e),
        messages: await countRows(api.db, 'messages', 'lead_id = $1', [l]),
      }).toEqual(before);
      expect((await api.http.get(path(c, l, 'conversation')).set(tenant.admin.headers)).status).toBe(200);
    });

    it("another tenant gets 404 on every route with the first's ids, and nothing changes", async () => {
      const other = await createTenant(api.http);
      const before = {
        row: await rows.enrollment(e),
        messages: await countRows(api.db, 'messages', 'lead_id = $1', [l]),
      };
      for (const [method, url] of routes(c, l)) {
        expectError(
          await api.http[method](url).set(other.admin.headers).send({ body: 'x' }),
          404,
          'NOT_FOUND',
          'Campaign not found',
        );
      }
      expect({
        row: await rows.enrollment(e),
        messages: await countRows(api.db, 'messages', 'lead_id = $1', [l]),
      }).toEqual(before);
    });
  });
});
