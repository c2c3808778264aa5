import { SimulatorRuntime, VoiceChannelsService } from '@app/domain';
import {
  connectLiveClient,
  createTenant,
  startVoicePlatform,
  TestApi,
  TestWorker,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * An agent is rung once for a call. Here agents have no live leg (no power or predictive campaign), so taking a call
 * rings their phone, which they answer after 5.4 s (the simulator's agent answer time, scaled): a caller's
 * deadline that comes while it rings finds the call being bridged and rings no one again.
 */
describe("an agent's phone rings once per call (e2e)", () => {
  let platform: VoicePlatform;
  let api: TestApi;
  let workers: TestWorker[];
  let db: DataSource;

  beforeAll(async () => {
    platform = await startVoicePlatform({
      SIMULATOR_CALL_MIX: 'human:1',
      // Simulated times at 0.3: an agent's phone rings up to 6 s (our 20 s timeout) and is answered after 5.4 s.
      SIMULATOR_CALL_TIME_SCALE: '0.3',
      SIMULATOR_CALL_AGENT_ANSWER_MS: '18000',
    });
    ({ api, workers, db } = platform);
  }, 60_000);

  afterAll(async () => {
    await platform?.close();
  });

  it('an inbound caller taken by an agent who frees up is not rung to them again when its ring time is over', async () => {
    const t = await createTenant(api.http);
    const agent = await api.http
      .post('/api/agents')
      .set(t.admin.headers)
      .send({ name: 'Ann Agent', phone: '+14155550100' });
    expect(agent.status).toBe(201);
    const agentId = agent.body.data.id as string;
    // The caller waits 3 s for an agent (then voicemail); the agent, offline, is rung only once they are available.
    const config = await api.http
      .put('/api/config/channels/voice')
      .set(t.admin.headers)
      .send({ provider: 'simulator', settings: { inbound_ring_seconds: 3 } });
    expect(config.status).toBe(200);
    const { socket, heard } = await connectLiveClient(api.url, t.admin.token);
    try {
      expect((await socket.emitWithAck('agent:join', { agentId })).success).toBe(true);
      const voice = await api.app.get(VoiceChannelsService).resolve(t.id);
      await workers[0].app.get(SimulatorRuntime).telephony(t.id, voice.signingSecret).originateInbound({
        from: '+12125550131',
        to: '+14155559999',
        voiceInboundUrl: voice.urls.inbound(),
        statusCallbackUrl: voice.urls.numberStatus(),
      });
      const [waiting] = await waitFor(
        async () => {
          const rows = await db.query(
            `SELECT id FROM calls WHERE tenant_id = $1 AND kind = 'inbound' AND metadata ? 'waiting_since'`,
            [t.id],
          );
          return rows.length ? rows : undefined;
        },
        10_000,
        'the caller waiting for an agent',
      );
      const free = await api.http
        .put(`/api/agents/${agentId}/status`)
        .set(t.admin.headers)
        .send({ status: 'available' });
      expect(free.status).toBe(200);
      const connected = await waitFor(
        async () => {
          const [row] = await db.query(`SELECT * FROM calls WHERE id = $1 AND connected_at IS NOT NULL`, [
            waiting.id,
          ]);
          return row;
        },
        20_000,
        'the agent to answer and the caller to be connected',
        () =>
          db.query(
            `SELECT kind, status, disposition, agent_id, parent_call_id, created_at, connected_at, end_time, metadata
               FROM calls WHERE tenant_id = $1 ORDER BY created_at`,
            [t.id],
          ),
      );
      expect(connected).toMatchObject({ agent_id: agentId, disposition: null });
      expect(connected.metadata.abandoned_at).toBeUndefined();
      const legs = await db.query(
        `SELECT to_number, created_at FROM calls WHERE tenant_id = $1 AND kind = 'agent_leg' AND parent_call_id = $2`,
        [t.id, waiting.id],
      );
      expect(legs).toHaveLength(1);
      expect(legs[0].to_number).toBe('+14155550100');
      // Its deadline passed while the agent's phone rang.
      expect(
        connected.connected_at.getTime() - new Date(connected.metadata.waiting_since).getTime(),
      ).toBeGreaterThan(3000);
      expect(
        heard.filter((h) => h.event === 'incoming:call' && h.payload.call_id === waiting.id),
      ).toHaveLength(1);
    } finally {
      socket.close();
    }
  }, 60_000);
});
