import { SimulatorRuntime, VoiceChannelsService } from '@app/domain';
import {
  connectLiveClient,
  createTenant,
  HeardEvent,
  startVoicePlatform,
  TestTenant,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';

/**
 * The agent's phone, when taking a call rings it (the agents here have no live leg: no power or predictive
 * campaign): it rings once per call; an agent who lets it ring out is put on a break instead of being rung again and
 * again; and it stops ringing when the caller hangs up first.
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
  }

  /** A tenant with one agent (offline) on the socket, whose callers wait `ringSeconds` for an agent. */
  async function desk(platform: VoicePlatform, ringSeconds: number): Promise<Desk> {
    const { api, workers } = platform;
    const t = await createTenant(api.http);
    const agent = await api.http
      .post('/api/agents')
      .set(t.admin.headers)
      .send({ name: 'Ann Agent', phone: '+14155550100' });
    expect(agent.status).toBe(201);
    const agentId = agent.body.data.id as string;
    const config = await api.http
      .put('/api/config/channels/voice')
      .set(t.admin.headers)
      .send({ provider: 'simulator', settings: { inbound_ring_seconds: ringSeconds } });
    expect(config.status).toBe(200);
    const { socket, heard } = await connectLiveClient(api.url, t.admin.token);
    expect((await socket.emitWithAck('agent:join', { agentId })).success).toBe(true);
    const voice = await api.app.get(VoiceChannelsService).resolve(t.id);
    const telephony = workers[0].app.get(SimulatorRuntime).telephony(t.id, voice.signingSecret);
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
    };
  }

  const rows = (platform: VoicePlatform, where: string, params: unknown[]) =>
    platform.db.query(
      `SELECT id, kind, status, disposition, agent_id, parent_call_id, call_sid, created_at, connected_at, end_time,
              metadata
         FROM calls WHERE ${where} ORDER BY created_at`,
      params,
    );

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
        const [waiting] = await waitFor(
          async () => {
            const r = await rows(
              platform,
              `tenant_id = $1 AND kind = 'inbound' AND metadata ? 'waiting_since'`,
              [d.t.id],
            );
            return r.length ? r : undefined;
          },
          10_000,
          'the caller waiting for an agent',
        );
        await d.setStatus('available');
        const [connected] = await waitFor(
          async () => {
            const r = await rows(platform, `id = $1 AND connected_at IS NOT NULL`, [waiting.id]);
            return r.length ? r : undefined;
          },
          20_000,
          'the agent to answer and the caller to be connected',
          () => rows(platform, 'tenant_id = $1', [d.t.id]),
        );
        expect(connected).toMatchObject({ agent_id: d.agentId, disposition: null });
        expect(connected.metadata.abandoned_at).toBeUndefined();
        // Its deadline passed while the agent's phone rang.
        expect(
          connected.connected_at.getTime() - new Date(connected.metadata.waiting_since).getTime(),
        ).toBeGreaterThan(3000);
        const legs = await rows(platform, `kind = 'agent_leg' AND parent_call_id = $1`, [waiting.id]);
        expect(legs).toHaveLength(1);
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
        const [leg] = await waitFor(
          async () => {
            const r = await rows(platform, `tenant_id = $1 AND kind = 'agent_leg' AND end_time IS NOT NULL`, [
              d.t.id,
            ]);
            return r.length ? r : undefined;
          },
          10_000,
          "the agent's leg refused",
          () => rows(platform, 'tenant_id = $1', [d.t.id]),
        );
        expect(leg).toMatchObject({
          status: 'failed',
          disposition: 'failed',
          call_sid: null,
          metadata: { failure: 'placement_refused' },
        });
        const [caller] = await rows(platform, `id = $1`, [leg.parent_call_id]);
        expect(caller).toMatchObject({ kind: 'inbound', agent_id: null, end_time: null, connected_at: null });
        const [agent] = await platform.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [
          d.agentId,
        ]);
        expect(agent).toEqual({ status: 'available', current_calls: 0 });
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
        const [leg] = await waitFor(
          async () => {
            const r = await rows(platform, `tenant_id = $1 AND kind = 'agent_leg' AND end_time IS NOT NULL`, [
              d.t.id,
            ]);
            return r.length ? r : undefined;
          },
          20_000,
          "the agent's phone to ring out",
          () => rows(platform, 'tenant_id = $1', [d.t.id]),
        );
        expect(leg).toMatchObject({ status: 'no-answer', agent_id: d.agentId });
        const agent = await waitFor(
          async () => {
            const [a] = await platform.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [
              d.agentId,
            ]);
            return a.status === 'break' ? a : undefined;
          },
          10_000,
          'the agent on a break',
        );
        expect(agent).toEqual({ status: 'break', current_calls: 0 });
        // The caller is still there, given back to wait for another agent; the agent was rung once.
        const [caller] = await rows(platform, `id = $1`, [leg.parent_call_id]);
        expect(caller).toMatchObject({ kind: 'inbound', agent_id: null, end_time: null, connected_at: null });
        await waitFor(
          async () => (d.heard.some((h) => h.event === 'call:unanswered') ? true : undefined),
          10_000,
          'call:unanswered',
        );
        expect(d.heard.find((h) => h.event === 'call:unanswered')?.payload).toMatchObject({
          call_id: caller.id,
          agent_id: d.agentId,
          status: 'no-answer',
        });
        const statuses = d.heard
          .filter((h) => h.event === 'agent:status:updated')
          .map((h) => h.payload.status);
        expect(statuses).toContain('break');
        expect(await rows(platform, `tenant_id = $1 AND kind = 'agent_leg'`, [d.t.id])).toHaveLength(1);
      } finally {
        d.socket.close();
      }
    }, 60_000);

    it('a caller whose ring time ran out while the agent’s phone rang goes to voicemail once it rings out', async () => {
      // The caller waits 2 s for an agent; the phone of the agent who takes it rings for 4 s.
      const d = await desk(platform, 2);
      try {
        await d.callIn('+12125550135');
        const [waiting] = await waitFor(
          async () => {
            const r = await rows(
              platform,
              `tenant_id = $1 AND kind = 'inbound' AND metadata ? 'waiting_since'`,
              [d.t.id],
            );
            return r.length ? r : undefined;
          },
          10_000,
          'the caller waiting for an agent',
        );
        await d.setStatus('available');
        const [missed] = await waitFor(
          async () => {
            const r = await rows(platform, `id = $1 AND disposition = 'missed'`, [waiting.id]);
            return r.length ? r : undefined;
          },
          15_000,
          'the caller sent to voicemail',
          () => rows(platform, 'tenant_id = $1', [d.t.id]),
        );
        expect(missed).toMatchObject({ agent_id: null, connected_at: null });
        const [leg] = await rows(platform, `kind = 'agent_leg' AND parent_call_id = $1`, [waiting.id]);
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
        expect(
          (await http.post(`/api/campaigns/${campaign.body.data.id}/start`).set(d.t.admin.headers)).status,
        ).toBe(200);
        await d.setStatus('available');
        const [leg] = await waitFor(
          async () => {
            const r = await rows(platform, `tenant_id = $1 AND kind = 'agent_leg' AND end_time IS NOT NULL`, [
              d.t.id,
            ]);
            return r.length ? r : undefined;
          },
          20_000,
          'the live leg to ring out',
          () => rows(platform, 'tenant_id = $1', [d.t.id]),
        );
        expect(leg).toMatchObject({
          parent_call_id: null,
          status: 'no-answer',
          metadata: { live_leg: true },
        });
        const agent = await waitFor(
          async () => {
            const [a] = await platform.db.query(
              `SELECT status, current_calls, live_call_sid FROM agents WHERE id = $1`,
              [d.agentId],
            );
            return a.status === 'break' ? a : undefined;
          },
          10_000,
          'the agent on a break',
        );
        expect(agent).toEqual({ status: 'break', current_calls: 0, live_call_sid: null });
        await waitFor(
          async () => (d.heard.some((h) => h.event === 'call:unanswered') ? true : undefined),
          10_000,
          'call:unanswered',
        );
        expect(d.heard.find((h) => h.event === 'call:unanswered')?.payload).toMatchObject({
          call_id: leg.id,
          status: 'no-answer',
        });
      } finally {
        d.socket.close();
      }
    }, 60_000);

    it('stops ringing when the caller hangs up first, and the agent stays available', async () => {
      const d = await desk(platform, 30);
      try {
        await d.setStatus('available');
        const callerSid = await d.callIn('+12125550133');
        const [ringing] = await waitFor(
          async () => {
            const r = await rows(platform, `tenant_id = $1 AND kind = 'agent_leg' AND call_sid IS NOT NULL`, [
              d.t.id,
            ]);
            return r.length ? r : undefined;
          },
          10_000,
          "the agent's phone ringing",
        );
        await d.hangUp(callerSid);
        const [leg] = await waitFor(
          async () => {
            const r = await rows(platform, `id = $1 AND end_time IS NOT NULL`, [ringing.id]);
            return r.length ? r : undefined;
          },
          10_000,
          "the agent's phone to stop ringing",
          () => rows(platform, 'tenant_id = $1', [d.t.id]),
        );
        // Hung up by us before it rang out (4 s).
        expect(leg.status).toBe('canceled');
        expect(leg.end_time.getTime() - leg.created_at.getTime()).toBeLessThan(4000);
        const [caller] = await rows(platform, `id = $1`, [ringing.parent_call_id]);
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
