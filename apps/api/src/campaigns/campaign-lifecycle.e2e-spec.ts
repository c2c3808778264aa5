import { SenderThrottleService } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import { createTenant, ISO_TIMESTAMP, TestTenant, useTestApi } from '@app/testing';
import type { Response } from 'supertest';

type Json = Record<string, unknown>;
type Action = 'start' | 'launch' | 'send' | 'pause' | 'resume' | 'cancel';

/**
 * Issue 5 item 2: start (launch), send, pause, resume, cancel. The worker's scheduler is not running here: these
 * tests read the rows and the `campaign-steps` queue, where `campaigns.fanout` waits for it.
 */
describe('campaign lifecycle (e2e)', () => {
  // A Twilio long code's rate, for the senders' lines (no worker runs: nothing is sent here).
  const api = useTestApi({ env: { SEND_RATE_SMS_PER_SECOND: '1' } });

  const now = () => api.clock.now().toISOString();
  const act = (t: TestTenant, id: string, action: Action) =>
    api.http.post(`/api/campaigns/${id}/${action}`).set(t.admin.headers);

  async function campaign(t: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/campaigns').set(t.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create campaign answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  /** `n` leads of the tenant, straight into Postgres (uuidv7-like ids are not needed here). */
  async function leads(t: TestTenant, n: number, extra = ''): Promise<string[]> {
    const rows: { id: string }[] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, email, phone, phone_normalized)
       SELECT $1, 'Lead ' || g, 'lead' || g || '-' || $2 || '@example.com', '+1415555' || lpad(g::text, 4, '0'),
              '+1415555' || lpad(g::text, 4, '0')
         FROM generate_series(1, $3::int) g
       RETURNING id`,
      [t.id, extra || Math.random().toString(36).slice(2), n],
    );
    return rows.map((r) => r.id);
  }

  async function fanouts(campaignId: string): Promise<Json[]> {
    const queue = api.app.get(JobProducer).queue(QueueName.CampaignSteps);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'paused']);
    return jobs
      .filter((j) => j.name === 'campaigns.fanout' && (j.data as Json).campaign_id === campaignId)
      .map((j) => j.data as Json);
  }

  async function state(t: TestTenant, id: string) {
    return {
      campaign: await api.db.query('SELECT * FROM campaigns WHERE tenant_id = $1 AND id = $2', [t.id, id]),
      steps: await api.db.query(
        'SELECT * FROM campaign_steps WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY id',
        [t.id, id],
      ),
      enrollments: await api.db.query(
        'SELECT * FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY id',
        [t.id, id],
      ),
      fanouts: (await fanouts(id)).length,
    };
  }

  const enrollments = (t: TestTenant, id: string) =>
    api.db.query(
      `SELECT status, current_step, attempts, next_action_at, stop_reason FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2`,
      [t.id, id],
    );

  function expectConflict(res: Response, details: Json, message?: unknown): void {
    expect({ status: res.status, body: res.body }).toEqual({
      status: 409,
      body: { success: false, error: { code: 'CONFLICT', message: message ?? expect.any(String), details } },
    });
  }

  const SMS_STEPS = [
    { type: 'SMS', content: 'Hi {{first_name|there}}' },
    { type: 'DELAY', content: '24' },
    { type: 'SMS', content: 'Still there?' },
  ];

  /** A campaign in `status`: through the API where a route leads there, in SQL for the engine's statuses. */
  async function inStatus(t: TestTenant, status: string): Promise<string> {
    const later = status === 'scheduled' ? { schedule_start: new Date(api.clock.nowMs() + 86_400_000) } : {};
    const id = await campaign(t, { name: `In ${status}`, steps: SMS_STEPS, ...later });
    await leads(t, 2);
    expect(
      (await api.http.post(`/api/campaigns/${id}/leads`).set(t.admin.headers).send({ target_filter: 'ALL' }))
        .status,
    ).toBe(200);
    if (status === 'draft') return id;
    if (status === 'completed') {
      await api.db.query(`UPDATE campaigns SET status = 'completed' WHERE tenant_id = $1 AND id = $2`, [
        t.id,
        id,
      ]);
      return id;
    }
    expect((await act(t, id, 'start')).status).toBe(200);
    if (status === 'paused') expect((await act(t, id, 'pause')).status).toBe(200);
    if (status === 'cancelled') expect((await act(t, id, 'cancel')).status).toBe(200);
    return id;
  }

  describe('start', () => {
    it('at 100 leads: answers queued=100 at once, leaves 100 enrollments queued now, enqueues campaigns.fanout for them', async () => {
      const t = await createTenant(api.http);
      await leads(t, 100);
      const id = await campaign(t, { name: 'Welcome', target_filter: 'ALL', steps: SMS_STEPS });
      const res = await act(t, id, 'start');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        queued: 100,
        campaign: expect.objectContaining({ id, status: 'active', started_at: now(), total_leads: 100 }),
      });
      const rows = await enrollments(t, id);
      expect(rows).toHaveLength(100);
      for (const row of rows) {
        expect(row).toEqual({
          status: 'queued',
          current_step: 0,
          attempts: 0,
          next_action_at: new Date(now()),
          stop_reason: null,
        });
      }
      // Enrolled queued at once (no claim writes them again): the fan-out queues their jobs by the launch's stamp.
      expect(await fanouts(id)).toEqual([{ tenant_id: t.id, campaign_id: id, launch_queued_at: now() }]);
      const [activity] = await api.db.query(
        `SELECT type FROM activity_log WHERE tenant_id = $1 AND data->>'campaign_id' = $2 AND type = 'campaign.started'`,
        [t.id, id],
      );
      expect(activity).toEqual({ type: 'campaign.started' });
    });

    it('launch (seed 002) starts the leads enrolled at creation: their next_action_at is set', async () => {
      const t = await createTenant(api.http);
      const ids = await leads(t, 3);
      const id = await campaign(t, {
        name: 'Seed 002',
        subjectLine: 'Hello',
        template: 'Hi {{firstName}}',
        leadIds: ids,
      });
      expect((await enrollments(t, id)).map((r: Json) => r.next_action_at)).toEqual([null, null, null]);
      const res = await act(t, id, 'launch');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ queued: 3, campaign: { status: 'active' } });
      expect((await enrollments(t, id)).map((r: Json) => r.next_action_at)).toEqual(
        Array(3).fill(new Date(now())),
      );
      expect(await fanouts(id)).toHaveLength(1);
    });

    it('with a target filter enrolls only the leads it matches', async () => {
      const t = await createTenant(api.http);
      const ids = await leads(t, 5);
      await api.db.query(`UPDATE leads SET tags = '{vip}' WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        t.id,
        ids.slice(0, 2),
      ]);
      const id = await campaign(t, { name: 'VIP', target_filter: { tags: ['vip'] }, steps: SMS_STEPS });
      const res = await act(t, id, 'start');
      expect(res.body.data.queued).toBe(2);
      const enrolled = await api.db.query(
        'SELECT lead_id FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY lead_id',
        [t.id, id],
      );
      expect(enrolled.map((r: Json) => r.lead_id)).toEqual(ids.slice(0, 2).sort());
    });

    it('with schedule_start ahead: scheduled; enrollments due at the schedule; no fan-out yet', async () => {
      const t = await createTenant(api.http);
      await leads(t, 2);
      const at = new Date(api.clock.nowMs() + 3 * 86_400_000);
      const id = await campaign(t, {
        name: 'Later',
        target_filter: 'ALL',
        schedule_start: at,
        steps: SMS_STEPS,
      });
      const res = await act(t, id, 'start');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ queued: 2, campaign: { status: 'scheduled', started_at: null } });
      expect((await enrollments(t, id)).map((r: Json) => r.next_action_at)).toEqual([at, at]);
      expect(await fanouts(id)).toEqual([]);
      // Not started yet: no start time in its analytics, and the date range of GET campaigns/analytics leaves it out.
      const analytics = await api.http.get(`/api/campaigns/${id}/analytics`).set(t.admin.headers);
      expect(analytics.body.data).toMatchObject({ status: 'scheduled', start_time: null });
      const today = now().slice(0, 10);
      const range = await api.http
        .get(`/api/campaigns/analytics?date_from=${today}&date_to=${today}`)
        .set(t.admin.headers);
      expect(range.body.data.campaign_count).toBe(0);
    });

    it('starts a campaign with AI_MESSAGE steps (issue 7): queued, the fan-out enqueued', async () => {
      const t = await createTenant(api.http);
      await leads(t, 2);
      const id = await campaign(t, {
        name: 'Mixed',
        target_filter: 'ALL',
        steps: [
          { type: 'AI_MESSAGE', content: 'Introduce the product', options: { channel: 'sms' } },
          { type: 'CALL', content: 'Script' },
          { type: 'DELAY', content: '1' },
          { type: 'AI_MESSAGE', content: 'Follow up' },
        ],
      });
      const res = await act(t, id, 'start');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ queued: 2, campaign: { status: 'active' } });
      expect(await fanouts(id)).toEqual([{ tenant_id: t.id, campaign_id: id, launch_queued_at: now() }]);
    });

    it('refuses an AI_MESSAGE step naming a channel the AI cannot write on (rows written past the API): 409, nothing changed', async () => {
      const t = await createTenant(api.http);
      await leads(t, 2);
      const id = await campaign(t, {
        name: 'Bad channel',
        target_filter: 'ALL',
        steps: [
          { type: 'SMS', content: 'Hi' },
          { type: 'AI_MESSAGE', content: 'Follow up', options: { channel: 'sms' } },
        ],
      });
      // The API refuses such a channel at save time (campaign-create-bad-input.e2e-spec); a row changed in SQL is
      // refused at start.
      await api.db.query(
        `UPDATE campaign_steps SET options = '{"channel": "voice"}' WHERE tenant_id = $1 AND campaign_id = $2
            AND type = 'AI_MESSAGE'`,
        [t.id, id],
      );
      const before = await state(t, id);
      for (const action of ['start', 'launch', 'send'] as const) {
        expectConflict(
          await act(t, id, action),
          { unsupported_steps: [{ position: 1, type: 'AI_MESSAGE', channel: 'voice' }] },
          "An AI_MESSAGE step's options.channel must be one of email, sms, whatsapp, telegram",
        );
      }
      expect(await state(t, id)).toEqual(before);
    });

    it("refuses a campaign without a message step: 409 no_steps, nothing changed (one sent with seed 001's dialing fields and no steps has its CALL step: campaign-seed-001)", async () => {
      const t = await createTenant(api.http);
      const window = {
        timezone: 'America/New_York',
        calling_hours_start: '09:00',
        calling_hours_end: '17:00',
      };
      for (const body of [
        { steps: [] },
        { steps: [{ type: 'DELAY', content: '2' }] },
        // No steps sent and no dialing field: a window and a retry policy are every campaign's.
        { ...window, retry_policy: { max_attempts: 2 } },
        // Steps sent win over the dialing fields.
        { caller_id: '+14155551234', steps: [] },
      ]) {
        const id = await campaign(t, { name: 'Empty', target_filter: 'ALL', ...body });
        const before = await state(t, id);
        expectConflict(await act(t, id, 'start'), { reason: 'no_steps' });
        expect(await state(t, id)).toEqual(before);
      }
    });

    it('refuses to start or send a campaign whose schedule has ended: 409 schedule_ended, nothing changed', async () => {
      const t = await createTenant(api.http);
      await leads(t, 1);
      const end = new Date(api.clock.nowMs() - 3_600_000).toISOString();
      const id = await campaign(t, {
        name: 'Over',
        target_filter: 'ALL',
        schedule_start: new Date(api.clock.nowMs() - 7_200_000).toISOString(),
        schedule_end: end,
        steps: [{ type: 'SMS', content: 'Hi' }],
      });
      const before = await state(t, id);
      for (const action of ['start', 'launch', 'send'] as const)
        expectConflict(await act(t, id, action), { reason: 'schedule_ended', schedule_end: end });
      expect(await state(t, id)).toEqual(before);
      expect(await fanouts(id)).toHaveLength(0);
    });

    it("starts a campaign sent with seed 001's dialing fields and no steps: its one CALL step connects to an agent", async () => {
      const t = await createTenant(api.http);
      await leads(t, 2);
      const id = await campaign(t, { name: 'Dials', target_filter: 'ALL', caller_id: '+14155551234' });
      const res = await act(t, id, 'start');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ queued: 2, campaign: { id, status: 'active' } });
      expect(await state(t, id)).toMatchObject({
        steps: [{ position: 0, type: 'CALL', options: { call_mode: 'connect_agent' } }],
      });
    });

    it('two concurrent starts: exactly one wins, the other is 409; leads are enrolled once', async () => {
      const t = await createTenant(api.http);
      await leads(t, 50);
      const id = await campaign(t, { name: 'Race', target_filter: 'ALL', steps: SMS_STEPS });
      const results = await Promise.all([act(t, id, 'start'), act(t, id, 'launch'), act(t, id, 'start')]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      for (const lost of results.filter((r) => r.status === 409)) {
        expectConflict(lost, { from: 'active', to: 'active' });
      }
      expect(await enrollments(t, id)).toHaveLength(50);
      expect(
        (await api.db.query('SELECT total_leads FROM campaigns WHERE id = $1', [id]))[0].total_leads,
      ).toBe(50);
      expect(await fanouts(id)).toHaveLength(1);
    });
  });

  describe('send', () => {
    it('a scheduled campaign becomes active now; its enrollments are due now; fan-out', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'scheduled');
      const res = await act(t, id, 'send');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ queued: 2, campaign: { status: 'active' } });
      expect((await enrollments(t, id)).map((r: Json) => r.next_action_at)).toEqual([
        new Date(now()),
        new Date(now()),
      ]);
      expect(await fanouts(id)).toHaveLength(1);
    });

    it('a draft becomes active at once, whatever its schedule says', async () => {
      const t = await createTenant(api.http);
      await leads(t, 2);
      const id = await campaign(t, {
        name: 'Now',
        target_filter: 'ALL',
        schedule_start: new Date(api.clock.nowMs() + 86_400_000),
        steps: SMS_STEPS,
      });
      const res = await act(t, id, 'send');
      expect(res.body.data).toMatchObject({ queued: 2, campaign: { status: 'active', started_at: now() } });
      expect((await enrollments(t, id)).map((r: Json) => r.next_action_at)).toEqual([
        new Date(now()),
        new Date(now()),
      ]);
    });

    it('an active campaign: stays active, its pending leads are taken now (another fan-out)', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'active');
      const res = await act(t, id, 'send');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ queued: 2, campaign: { status: 'active' } });
      expect(await fanouts(id)).toHaveLength(2);
    });
  });

  describe('pause, resume, cancel', () => {
    it('pause holds an active campaign; resume makes it active again with a fan-out; enrollments stay where they were', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'active');
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'waiting', current_step = 2 WHERE tenant_id = $1 AND campaign_id = $2`,
        [t.id, id],
      );
      const before = await enrollments(t, id);
      const paused = await act(t, id, 'pause');
      expect(paused.status).toBe(200);
      expect(paused.body.data).toMatchObject({
        id,
        status: 'paused',
        paused_at: now(),
        stats: { total_leads: 2 },
      });
      expect(await fanouts(id)).toHaveLength(1);
      const resumed = await act(t, id, 'resume');
      expect(resumed.status).toBe(200);
      expect(resumed.body.data.status).toBe('active');
      expect(await fanouts(id)).toHaveLength(2);
      expect(await enrollments(t, id)).toEqual(before);
    });

    it('pause holds a scheduled campaign too; resumed before its start, it is scheduled again', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'scheduled');
      const res = await act(t, id, 'pause');
      expect(res.body.data.status).toBe('paused');
      const resumed = await act(t, id, 'resume');
      expect(resumed.status).toBe(200);
      expect(resumed.body.data).toMatchObject({ status: 'scheduled', started_at: null });
      expect(await fanouts(id)).toHaveLength(0);
      // Its steps can still change, as a scheduled campaign's can.
      const edited = await api.http
        .patch(`/api/campaigns/${id}`)
        .set(t.admin.headers)
        .send({ steps: [{ type: 'SMS', content: 'Changed before the start' }] });
      expect(edited.status).toBe(200);
    });

    it('a scheduled campaign paused and resumed once its start has passed starts then: started_at is the resume', async () => {
      const t = await createTenant(api.http);
      const id = await campaign(t, {
        name: 'Soon',
        steps: SMS_STEPS,
        schedule_start: new Date(api.clock.nowMs() + 60_000),
      });
      expect((await act(t, id, 'start')).body.data.campaign).toMatchObject({ status: 'scheduled' });
      expect((await act(t, id, 'pause')).body.data).toMatchObject({ status: 'paused', started_at: null });
      const before = api.clock.now();
      try {
        api.clock.advance(120_000);
        const resumed = await act(t, id, 'resume');
        expect(resumed.body.data).toMatchObject({ status: 'active', started_at: now() });
      } finally {
        api.clock.set(before);
      }
    });

    it('refuses to resume a campaign whose schedule ended while it was paused: 409 schedule_ended, nothing changed', async () => {
      const t = await createTenant(api.http);
      await leads(t, 1);
      const end = new Date(api.clock.nowMs() + 60_000).toISOString();
      const id = await campaign(t, {
        name: 'Short',
        target_filter: 'ALL',
        schedule_end: end,
        steps: SMS_STEPS,
      });
      expect((await act(t, id, 'start')).status).toBe(200);
      expect((await act(t, id, 'pause')).status).toBe(200);
      const before = api.clock.now();
      try {
        api.clock.advance(120_000);
        const paused = await state(t, id);
        expectConflict(await act(t, id, 'resume'), { reason: 'schedule_ended', schedule_end: end });
        expect(await state(t, id)).toEqual(paused);
      } finally {
        api.clock.set(before);
      }
    });

    it.each(['draft', 'scheduled', 'active', 'paused'])(
      'cancel ends a %s campaign: every unfinished enrollment stops (cancelled), finished ones stay',
      async (status) => {
        const t = await createTenant(api.http);
        const id = await inStatus(t, status);
        const [first] = await api.db.query(
          `WITH one AS (
             UPDATE campaign_enrollments SET status = 'replied'
              WHERE id = (SELECT id FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2 LIMIT 1)
              RETURNING id)
           SELECT id FROM one`,
          [t.id, id],
        );
        const res = await act(t, id, 'cancel');
        expect(res.status).toBe(200);
        expect(res.body.data).toMatchObject({
          status: 'cancelled',
          cancelled_at: expect.stringMatching(ISO_TIMESTAMP),
        });
        const rows = await api.db.query(
          'SELECT id, status, stop_reason FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2',
          [t.id, id],
        );
        expect(rows).toHaveLength(2);
        for (const row of rows) {
          expect(row).toEqual(
            row.id === first.id
              ? { id: first.id, status: 'replied', stop_reason: null }
              : { id: row.id, status: 'stopped', stop_reason: 'cancelled' },
          );
        }
      },
    );
  });

  describe("the senders' lines", () => {
    /** How long the tenant's next SMS waits for its turn: the slot it holds for, or when it is to come back. */
    async function nextTurn(t: TestTenant, id: string): Promise<number> {
      const slot = await api.app.get(SenderThrottleService).take(t.id, 'sms', '+14155550100', id);
      return 'hold_ms' in slot ? slot.hold_ms : slot.retry_in_ms;
    }

    it.each([
      ['pause', 'active'],
      ['resume', 'paused'],
      ['cancel', 'active'],
    ] as const)(
      "%s voids the turns its queued messages were given: the tenant's next send is not kept behind them",
      async (action, from) => {
        const t = await createTenant(api.http);
        const id = await inStatus(t, from);
        // A backlog at 1 per second: one send holds the first slot, five wait in line behind it.
        for (let i = 0; i < 6; i++) await nextTurn(t, `backlog-${i}`);
        const before = await nextTurn(t, 'before');
        expect(before).toBeGreaterThan(4000);
        expect((await act(t, id, action)).status).toBe(200);
        // Kept behind the backlog, the next send would wait a second longer than 'before' did; freed of it, it waits
        // at most for the slot in flight. Compared with 'before', not with a fixed bound: a loaded machine adds time.
        expect(await nextTurn(t, 'after')).toBeLessThan(before - 2000);
      },
    );
  });

  describe('impossible transitions: 409 { from, to }, nothing changed', () => {
    const cases: [string, Action, string][] = [
      ['draft', 'pause', 'paused'],
      ['draft', 'resume', 'active'],
      ['scheduled', 'start', 'scheduled'],
      ['scheduled', 'resume', 'scheduled'],
      ['active', 'start', 'active'],
      ['active', 'launch', 'active'],
      ['active', 'resume', 'active'],
      ['paused', 'start', 'active'],
      ['paused', 'pause', 'paused'],
      ['paused', 'send', 'active'],
      ['completed', 'start', 'active'],
      ['completed', 'send', 'active'],
      ['completed', 'pause', 'paused'],
      ['completed', 'resume', 'active'],
      ['completed', 'cancel', 'cancelled'],
      ['cancelled', 'start', 'active'],
      ['cancelled', 'send', 'active'],
      ['cancelled', 'pause', 'paused'],
      ['cancelled', 'resume', 'active'],
      ['cancelled', 'cancel', 'cancelled'],
    ];
    it.each(cases)('%s -> %s', async (from, action, to) => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, from);
      const before = await state(t, id);
      expectConflict(
        await act(t, id, action),
        { from, to },
        expect.stringMatching(/^An? \w+ campaign cannot be \w+/),
      );
      expect(await state(t, id)).toEqual(before);
    });

    it('says so in English: "An active campaign cannot be started", "A paused campaign cannot be paused"', async () => {
      const t = await createTenant(api.http);
      expectConflict(
        await act(t, await inStatus(t, 'active'), 'start'),
        { from: 'active', to: 'active' },
        'An active campaign cannot be started',
      );
      expectConflict(
        await act(t, await inStatus(t, 'paused'), 'pause'),
        { from: 'paused', to: 'paused' },
        'A paused campaign cannot be paused',
      );
    });
  });

  describe("seed 002's PATCH { status }", () => {
    it('pauses, resumes and cancels through PATCH; an impossible one is 409 with nothing changed', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'active');
      const patch = (body: Json) => api.http.patch(`/api/campaigns/${id}`).set(t.admin.headers).send(body);
      expect((await patch({ status: 'paused', name: 'Held' })).body.data).toMatchObject({
        status: 'paused',
        name: 'Held',
      });
      expect((await patch({ status: 'active' })).body.data.status).toBe('active');
      expect(await fanouts(id)).toHaveLength(2);
      const before = await state(t, id);
      expectConflict(await patch({ status: 'completed', name: 'Done' }), { from: 'active', to: 'completed' });
      expectConflict(await patch({ status: 'draft' }), { from: 'active', to: 'draft' });
      expect(await state(t, id)).toEqual(before);
      expect((await patch({ status: 'CANCELLED' })).body.data.status).toBe('cancelled');
    });

    it('starts a draft through PATCH { status: active }', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'draft');
      const res = await api.http
        .patch(`/api/campaigns/${id}`)
        .set(t.admin.headers)
        .send({ status: 'active' });
      expect(res.body.data).toMatchObject({ status: 'active', stats: { by_status: { pending: 2 } } });
      expect(await fanouts(id)).toHaveLength(1);
    });

    it('schedules a draft through PATCH { status: scheduled } with its schedule_start in the same body', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'draft');
      const start = new Date(api.clock.nowMs() + 3_600_000).toISOString();
      const res = await api.http
        .patch(`/api/campaigns/${id}`)
        .set(t.admin.headers)
        .send({ status: 'scheduled', schedule_start: start });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ status: 'scheduled', schedule_start: start });
      expect(await fanouts(id)).toHaveLength(0);
      // Without a start ahead there is nothing to schedule: 409, nothing changed (the name neither).
      const other = await inStatus(t, 'draft');
      const before = await state(t, other);
      const refused = await api.http
        .patch(`/api/campaigns/${other}`)
        .set(t.admin.headers)
        .send({ status: 'scheduled', name: 'Renamed' });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'CONFLICT',
        details: { from: 'draft', to: 'scheduled' },
      });
      expect(await state(t, other)).toEqual(before);
    });
  });

  describe('steps of a running campaign', () => {
    it('an active campaign refuses new steps (409, nothing changed, steps_version kept); other fields change', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'active');
      const before = await state(t, id);
      const patch = (body: Json) => api.http.patch(`/api/campaigns/${id}`).set(t.admin.headers).send(body);
      expectConflict(await patch({ name: 'New name', steps: [{ type: 'SMS', content: 'Other' }] }), {
        status: 'active',
      });
      expectConflict(await patch({ template: 'Other' }), { status: 'active' });
      expect(await state(t, id)).toEqual(before);
      const renamed = await patch({ name: 'New name', steps: SMS_STEPS });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toMatchObject({ name: 'New name', steps_version: 1 });
    });

    it.each(['paused', 'completed', 'cancelled'])('a %s campaign refuses new steps', async (status) => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, status);
      const before = await state(t, id);
      const res = await api.http
        .patch(`/api/campaigns/${id}`)
        .set(t.admin.headers)
        .send({ steps: [{ type: 'EMAIL', content: 'x' }] });
      expectConflict(res, { status });
      expect(await state(t, id)).toEqual(before);
    });

    it('a scheduled campaign takes new steps (steps_version + 1), AI_MESSAGE ones too, but not steps without a message', async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'scheduled');
      const patch = (body: Json) => api.http.patch(`/api/campaigns/${id}`).set(t.admin.headers).send(body);
      const res = await patch({ steps: [{ type: 'EMAIL', content: 'Hello' }] });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ steps_version: 2, steps: [{ type: 'EMAIL', content: 'Hello' }] });
      const ai = await patch({ steps: [{ type: 'AI_MESSAGE', content: 'x', options: { channel: 'sms' } }] });
      expect(ai.status).toBe(200);
      expect(ai.body.data).toMatchObject({ steps_version: 3, steps: [{ type: 'AI_MESSAGE', content: 'x' }] });
      const before = await state(t, id);
      expectConflict(await patch({ steps: [{ type: 'DELAY', content: '2' }] }), { reason: 'no_steps' });
      expect(await state(t, id)).toEqual(before);
    });

    it("moving a scheduled campaign's start moves its pending leads' first action", async () => {
      const t = await createTenant(api.http);
      const id = await inStatus(t, 'scheduled');
      const later = new Date(api.clock.nowMs() + 7 * 86_400_000);
      const res = await api.http
        .patch(`/api/campaigns/${id}`)
        .set(t.admin.headers)
        .send({ schedule_start: later });
      expect(res.status).toBe(200);
      expect((await enrollments(t, id)).map((r: Json) => r.next_action_at)).toEqual([later, later]);
    });
  });
});
