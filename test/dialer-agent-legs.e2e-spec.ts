import { SimulatorRuntime, VoiceChannelsService } from '@app/domain';
import {
  connectLiveClient,
  createAgent,
  createTenant,
  HeardEvent,
  startVoicePlatform,
  TestTenant,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';

/** A calls row as these tests read it. */
type CallRow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The agent's phone, when taking a call rings it (the agents here have no live leg unless a power campaign runs): it
 * rings once per call; an agent who lets it ring out (or lets their live leg ring out) is put on a break instead of
 * being rung again and again, and the caller waits for someone else until its own ring time is over; it stops
 * ringing when the caller hangs up first; a phone the provider refuses gives the agent back.
 */
describe("an agent's phone (e2e)", () => {
  interface Desk {
    t: TestTenant;
    agentId: string;
    socket: Socket;
    heard: HeardEvent[];
    /** A call to the tenant's number from `from`: answers the caller's CallSid. */
    callIn(from: string): Promise<string>;
    /** The caller hangs up. */
    hangUp(callSid: string): Promise<void>;
    /** The agent sets their status. */
    setStatus(status: string): Promise<void>;
    /** The tenant's calls matching `where` (`$1` the tenant, then `params`), oldest first. */
    calls(where: string, params?: unknown[]): Promise<CallRow[]>;
    /** Waits for the first of them; a timeout shows every call of the tenant. */
    call(where: string, params: unknown[], what: string, timeoutMs?: number): Promise<CallRow>;
    /** Waits for the agent on a break: their row. */
    onBreak(): Promise<{ status: string; current_calls: number; live_call_sid: string | null }>;
    /** Waits for the first `event` the agent's room heard: its payload. */
    heardFirst(event: string): Promise<Record<string, unknown>>;
  }

  /** A tenant with one agent (offline) on the socket, whose callers wait `ringSeconds` for an agent. */
  async function desk(platform: VoicePlatform, ringSeconds: number): Promise<Desk> {
    const { api, workers, db } = platform;
    const t = await createTenant(api.http);
    const agentId = await createAgent(api.http, t);
    const config = await api.http
      .put('/api/config/channels/voice')
      .set(t.admin.headers)
      .send({ provider: 'simulator', settings: { inbound_ring_seconds: ringSeconds } });
    expect(config.status).toBe(200);
    const { socket, heard } = await connectLiveClient(api.url, t.admin.token);
    expect((await socket.emitWithAck('agent:join', { agentId })).success).toBe(true);
    const voice = await api.app.get(VoiceChannelsService).resolve(t.id);
    const telephony = workers[0].app.get(SimulatorRuntime).telephony(t.id, voice.signingSecret);
    const calls = (where: string, params: unknown[] = []): Promise<CallRow[]> =>
      db.query(
        `SELECT id, kind, status, disposition, agent_id, parent_call_id, call_sid, created_at, connected_at, end_time,
                metadata
           FROM calls WHERE tenant_id = $1 AND ${where} ORDER BY created_at`,
        [t.id, ...params],
      );
    return {
      t,
      agentId,
      socket,
      heard,
      callIn: async (from) =>
        (
          await telephony.originateInbound({
            from,
            to: '+14155559999',
            voiceInboundUrl: voice.urls.inbound(),
            statusCallbackUrl: voice.urls.numberStatus(),
          })
        ).call_sid,
      hangUp: (callSid) => telephony.updateCall(callSid, { status: 'completed' }),
      setStatus: async (status) => {
        const res = await api.http.put(`/api/agents/${agentId}/status`).set(t.admin.headers).send({ status });
        expect(res.status).toBe(200);
      },
      calls,
      call: (where, params, what, timeoutMs = 20_000) =>
        waitFor(
          async () => (await calls(where, params))[0],
          timeoutMs,
          what,
          () => calls('true'),
        ),
      onBreak: () =>
        waitFor(
          async () => {
            const [a] = await db.query(
              `SELECT status, current_calls, live_call_sid FROM agents WHERE id = $1`,
              [agentId],
            );
            return a.status === 'break' ? a : undefined;
          },
          10_000,
          'the agent on a break',
        ),
      heardFirst: (event) =>
        waitFor(async () => heard.find((h) => h.event === event)?.payload, 10_000, event),
    };
  }

  describe('an agent who answers after 5.4 s', () => {
    let platform: VoicePlatform;

    beforeAll(async () => {
      platform = await startVoicePlatform({
        SIMULATOR_CALL_MIX: 'human:1',
        // Simulated times at 0.3: an agent's phone rings up to 6 s (our 20 s timeout) and is answered after 5.4 s.
        SIMULATOR_CALL_TIME_SCALE: '0.3',
        SIMULATOR_CALL_AGENT_ANSWER_MS: '18000',
      });
    }, 60_000);
    afterAll(() => platform?.close());

    it('an inbound caller taken by an agent who frees up is not rung to them again when its ring time is over', async () => {
      // The caller waits 3 s for an agent (then voicemail); the agent, offline, is rung once they are available.
      const d = await desk(platform, 3);
      try {
        await d.callIn('+12125550131');
        const waiting = await d.call(
          `kind = 'inbound' AND metadata ? 'waiting_since'`,
          [],
          'the caller waiting',
        );
        await d.setStatus('available');
        const connected = await d.call(
          `id = $2 AND connected_at IS NOT NULL`,
          [waiting.id],
          'the agent to answer and the caller to be connected',
        );
        expect(connected).toMatchObject({ agent_id: d.agentId, disposition: null });
        expect(connected.metadata.abandoned_at).toBeUndefined();
        // Its deadline passed while the agent's phone rang.
        expect(
          connected.connected_at.getTime() - new Date(connected.metadata.waiting_since).getTime(),
        ).toBeGreaterThan(3000);
        expect(await d.calls(`kind = 'agent_leg' AND parent_call_id = $2`, [waiting.id])).toHaveLength(1);
        const rung = d.heard.filter((h) => h.event === 'incoming:call' && h.payload.call_id === waiting.id);
        expect(rung).toHaveLength(1);
      } finally {
        d.socket.close();
      }
    }, 60_000);
  });

  describe('a phone the provider will not call', () => {
    let platform: VoicePlatform;

    beforeAll(async () => {
      platform = await startVoicePlatform({ SIMULATOR_CALL_MIX: 'human:1' });
    }, 60_000);
    afterAll(() => platform?.close());

    it("an agent's leg the provider refuses ends failed, never placed again, and the agent is given back", async () => {
      const d = await desk(platform, 30);
      try {
        // A number the provider refuses (Twilio's 21211), as one stored before validation might be.
        await platform.db.query(`UPDATE agents SET phone = '+1555' WHERE id = $1`, [d.agentId]);
        await d.setStatus('available');
        await d.callIn('+12125550134');
        const leg = await d.call(
          `kind = 'agent_leg' AND end_time IS NOT NULL`,
          [],
          "the agent's leg refused",
        );
        expect(leg).toMatchObject({
          status: 'failed',
          disposition: 'failed',
          call_sid: null,
          metadata: { failure: 'placement_refused' },
        });
        // The leg ends first; then the caller is taken back from the agent, and the agent given back.
        const agent = await waitFor(
          async () => {
            const [a] = await platform.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [
              d.agentId,
            ]);
            return a.status === 'available' ? a : undefined;
          },
          10_000,
          'the agent given back',
        );
        expect(agent).toEqual({ status: 'available', current_calls: 0 });
        const [caller] = await d.calls(`id = $2`, [leg.parent_call_id]);
        expect(caller).toMatchObject({ kind: 'inbound', agent_id: null, end_time: null, connected_at: null });
      } finally {
        d.socket.close();
      }
    }, 60_000);
  });

  describe('an agent who does not answer', () => {
    let platform: VoicePlatform;

    beforeAll(async () => {
      platform = await startVoicePlatform({
        SIMULATOR_CALL_MIX: 'human:1',
        // Simulated times at 0.2: an agent's phone rings out after 4 s (our 20 s timeout); nobody answers it.
        SIMULATOR_CALL_TIME_SCALE: '0.2',
        SIMULATOR_CALL_AGENT_ANSWER_MS: '600000',
      });
    }, 60_000);
    afterAll(() => platform?.close());

    it('is put on a break when their phone rings out, and the caller waits for someone else', async () => {
      const d = await desk(platform, 30);
      try {
        await d.setStatus('available');
        await d.callIn('+12125550132');
        const leg = await d.call(
          `kind = 'agent_leg' AND end_time IS NOT NULL`,
          [],
          "the agent's phone to ring out",
        );
        expect(leg).toMatchObject({ status: 'no-answer', agent_id: d.agentId });
        expect(await d.onBreak()).toEqual({ status: 'break', current_calls: 0, live_call_sid: null });
        // The caller is still there, given back to wait for another agent; the agent was rung once.
        const [caller] = await d.calls(`id = $2`, [leg.parent_call_id]);
        expect(caller).toMatchObject({ kind: 'inbound', agent_id: null, end_time: null, connected_at: null });
        expect(await d.heardFirst('call:unanswered')).toMatchObject({
          call_id: caller.id,
          agent_id: d.agentId,
          status: 'no-answer',
        });
        // Published after call:unanswered, on its own.
        await waitFor(
          () => d.heard.some((h) => h.event === 'agent:status:updated' && h.payload.status === 'break'),
          5_000,
          'agent:status:updated break',
        );
        expect(await d.calls(`kind = 'agent_leg'`)).toHaveLength(1);
        const stats = await platform.api.http.get(`/api/agents/${d.agentId}/stats`).set(d.t.admin.headers);
        expect(stats.body.data.stats).toMatchObject({ total_calls: 0, unanswered_calls: 1 });
      } finally {
        d.socket.close();
      }
    }, 60_000);

    it('a caller whose ring time ran out while the agent’s phone rang goes to voicemail once it rings out', async () => {
      // The caller waits 2 s for an agent; the phone of the agent who takes it rings for 4 s.
      const d = await desk(platform, 2);
      try {
        await d.callIn('+12125550135');
        const waiting = await d.call(
          `kind = 'inbound' AND metadata ? 'waiting_since'`,
          [],
          'the caller waiting',
        );
        await d.setStatus('available');
        const missed = await d.call(
          `id = $2 AND disposition = 'missed'`,
          [waiting.id],
          'the caller sent to voicemail',
        );
        expect(missed).toMatchObject({ agent_id: null, connected_at: null });
        const [leg] = await d.calls(`kind = 'agent_leg' AND parent_call_id = $2`, [waiting.id]);
        expect(leg.status).toBe('no-answer');
        // Sent to voicemail once the agent's phone rang out, not before (the agent might have answered).
        expect(new Date(missed.metadata.abandoned_at).getTime()).toBeGreaterThanOrEqual(
          leg.end_time.getTime(),
        );
      } finally {
        d.socket.close();
      }
    }, 60_000);

    it('is put on a break when the live leg called as they went available rings out', async () => {
      const d = await desk(platform, 30);
      const http = platform.api.http;
      try {
        // A power campaign keeps agents on a live leg; its one lead (00:00 in Tokyo) waits for its window.
        const lead = await http
          .post('/api/leads')
          .set(d.t.admin.headers)
          .send({ first_name: 'Kei', phone: '+81312345678', timezone: 'Asia/Tokyo' });
        expect(lead.status).toBe(201);
        const campaign = await http
          .post('/api/campaigns')
          .set(d.t.admin.headers)
          .send({
            name: 'Power',
            dialing_mode: 'power',
            target_filter: 'ALL',
            steps: [{ type: 'CALL', content: 'Script' }],
          });
        expect(campaign.status).toBe(201);
        const started = await http
          .post(`/api/campaigns/${campaign.body.data.id}/start`)
          .set(d.t.admin.headers);
        expect(started.status).toBe(200);
        await d.setStatus('available');
        const leg = await d.call(
          `kind = 'agent_leg' AND end_time IS NOT NULL`,
          [],
          'the live leg to ring out',
        );
        expect(leg).toMatchObject({
          parent_call_id: null,
          status: 'no-answer',
          metadata: { live_leg: true },
        });
        expect(await d.onBreak()).toEqual({ status: 'break', current_calls: 0, live_call_sid: null });
        expect(await d.heardFirst('call:unanswered')).toMatchObject({ call_id: leg.id, status: 'no-answer' });
      } finally {
        d.socket.close();
      }
    }, 60_000);

    it('stops ringing when the caller hangs up first, and the agent stays available', async () => {
      const d = await desk(platform, 30);
      try {
        await d.setStatus('available');
        const callerSid = await d.callIn('+12125550133');
        const ringing = await d.call(
          `kind = 'agent_leg' AND call_sid IS NOT NULL`,
          [],
          "the agent's phone ringing",
        );
        await d.hangUp(callerSid);
        const leg = await d.call(
          `id = $2 AND end_time IS NOT NULL`,
          [ringing.id],
          "the agent's phone to stop",
        );
        // Hung up by us before it rang out (no-answer after 4 s).
        expect(leg.status).toBe('canceled');
        const [caller] = await d.calls(`id = $2`, [ringing.parent_call_id]);
        expect(caller.end_time).not.toBeNull();
        const [agent] = await platform.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [
          d.agentId,
        ]);
        expect(agent).toEqual({ status: 'available', current_calls: 0 });
        expect(d.heard.some((h) => h.event === 'call:unanswered')).toBe(false);
      } finally {
        d.socket.close();
      }
    }, 60_000);
  });
});
