import {
  connectLiveClient,
  createAgent,
  createAgentGroup,
  createTenant,
  refuseUpdates,
  RunningClock,
  startVoicePlatform,
  TestApi,
  TestTenant,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import { REDIS } from '@app/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

const MINUTE = 60_000;

/**
 * The dialer's outcomes through two workers, the webhooks and the telephony simulator (every answer a person):
 * an answered lead no agent can take within 2 s is played the safe harbour, counted abandoned and locked out;
 * preview mode offers a lead to the agent, who dials or skips it; the policy is checked at the moment of dialing.
 */
describe('dialer outcomes through the simulator (e2e)', () => {
  let platform: VoicePlatform;
  let api: TestApi;
  let db: DataSource;
  let clock: RunningClock;

  beforeAll(async () => {
    platform = await startVoicePlatform({
      SIMULATOR_CALL_MIX: 'human:1',
      // A person's ring is log-normal (SD half the mean): at the 8 s default about 1 call in 250 rings past a voice
      // broadcast's 25 s timeout and ends no-answer. A 2 s mean puts that beyond 1 in 10^8.
      SIMULATOR_CALL_HUMAN_RING_MS: '2000',
    });
    ({ api, db, clock } = platform);
  }, 60_000);

  afterAll(async () => {
    await platform?.close();
  });

  async function setup(t: TestTenant, campaign: Record<string, unknown>, leads: Record<string, unknown>[]) {
    const groupId = await createAgentGroup(api.http, t);
    const agentId = await createAgent(api.http, t, { agent_group_id: groupId });
    const leadIds: string[] = [];
    for (const lead of leads) {
      const res = await api.http.post('/api/leads').set(t.admin.headers).send(lead);
      expect(res.status).toBe(201);
      leadIds.push(res.body.data.id);
    }
    const created = await api.http
      .post('/api/campaigns')
      .set(t.admin.headers)
      .send({
        name: 'Voice',
        caller_id: '+14155559999',
        agent_group_id: groupId,
        target_filter: 'ALL',
        wrap_up_seconds: 1,
        // The longest timeout keeps a rare long ring from a no-answer.
        ring_timeout_seconds: 120,
        steps: [{ type: 'CALL', content: 'Script' }],
        ...campaign,
      });
    expect(created.status).toBe(201);
    return { agentId, campaignId: created.body.data.id as string, leadIds };
  }

  const start = async (t: TestTenant, campaignId: string) =>
    expect((await api.http.post(`/api/campaigns/${campaignId}/start`).set(t.admin.headers)).status).toBe(200);
  const available = async (t: TestTenant, agentId: string) =>
    expect(
      (await api.http.put(`/api/agents/${agentId}/status`).set(t.admin.headers).send({ status: 'available' }))
        .status,
    ).toBe(200);
  const ended = (t: TestTenant, n: number) =>
    waitFor(
      async () => {
        const rows = await db.query(
          `SELECT * FROM calls WHERE tenant_id = $1 AND kind = 'dialer' AND end_time IS NOT NULL ORDER BY created_at`,
          [t.id],
        );
        return rows.length >= n ? rows : undefined;
      },
      30_000,
      `${n} lead calls to end`,
      () => dialerState(t),
    );
  /** What a stuck wait explains itself with: the tenant's calls, agents and enrollments. */
  const dialerState = async (t: TestTenant) => ({
    calls: await db.query(
      `SELECT id, kind, status, disposition, agent_id, parent_call_id, created_at, answer_time, connected_at,
              end_time, metadata
         FROM calls WHERE tenant_id = $1 ORDER BY created_at`,
      [t.id],
    ),
    agents: await db.query(
      `SELECT status, current_calls, live_call_sid, wrap_up_until, presence_pending_at FROM agents
        WHERE tenant_id = $1`,
      [t.id],
    ),
    enrollments: await db.query(
      `SELECT lead_id, status, attempts, next_action_at FROM campaign_enrollments WHERE tenant_id = $1`,
      [t.id],
    ),
  });

  it('two lines for one agent: the second person is played the safe harbour, abandoned and locked out', async () => {
    const t = await createTenant(api.http);
    const { agentId, campaignId, leadIds } = await setup(
      t,
      {
        dialing_mode: 'power',
        lines_per_agent: 2,
        abandon_lockout_minutes: 4320,
        safe_harbour_message: 'Sorry!',
        // The agent cannot be free again within the second person's 2 s.
        wrap_up_seconds: 30,
      },
      [
        { first_name: 'One', phone: '+12125550101' },
        { first_name: 'Two', phone: '+12125550102' },
      ],
    );
    // Both lines in the same round: the account places up to 10 calls a second.
    const cps = await api.http
      .put('/api/config/channels/voice')
      .set(t.admin.headers)
      .send({ provider: 'simulator', settings: { cps: 10 } });
    expect(cps.status).toBe(200);
    await start(t, campaignId);
    // Both leads in the pool before the agent is: the first round dials both.
    await waitFor(
      async () => {
        const [n] = await db.query(
          `SELECT count(*)::int AS n FROM campaign_enrollments WHERE campaign_id = $1 AND status = 'in_progress'`,
          [campaignId],
        );
        return n.n === 2 ? true : undefined;
      },
      10_000,
      'both leads in the pool',
    );
    await available(t, agentId);
    const calls = await ended(t, 2);
    const dispositions = calls.map((c: { disposition: string }) => c.disposition).sort();
    expect(dispositions).toEqual(['abandoned', 'answered']);
    const abandoned = calls.find((c: { disposition: string }) => c.disposition === 'abandoned');
    expect(abandoned).toMatchObject({ agent_id: null, connected_at: null, answered_by: null });
    expect(abandoned.metadata.abandoned_at).toBeDefined();
    const enrollment = await waitFor(
      async () => {
        const [e] = await db.query(
          `SELECT status, attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1 AND lead_id = $2`,
          [campaignId, abandoned.lead_id],
        );
        return e.next_action_at ? e : undefined;
      },
      10_000,
      'the retry after the lockout',
    );
    expect(enrollment.status).toBe('in_progress');
    expect(enrollment.attempts).toBe(1);
    const lockout = enrollment.next_action_at.getTime() - abandoned.end_time.getTime();
    expect(lockout).toBeGreaterThanOrEqual(4320 * MINUTE - 1000);
    const [lead] = await db.query(`SELECT next_call_at, call_attempts FROM leads WHERE id = $1`, [
      abandoned.lead_id,
    ]);
    expect(lead.call_attempts).toBe(1);
    expect(lead.next_call_at.getTime()).toBe(enrollment.next_action_at.getTime());
    expect(leadIds).toContain(abandoned.lead_id);
    const stats = await api.http
      .get(`/api/calls/stats/summary?campaign_id=${campaignId}`)
      .set(t.admin.headers);
    expect(stats.body.data).toMatchObject({ total_calls: 2, answered_calls: 1, abandoned_calls: 1 });
  }, 60_000);

  it('a pacing round that fails is tried again: the lead is dialed once the fault is gone', async () => {
    const t = await createTenant(api.http);
    const { agentId, campaignId, leadIds } = await setup(t, { dialing_mode: 'power', lines_per_agent: 1 }, [
      { first_name: 'Faye', phone: '+12125550108' },
    ]);
    await start(t, campaignId);
    const [enrollment] = await waitFor(
      async () => {
        const rows = await db.query(
          `SELECT id, status, attempts, next_action_at FROM campaign_enrollments
            WHERE campaign_id = $1 AND status = 'in_progress'`,
          [campaignId],
        );
        return rows.length ? rows : undefined;
      },
      10_000,
      'the lead in the pool',
    );
    // Taking the lead fails, as a database failure would: every round with an agent free fails.
    const fault = await refuseUpdates(db, 'campaign_enrollments', `OLD.id = '${enrollment.id}'`);
    try {
      await available(t, agentId);
      // Wait until what wakes the pacer (the agent's status, their live leg) is done; rounds go on failing after.
      await waitFor(
        async () => {
          const [leg] = await db.query(
            `SELECT conference_sid FROM calls WHERE tenant_id = $1 AND kind = 'agent_leg' AND end_time IS NULL`,
            [t.id],
          );
          return leg?.conference_sid ? true : undefined;
        },
        20_000,
        "the agent's live leg in their conference",
      );
      const refused = await fault.refusals();
      await waitFor(
        async () => ((await fault.refusals()) > refused ? true : undefined),
        10_000,
        'a later round, failing too',
      );
      const [n] = await db.query(
        `SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1 AND kind = 'dialer'`,
        [t.id],
      );
      expect(n.n).toBe(0);
      const [unchanged] = await db.query(
        `SELECT id, status, attempts, next_action_at FROM campaign_enrollments WHERE id = $1`,
        [enrollment.id],
      );
      expect(unchanged).toEqual(enrollment);
    } finally {
      await fault.unwind();
    }
    const [call] = await ended(t, 1);
    expect(call).toMatchObject({
      lead_id: leadIds[0],
      agent_id: agentId,
      disposition: 'answered',
      attempt: 1,
    });
  }, 60_000);

  it('preview: the agent is offered the lead over socket.io and dials it; a second decision is refused', async () => {
    const t = await createTenant(api.http);
    const { agentId, campaignId, leadIds } = await setup(t, { dialing_mode: 'preview' }, [
      { first_name: 'Pia', last_name: 'Preview', phone: '+12125550103', notes: 'Call after lunch' },
    ]);
    const { socket, heard } = await connectLiveClient(api.url, t.admin.token);
    try {
      expect((await socket.emitWithAck('agent:join', { agentId })).success).toBe(true);
      await start(t, campaignId);
      await available(t, agentId);
      const offer = await waitFor(
        async () => heard.find((h) => h.event === 'preview:call'),
        20_000,
        'the preview offer',
      );
      expect(offer.payload).toMatchObject({
        lead_id: leadIds[0],
        agent_id: agentId,
        first_name: 'Pia',
        phone: '+12125550103',
        notes: 'Call after lunch',
      });
      const callId = offer.payload.call_id as string;
      const other = await createTenant(api.http);
      expect((await api.http.post(`/api/calls/${callId}/dial`).set(other.admin.headers)).status).toBe(404);
      // The account's calls per second are taken for a while: a 429 that says to retry in a second, and no call.
      const redis = api.app.get<Redis>(REDIS);
      const cpsKey = api.config.redisKey('dialer-cps', t.id);
      const [seconds] = await redis.time();
      await redis.set(cpsKey, String(Number(seconds) * 1000 + MINUTE), 'PX', MINUTE);
      const busy = await api.http.post(`/api/calls/${callId}/dial`).set(t.admin.headers);
      expect(busy.status).toBe(429);
      expect(busy.body.error).toMatchObject({
        code: 'RATE_LIMIT_EXCEEDED',
        details: { retry_after_seconds: 1 },
      });
      expect(busy.headers['retry-after']).toBe('1');
      await redis.del(cpsKey);
      const [before] = await db.query(`SELECT call_sid FROM calls WHERE id = $1`, [callId]);
      expect(before.call_sid).toBeNull();
      const dialed = await api.http.post(`/api/calls/${callId}/dial`).set(t.admin.headers);
      expect(dialed.status).toBe(200);
      expect(dialed.body.data).toEqual({ call_id: callId, status: 'dialing' });
      const again = await api.http.post(`/api/calls/${callId}/skip`).set(t.admin.headers);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
      const [call] = await ended(t, 1);
      expect(call).toMatchObject({ id: callId, agent_id: agentId, disposition: 'answered' });
      expect(call.connected_at).not.toBeNull();
      const [leg] = await db.query(`SELECT * FROM calls WHERE parent_call_id = $1`, [callId]);
      expect(leg).toMatchObject({ kind: 'agent_leg', agent_id: agentId, to_number: '+14155550100' });
      expect(heard.some((h) => h.event === 'incoming:call' && h.payload.call_id === callId)).toBe(true);
    } finally {
      socket.close();
    }
  }, 60_000);

  it('preview: a skipped lead goes back to the pool unattempted and the agent is free again', async () => {
    const t = await createTenant(api.http);
    const { agentId, campaignId } = await setup(t, { dialing_mode: 'preview' }, [
      { first_name: 'Sam', phone: '+12125550104' },
    ]);
    await start(t, campaignId);
    await available(t, agentId);
    const [offered] = await waitFor(
      async () => {
        const rows = await db.query(`SELECT id FROM calls WHERE tenant_id = $1 AND kind = 'dialer'`, [t.id]);
        return rows.length ? rows : undefined;
      },
      20_000,
      'the preview offer',
    );
    const skipped = await api.http.post(`/api/calls/${offered.id}/skip`).set(t.admin.headers);
    expect(skipped.status).toBe(200);
    expect(skipped.body.data).toEqual({ call_id: offered.id, status: 'skipped' });
    const [gone] = await db.query(`SELECT count(*)::int AS n FROM calls WHERE id = $1`, [offered.id]);
    expect(gone.n).toBe(0);
    const [enrollment] = await db.query(
      `SELECT status, attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(enrollment).toMatchObject({ status: 'in_progress', attempts: 0 });
    expect(enrollment.next_action_at.getTime()).toBeGreaterThanOrEqual(clock.nowMs() + MINUTE);
    const [agent] = await db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [agentId]);
    expect(agent).toEqual({ status: 'available', current_calls: 0 });
  }, 60_000);

  it('checks the lead at the moment of dialing: do-not-call ends it, outside calling hours waits', async () => {
    const t = await createTenant(api.http);
    const { agentId, campaignId, leadIds } = await setup(t, { dialing_mode: 'power' }, [
      { first_name: 'Dee', phone: '+12125550105' },
      { first_name: 'Tokyo', phone: '+81312345678', timezone: 'Asia/Tokyo' },
    ]);
    await start(t, campaignId);
    // Listed after the start: the enrollment stood, the dial-time check refuses it.
    expect(
      (
        await api.http
          .post('/api/dnc')
          .set(t.admin.headers)
          .send({ phone: '+12125550105', channel: 'voice', reason: 'manual' })
      ).status,
    ).toBe(201);
    await available(t, agentId);
    const rows = await waitFor(
      async () => {
        const r = await db.query(
          `SELECT lead_id, status, stop_reason, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
          [campaignId],
        );
        const dnc = r.find((e: { lead_id: string }) => e.lead_id === leadIds[0]);
        const tokyo = r.find((e: { lead_id: string }) => e.lead_id === leadIds[1]);
        return dnc.status === 'dnc' && tokyo.next_action_at.getTime() > clock.nowMs() + MINUTE
          ? { dnc, tokyo }
          : undefined;
      },
      20_000,
      'the dial-time refusals',
    );
    expect(rows.dnc.stop_reason).toBe('do_not_contact');
    // 00:00 in Tokyo: the 08:00 opening is 8 hours away.
    expect(rows.tokyo.status).toBe('in_progress');
    expect(rows.tokyo.next_action_at.toISOString()).toBe('2026-03-04T23:00:00.000Z');
    const [n] = await db.query(
      `SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1 AND kind = 'dialer'`,
      [t.id],
    );
    expect(n.n).toBe(0);
  }, 60_000);

  it('a voice broadcast plays its message to each number and reports its success rate', async () => {
    const t = await createTenant(api.http);
    const created = await api.http
      .post('/api/outbound-calls')
      .set(t.admin.headers)
      .send({
        campaignName: 'Reminders',
        phoneNumbers: ['+12125550106', '+12125550107'],
        message: 'Your appointment is tomorrow at ten.',
        scheduledTime: clock.now().toISOString(),
      });
    expect(created.status).toBe(201);
    const calls = await waitFor(
      async () => {
        const rows = await db.query(
          `SELECT * FROM calls WHERE tenant_id = $1 AND kind = 'broadcast' AND end_time IS NOT NULL`,
          [t.id],
        );
        return rows.length === 2 ? rows : undefined;
      },
      30_000,
      'both broadcast calls to end',
    );
    expect(calls.map((c: { disposition: string }) => c.disposition)).toEqual(['answered', 'answered']);
    expect(calls[0].metadata.message).toBe('Your appointment is tomorrow at ten.');
    const list = await api.http.get('/api/outbound-calls').set(t.admin.headers);
    expect(list.body.data[0]).toMatchObject({
      campaign_name: 'Reminders',
      total_calls: 2,
      success_rate: 100,
    });
  }, 60_000);
});
