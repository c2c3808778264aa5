import {
  createApiKey,
  createTenant,
  HeardEvent,
  onIsolatedDatabase,
  refuseUpdates,
  startVoicePlatform,
  TestApi,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { offerPreview, previewRows } from './preview-offer.fixture';

const SECOND = 1000;

/**
 * Preview offers expire: an offer the agent leaves undecided for the campaign's `preview_timeout_seconds` is
 * withdrawn by the dialer's tick (on the platform clock, which the test drives), the lead goes back to the pool
 * unattempted and the agent, away from the desk, is put on break and told over socket.io. The tick is platform-wide,
 * so the file runs on a database of its own.
 */
describe('preview offers expire (e2e)', () => {
  let api: TestApi;
  let db: DataSource;

  const platform = onIsolatedDatabase((url) =>
    startVoicePlatform({
      DATABASE_URL: url,
      CAMPAIGN_TICK_MS: '200',
      SIMULATOR_CALL_MIX: 'human:1',
    }),
  );
  beforeAll(() => {
    ({ api, db } = platform());
  });

  const offered = (timeoutSeconds: number, phone: string) => offerPreview(api, timeoutSeconds, phone);
  const rows = () => previewRows(db);
  const callRow = (callId: string) => rows().call(callId);
  const agentRow = (agentId: string) => rows().agent(agentId);
  const enrollmentRow = (campaignId: string) => rows().enrollment(campaignId);
  const leadAttempts = (leadId: string) => rows().leadAttempts(leadId);
  const expiredFor = (heard: HeardEvent[], callId: string) =>
    heard.find((h) => h.event === 'preview:expired' && h.payload.call_id === callId);
  const gone = (callId: string, what: string) =>
    waitFor(async () => ((await callRow(callId)) ? undefined : true), 20_000, what);

  it('an offer left undecided past its timeout expires: lead back unattempted, agent on break and told; one dialed in time is untouched', async () => {
    const dialed = await offered(300, '+12125550111');
    const short = await offered(300, '+12125550112');
    const long = await offered(600, '+12125550113');
    try {
      const res = await api.http.post(`/api/calls/${dialed.callId}/dial`).set(dialed.t.admin.headers);
      expect(res.status).toBe(200);
      // Held while undecided: the lead taken for its attempt, the agent busy with it.
      expect(await enrollmentRow(long.campaignId)).toMatchObject({ attempts: 1, next_action_at: null });
      expect(await leadAttempts(long.leadId)).toBe(1);
      expect(await agentRow(long.agentId)).toEqual({ status: 'busy', current_calls: 1 });

      // Past the 300 s offers' time, not the 600 s one's.
      platform().clock.advance(301 * SECOND);
      await gone(short.callId, 'the 300 s offer to expire');
      expect(await callRow(long.callId)).toMatchObject({ id: long.callId, metadata: { preview: true } });
      expect(await agentRow(long.agentId)).toEqual({ status: 'busy', current_calls: 1 });
      expect(expiredFor(long.heard, long.callId)).toBeUndefined();

      platform().clock.advance(300 * SECOND);
      const expired = await waitFor(
        async () => expiredFor(long.heard, long.callId),
        20_000,
        'preview:expired on the agent room',
      );
      expect(expired.payload).toMatchObject({
        call_id: long.callId,
        lead_id: long.leadId,
        campaign_id: long.campaignId,
        agent_id: long.agentId,
      });
      const onBreak = await waitFor(
        async () =>
          long.heard.find((h) => h.event === 'agent:status:updated' && h.payload.status === 'break'),
        10_000,
        'the agent put on break',
      );
      expect(onBreak.payload).toMatchObject({
        agent_id: long.agentId,
        previous_status: 'busy',
        current_calls: 0,
      });
      expect(await callRow(long.callId)).toBeUndefined();
      const enrollment = await enrollmentRow(long.campaignId);
      expect(enrollment).toMatchObject({ status: 'in_progress', attempts: 0 });
      expect(enrollment.next_action_at.getTime()).toBeLessThanOrEqual(platform().clock.nowMs());
      expect(await leadAttempts(long.leadId)).toBe(0);
      expect(await agentRow(long.agentId)).toEqual({ status: 'break', current_calls: 0 });
      const agent = await api.http.get(`/api/agents/${long.agentId}`).set(long.t.admin.headers);
      expect(agent.body.data).toMatchObject({ status: 'break', current_calls: 0 });
      // On break, the agent is offered nothing more.
      const [offers] = await db.query(
        `SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1 AND kind = 'dialer'`,
        [long.t.id],
      );
      expect(offers.n).toBe(0);

      // The dialed offer was left alone.
      const call = await callRow(dialed.callId);
      expect(call.metadata.preview).toBe('dialed');
      expect(call.call_sid).not.toBeNull();
      expect(expiredFor(dialed.heard, dialed.callId)).toBeUndefined();
      expect((await agentRow(dialed.agentId)).status).not.toBe('break');
      await waitFor(() => expiredFor(short.heard, short.callId), 5_000, 'preview:expired of the short offer');
    } finally {
      for (const o of [dialed, short, long]) o.close();
    }
  }, 90_000);

  it('pausing the campaign withdraws its undecided offer at the next tick: lead back unattempted, agent available and told', async () => {
    const o = await offered(600, '+12125550131');
    try {
      const paused = await api.http.post(`/api/campaigns/${o.campaignId}/pause`).set(o.t.admin.headers);
      expect(paused.status).toBe(200);
      // No clock advance: the offer goes because the campaign stopped, not because its time ran out.
      const withdrawn = await waitFor(
        async () => o.heard.find((h) => h.event === 'preview:withdrawn' && h.payload.call_id === o.callId),
        20_000,
        'preview:withdrawn on the agent room',
      );
      expect(withdrawn.payload).toMatchObject({
        call_id: o.callId,
        lead_id: o.leadId,
        campaign_id: o.campaignId,
        agent_id: o.agentId,
        campaign_status: 'paused',
      });
      await gone(o.callId, 'the withdrawn offer');
      await waitFor(
        async () => ((await agentRow(o.agentId)).status === 'available' ? true : undefined),
        10_000,
        'the agent available again',
      );
      expect(await agentRow(o.agentId)).toEqual({ status: 'available', current_calls: 0 });
      expect(await leadAttempts(o.leadId)).toBe(0);
      expect(await enrollmentRow(o.campaignId)).toMatchObject({ attempts: 0 });
      expect(expiredFor(o.heard, o.callId)).toBeUndefined();
      const late = await api.http.post(`/api/calls/${o.callId}/dial`).set(o.t.admin.headers);
      expect(late.status).toBe(409);
      // Available, but the paused campaign offers nothing more.
      await new Promise((r) => setTimeout(r, 1000));
      const [offers] = await db.query(
        `SELECT count(*)::int AS n FROM calls WHERE tenant_id = $1 AND kind = 'dialer'`,
        [o.t.id],
      );
      expect(offers.n).toBe(0);
    } finally {
      o.close();
    }
  }, 60_000);

  it('a withdrawal that fails part-way changes nothing: a failed skip leaves the offer undecided, a failed expiry retries at the next tick and then expires it whole', async () => {
    const o = await offered(10, '+12125550115');
    // Every update of this agent fails: freeing the agent is the withdrawal's last statement.
    const fault = await refuseUpdates(db, 'agents', `OLD.id = '${o.agentId}'`);
    try {
      const snapshot = async () => ({
        call: await callRow(o.callId),
        enrollment: await enrollmentRow(o.campaignId),
        lead_attempts: await leadAttempts(o.leadId),
        agent: await agentRow(o.agentId),
      });
      const before = await snapshot();
      expect(before).toMatchObject({
        call: { id: o.callId, metadata: { preview: true } },
        enrollment: { attempts: 1, next_action_at: null },
        lead_attempts: 1,
        agent: { status: 'busy', current_calls: 1 },
      });

      const skip = await api.http.post(`/api/calls/${o.callId}/skip`).set(o.t.admin.headers);
      expect({ status: skip.status, code: skip.body.error?.code }).toEqual({
        status: 500,
        code: 'INTERNAL_ERROR',
      });
      expect(await fault.refusals()).toBeGreaterThanOrEqual(1);
      expect(await snapshot()).toEqual(before);

      // Past the timeout: each tick's expiry fails on the agent and rolls back whole.
      platform().clock.advance(11 * SECOND);
      await waitFor(
        async () => ((await fault.refusals()) >= 3 ? true : undefined),
        20_000,
        'two failed expiries',
      );
      expect(await snapshot()).toEqual(before);
      expect(expiredFor(o.heard, o.callId)).toBeUndefined();

      await fault.unwind();
      await waitFor(async () => expiredFor(o.heard, o.callId), 20_000, 'the offer to expire once it can');
      await gone(o.callId, 'the expired offer');
      await waitFor(
        async () => ((await agentRow(o.agentId)).status === 'break' ? true : undefined),
        10_000,
        'the agent put on break',
      );
      expect(await agentRow(o.agentId)).toEqual({ status: 'break', current_calls: 0 });
      expect(await enrollmentRow(o.campaignId)).toMatchObject({ status: 'in_progress', attempts: 0 });
      expect(await leadAttempts(o.leadId)).toBe(0);
    } finally {
      await fault.unwind();
      o.close();
    }
  }, 60_000);

  it('a dial after the lead went on the do-not-contact list is 422 naming the rule: offer withdrawn, nothing placed, agent available', async () => {
    const o = await offered(300, '+12125550115');
    try {
      const dnc = await api.http
        .post('/api/dnc')
        .set(o.t.admin.headers)
        .send({ phone: '+12125550115', reason: 'manual' });
      expect(dnc.status).toBe(201);
      const res = await api.http.post(`/api/calls/${o.callId}/dial`).set(o.t.admin.headers);
      expect({ status: res.status, code: res.body.error?.code, rule: res.body.error?.details?.rule }).toEqual(
        {
          status: 422,
          code: 'POLICY_VIOLATION',
          rule: 'do_not_contact',
        },
      );
      expect(await callRow(o.callId)).toBeUndefined();
      expect(await db.query(`SELECT id FROM calls WHERE tenant_id = $1`, [o.t.id])).toEqual([]);
      expect(await agentRow(o.agentId)).toEqual({ status: 'available', current_calls: 0 });
      expect(await leadAttempts(o.leadId)).toBe(0);
      // Decided: the offer is no longer there to dial.
      const again = await api.http.post(`/api/calls/${o.callId}/dial`).set(o.t.admin.headers);
      expect(again.status).toBe(409);
    } finally {
      o.close();
    }
  }, 60_000);

  it("an agent-role API key may not decide an offer made to an agent (it is no agent's user): 403, offer untouched", async () => {
    const o = await offered(300, '+12125550116');
    try {
      const key = { 'X-API-Key': (await createApiKey(api.http, o.t, 'agent')).key };
      const before = await callRow(o.callId);
      for (const action of ['dial', 'skip']) {
        const res = await api.http.post(`/api/calls/${o.callId}/${action}`).set(key);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 403,
          code: 'AUTHORIZATION_FAILED',
        });
      }
      expect(await callRow(o.callId)).toEqual(before);
      expect(await leadAttempts(o.leadId)).toBe(1);
    } finally {
      o.close();
    }
  }, 60_000);

  it('a dial or skip after the expiry answers 409 CONFLICT and changes nothing', async () => {
    const o = await offered(10, '+12125550114');
    try {
      platform().clock.advance(11 * SECOND);
      await waitFor(async () => expiredFor(o.heard, o.callId), 20_000, 'the offer to expire');
      await waitFor(
        async () => ((await agentRow(o.agentId)).status === 'break' ? true : undefined),
        10_000,
        'the agent put on break',
      );
      const snapshot = async () => ({
        enrollment: await enrollmentRow(o.campaignId),
        lead_attempts: await leadAttempts(o.leadId),
        agent: await agentRow(o.agentId),
        calls: await db.query(`SELECT id FROM calls WHERE tenant_id = $1`, [o.t.id]),
      });
      const before = await snapshot();
      for (const decision of ['dial', 'skip']) {
        const res = await api.http.post(`/api/calls/${o.callId}/${decision}`).set(o.t.admin.headers);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 409, code: 'CONFLICT' });
      }
      // Another tenant still learns nothing of the call.
      const other = await createTenant(api.http);
      expect((await api.http.post(`/api/calls/${o.callId}/dial`).set(other.admin.headers)).status).toBe(404);
      expect(await snapshot()).toEqual(before);
      expect(before.calls).toEqual([]);
    } finally {
      o.close();
    }
  }, 60_000);
});
