import {
  countRows,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  TestUser,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { CampaignRows } from './campaign-rows.fixture';

/**
 * Issue 5 item 6 (seed 002's outreach engine): a campaign lead's history, oldest first, with its enrollment; a
 * manual message recorded as the caller's with the campaign, sent through the simulator, pausing the lead's
 * automation; the contact policy and the manual-send rate limit apply. Campaign rows are written in SQL.
 */
describe('a campaign lead: history and manual messages (e2e)', () => {
  const { api } = useTestApiAndWorker({ env: { WORKER_QUEUES: 'outbound-messages' } });
  let tenant: TestTenant;
  let manager: TestUser;
  let rows: CampaignRows;
  const HOUR = 3_600_000;

  async function lead(name: string, phone: string): Promise<string> {
    const email = `${name.toLowerCase()}-${Date.now()}@example.test`;
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: name, phone, email });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }
  const path = (c: string, l: string, what: string) => `/api/campaigns/${c}/leads/${l}/${what}`;
  const history = (c: string, l: string, query = '') =>
    api.http.get(`${path(c, l, 'conversation')}${query}`).set(manager.headers);
  const send = (c: string, l: string, body: object) =>
    api.http
      .post(path(c, l, 'messages'))
      .set(manager.headers)
      .send(body);
  const messages = () => countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    rows = new CampaignRows(api.db, tenant.id);
    const sms = await api.http
      .put('/api/config/channels/sms')
      .set(tenant.admin.headers)
      .send({ provider: 'simulator' });
    expect(sms.status).toBe(200);
  });

  describe('GET conversation', () => {
    let campaign: { id: string; steps: string[] };
    let ada: string;
    const m: Record<string, string> = {};
    let at: (minutes: number) => Date;

    beforeAll(async () => {
      ada = await lead('Ada', '+14155550601');
      const ben = await lead('Ben', '+14155550602');
      campaign = await rows.campaign('active', [{ type: 'SMS' }, { type: 'DELAY' }, { type: 'EMAIL' }]);
      await rows.enroll(campaign.id, ada, {
        current_step: 1,
        next_action_at: new Date(api.clock.nowMs() + HOUR),
      });
      await rows.enroll(campaign.id, ben);
      const t0 = api.clock.nowMs() - HOUR;
      at = (minutes) => new Date(t0 + minutes * 60_000);
      const other = await rows.campaign('active', [{ type: 'WHATSAPP' }]);
      const [sms, , email] = campaign.steps;
      // Written out of order: the history orders by time. The last three are not this campaign's history: another
      // channel untagged, another campaign's, another lead's.
      const seed: [
        string,
        string,
        string,
        'lead' | 'agent' | 'system',
        number,
        string | null,
        string | null,
      ][] = [
        ['email', ada, 'email', 'system', 4, campaign.id, email],
        ['first', ada, 'sms', 'system', 0, campaign.id, sms],
        ['reply', ada, 'sms', 'lead', 1, null, null],
        ['manual', ada, 'sms', 'agent', 2, null, null],
        ['tagged', ada, 'whatsapp', 'agent', 5, campaign.id, null],
        ['elsewhere', ada, 'whatsapp', 'agent', 3, null, null],
        ['otherCampaign', ada, 'whatsapp', 'system', 6, other.id, null],
        ['otherLead', ben, 'sms', 'system', 7, campaign.id, sms],
      ];
      for (const [key, leadId, channel, sender, minute, campaignId, stepId] of seed) {
        m[key] = await rows.message({
          lead: leadId,
          channel,
          direction: sender === 'lead' ? 'inbound' : 'outbound',
          sender,
          content: key,
          at: at(minute),
          campaign_id: campaignId,
          step_id: stepId,
        });
      }
    });

    it("lists the lead's messages on the campaign's channels and the campaign's own, oldest first, with the enrollment", async () => {
      const res = await history(campaign.id, ada);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ total: 5, limit: 50, offset: 0 });
      expect(res.body.data.enrollment).toMatchObject({
        campaign_id: campaign.id,
        lead_id: ada,
        status: 'waiting',
        current_step: 1,
        ai_paused: false,
        next_action_at: new Date(api.clock.nowMs() + HOUR).toISOString(),
      });
      const got = res.body.data.messages;
      expect(got.map((x: { id: string }) => x.id)).toEqual([m.first, m.reply, m.manual, m.email, m.tagged]);
      expect(got[0]).toMatchObject({
        direction: 'outbound',
        sender: 'system',
        channel: 'sms',
        content: 'first',
        status: 'delivered',
        campaign_id: campaign.id,
        step_id: campaign.steps[0],
        created_at: at(0).toISOString(),
      });
      expect(got[1]).toMatchObject({
        direction: 'inbound',
        sender: 'lead',
        channel: 'sms',
        content: 'reply',
        status: 'received',
        campaign_id: null,
      });
      expect(got[2]).toMatchObject({ sender: 'agent', content: 'manual', campaign_id: null });
      expect(got[4]).toMatchObject({ channel: 'whatsapp', sender: 'agent', campaign_id: campaign.id });
    });

    it('pages the messages with limit and offset, or page', async () => {
      const byOffset = await history(campaign.id, ada, '?limit=2&offset=2');
      expect(byOffset.body.data.messages.map((x: { id: string }) => x.id)).toEqual([m.manual, m.email]);
      expect(byOffset.body.meta).toEqual({ total: 5, limit: 2, offset: 2 });
      const byPage = await history(campaign.id, ada, '?limit=2&page=3');
      expect(byPage.body.data.messages.map((x: { id: string }) => x.id)).toEqual([m.tagged]);
      expect(byPage.body.meta).toEqual({ total: 5, limit: 2, offset: 4 });
      expectValidation(await history(campaign.id, ada, '?limit=101'), ['limit']);
    });

    it('is a 404 for a missing campaign or lead, a lead not enrolled, an archived campaign', async () => {
      const cy = await lead('Cy', '+14155550603');
      const archived = await rows.campaign('active', [{ type: 'SMS' }], true);
      await rows.enroll(archived.id, ada);
      const missing = '0190f3a2-7b1c-7d2e-8f90-000000000000';
      const cases: [string, string, string][] = [
        [missing, ada, 'Campaign not found'],
        ['nope', ada, 'Campaign not found'],
        [archived.id, ada, 'Campaign not found'],
        [campaign.id, missing, 'Lead not found'],
        [campaign.id, 'nope', 'Lead not found'],
        [campaign.id, cy, 'The lead is not enrolled in this campaign'],
      ];
      for (const [c, l, message] of cases) expectError(await history(c, l), 404, 'NOT_FOUND', message);
    });
  });

  describe('POST messages', () => {
    it("records a manual message as the caller's with the campaign, sends it, and pauses the lead's automation", async () => {
      const dan = await lead('Dan', '+14155550604');
      const c = await rows.campaign('active', [{ type: 'DELAY' }, { type: 'SMS' }, { type: 'EMAIL' }]);
      const next = new Date(api.clock.nowMs() + HOUR);
      const e = await rows.enroll(c.id, dan, { current_step: 1, next_action_at: next });
      const res = await send(c.id, dan, { content: 'Hi Dan, Sam here' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        lead_id: dan,
        campaign_id: c.id,
        step_id: null,
        channel: 'sms',
        direction: 'outbound',
        sender: 'agent',
        sender_user_id: manager.id,
        content: 'Hi Dan, Sam here',
        status: 'queued',
      });
      expect(await rows.enrollment(e)).toMatchObject({
        ai_paused: true,
        status: 'waiting',
        current_step: 1,
        next_action_at: next,
      });
      expect(await rows.aiModes(dan)).toEqual({ sms: 'human' });
      const sent = await waitFor(async () => {
        const [r] = await api.db.query('SELECT status, provider FROM messages WHERE id = $1', [
          res.body.data.id,
        ]);
        return ['sent', 'delivered'].includes(r.status) ? r : undefined;
      });
      expect(sent.provider).toBe('simulator');
      const listed = await history(c.id, dan);
      expect(listed.body.data.messages.map((x: { id: string }) => x.id)).toEqual([res.body.data.id]);
      expect(listed.body.data.enrollment.ai_paused).toBe(true);

      const email = await send(c.id, dan, { body: 'The quote', channel: 'email', subject: 'Your quote' });
      expect(email.status).toBe(201);
      expect(email.body.data).toMatchObject({ channel: 'email', subject: 'Your quote', campaign_id: c.id });
    });

    it('writes to a lead whose enrollment has ended, leaving the enrollment as it is', async () => {
      const eve = await lead('Eve', '+14155550605');
      const c = await rows.campaign('active', [{ type: 'SMS' }]);
      const e = await rows.enroll(c.id, eve, { status: 'replied', current_step: 1 });
      expect((await send(c.id, eve, { body: 'Thanks for your reply' })).status).toBe(201);
      expect(await rows.enrollment(e)).toMatchObject({ status: 'replied', ai_paused: false });
    });

    it('refuses bad input, a policy violation (422 with the rule) and a lead not enrolled, recording nothing', async () => {
      const fay = await lead('Fay', '+14155550606');
      const c = await rows.campaign('active', [{ type: 'SMS' }]);
      const delayOnly = await rows.campaign('active', [{ type: 'DELAY' }]);
      const callFirst = await rows.campaign('active', [{ type: 'CALL' }, { type: 'SMS' }]);
      const enrollments = [
        await rows.enroll(c.id, fay),
        await rows.enroll(delayOnly.id, fay),
        await rows.enroll(callFirst.id, fay),
      ];
      const before = await messages();
      expectValidation(await send(c.id, fay, {}), ['body']);
      expectValidation(await send(c.id, fay, { body: 'x', channel: 'fax' }), ['channel']);
      expectValidation(await send(delayOnly.id, fay, { body: 'x' }), ['channel']);
      expectValidation(await send(callFirst.id, fay, { body: 'x' }), ['channel']);
      await api.db.query(`UPDATE leads SET opted_out_channels = '{sms}' WHERE id = $1`, [fay]);
      const refused = await send(c.id, fay, { body: 'Still there?' });
      expect({ status: refused.status, body: refused.body }).toEqual({
        status: 422,
        body: {
          success: false,
          error: {
            code: 'POLICY_VIOLATION',
            message: 'The lead opted out of sms',
            details: { rule: 'opted_out' },
          },
        },
      });
      const stranger = await lead('Gus', '+14155550607');
      expectError(await send(c.id, stranger, { body: 'x' }), 404, 'NOT_FOUND');
      expect(await messages()).toBe(before);
      expect(await rows.aiModes(fay)).toEqual({});
      for (const e of enrollments) expect(await rows.enrollment(e)).toMatchObject({ ai_paused: false });
    });

    it('counts against the manual-send rate limit shared with the inbox routes; override does not', async () => {
      const limited = await createTestApi({
        env: { RATE_LIMIT_MESSAGES_POINTS: '1', RATE_LIMIT_MESSAGES_WINDOW_SECONDS: '3600' },
      });
      try {
        const hal = await lead('Hal', '+14155550608');
        const c = await rows.campaign('active', [{ type: 'SMS' }]);
        await rows.enroll(c.id, hal);
        const first = await limited.http
          .post(path(c.id, hal, 'messages'))
          .set(manager.headers)
          .send({ body: 'Hi' });
        expect(first.status).toBe(201);
        expect(first.headers['x-ratelimit-limit']).toBe('1');
        const before = await messages();
        const inbox = await limited.http
          .post(`/api/leads/${hal}/messages`)
          .set(manager.headers)
          .send({ body: 'Hi' });
        expect(inbox.status).toBe(429);
        const again = await limited.http
          .post(path(c.id, hal, 'messages'))
          .set(manager.headers)
          .send({ body: 'Hi' });
        expect(again.status).toBe(429);
        expect(again.body.error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', details: { limit: 1 } });
        expect(await messages()).toBe(before);
        expect((await limited.http.post(path(c.id, hal, 'override')).set(manager.headers)).status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
});
