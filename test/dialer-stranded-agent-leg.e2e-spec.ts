import { SimulatorRuntime, VoiceChannelsService } from '@app/domain';
import {
  agentOnDuty,
  createAgent,
  createTenant,
  startVoicePlatform,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';

/**
 * A caller who hangs up while the agent who answered for them hears the whisper: the caller's conference ends with
 * them, and the agent's phone, joining it a moment later, would wait alone in a new conference of the same name
 * until the agent hung up. It is hung up. Simulated times at 0.1: the whisper of a lead with long notes lasts about
 * 2 s. Through two workers, the signed Twilio webhooks and the telephony simulator.
 */
describe('an agent left alone by a caller who hung up during the whisper (e2e)', () => {
  let platform: VoicePlatform;
  let socket: Socket | undefined;

  beforeAll(async () => {
    platform = await startVoicePlatform({ SIMULATOR_CALL_MIX: 'human:1', SIMULATOR_CALL_TIME_SCALE: '0.1' });
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await platform?.close();
  });

  it("is hung up, and the caller's call ends", async () => {
    const { api, workers, db } = platform;
    const t = await createTenant(api.http);
    const agentId = await createAgent(api.http, t);
    expect(
      (
        await api.http
          .put('/api/config/channels/voice')
          .set(t.admin.headers)
          .send({ provider: 'simulator', settings: { inbound_ring_seconds: 60 } })
      ).status,
    ).toBe(200);
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', phone: '+12125550177', notes: 'Wants the annual plan. '.repeat(13) });
    expect(lead.status).toBe(201);
    ({ socket } = await agentOnDuty(api, t, agentId));

    const voice = await api.app.get(VoiceChannelsService).resolve(t.id);
    const telephony = workers[0].app.get(SimulatorRuntime).telephony(t.id, voice.signingSecret);
    const { call_sid: callerSid } = await telephony.originateInbound({
      from: '+12125550177',
      to: '+14155559999',
      voiceInboundUrl: voice.urls.inbound(),
      statusCallbackUrl: voice.urls.numberStatus(),
    });
    const legs = () =>
      db.query(
        `SELECT id, status, disposition, parent_call_id, conference_name, end_time FROM calls
          WHERE tenant_id = $1 AND kind = 'agent_leg' ORDER BY created_at`,
        [t.id],
      );
    // The agent answered: the whisper plays to them before they join the caller's conference.
    const [answered] = await waitFor(
      async () => {
        const rows = await legs();
        return rows[0]?.status === 'in-progress' ? rows : undefined;
      },
      20_000,
      "the agent's phone answered",
    );
    expect(answered.conference_name).toBeNull();
    await telephony.updateCall(callerSid, { status: 'completed' });

    const [ended] = await waitFor(
      async () => {
        const rows = await legs();
        return rows[0]?.end_time ? rows : undefined;
      },
      20_000,
      "the agent's leg to end",
    );
    // The agent answered their leg: it is not an abandoned call (no caller was left waiting on it).
    expect(ended).toMatchObject({ id: answered.id, status: 'completed', disposition: 'answered' });
    const [inbound] = await db.query(`SELECT end_time FROM calls WHERE tenant_id = $1 AND kind = 'inbound'`, [
      t.id,
    ]);
    expect(inbound.end_time).not.toBeNull();
  }, 60_000);
});
