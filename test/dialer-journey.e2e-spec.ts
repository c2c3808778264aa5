import { SimulatorRuntime, VoiceChannelsService } from '@app/domain';
import {
  connectLiveClient,
  createAgent,
  createAgentGroup,
  createTenant,
  createUser,
  HeardEvent,
  startCallCampaign,
  startVoicePlatform,
  TestApi,
  TestTenant,
  TestWorker,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * The dialer end to end, offline (issue 6 "Done means"): a power-dialed voice campaign and an inbound call, through
 * two workers, the signed Twilio webhooks and the telephony simulator (every answer a person, times scaled down),
 * with the agent connected over socket.io on a live leg in their own conference, which the lead waits for when it
 * answers first.
 */
describe('voice campaign and inbound call through the simulator (e2e)', () => {
  let platform: VoicePlatform;
  let api: TestApi;
  let workers: TestWorker[];
  let db: DataSource;
  let tenant: TestTenant;
  let socket: Socket;
  let heard: HeardEvent[];
  let agentId: string;
  let groupId: string;

  beforeAll(async () => {
    platform = await startVoicePlatform({ SIMULATOR_CALL_MIX: 'human:1' });
    ({ api, workers, db } = platform);
    tenant = await createTenant(api.http);
    groupId = await createAgentGroup(api.http, tenant, 'Closers');
    // The admin's own agent profile: their achievements count the calls connected to it.
    agentId = await createAgent(api.http, tenant, { agent_group_id: groupId, user_id: tenant.admin.id });
    ({ socket, heard } = await connectLiveClient(api.url, tenant.admin.token));
    const joined = await socket.emitWithAck('agent:join', { agentId });
    expect(joined.success).toBe(true);
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await platform?.close();
  });

  const call = (where: string, params: unknown[]) =>
    db.query(`SELECT * FROM calls WHERE tenant_id = $1 AND ${where}`, [tenant.id, ...params]);

  it('power mode: the answered lead joins the agent on their live leg, whispered; the sequence completes', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ada', last_name: 'Lovelace', phone: '+12125550123', notes: 'Asked for a demo' });
    expect(lead.status).toBe(201);
    // A supervisor watching the floor (a manager who joined no agent's room), and an agent the call is not for.
    const manager = await connectLiveClient(api.url, (await createUser(api.http, tenant, 'manager')).token);
    const otherAgent = await connectLiveClient(api.url, (await createUser(api.http, tenant, 'agent')).token);
    const campaignId = await startCallCampaign(api.http, tenant, {
      agent_group_id: groupId,
      amd_enabled: true,
    });
    const available = await api.http
      .put(`/api/agents/${agentId}/status`)
      .set(tenant.admin.headers)
      .send({ status: 'available' });
    expect(available.status).toBe(200);

    const ended = await waitFor(
      async () => {
        const [row] = await call(`kind = 'dialer' AND end_time IS NOT NULL`, []);
        return row;
      },
      30_000,
      'the lead call to end',
    );
    expect(ended).toMatchObject({
      lead_id: lead.body.data.id,
      campaign_id: campaignId,
      agent_id: agentId,
      status: 'completed',
      answered_by: 'human',
      disposition: 'answered',
      to_number: '+12125550123',
      from_number: '+14155559999',
      attempt: 1,
      conference_name: `agent_${agentId}`,
      // Placed with AMD, as the campaign had it when the call was reserved: its answer waits for the AMD result.
      metadata: expect.objectContaining({ amd: true }),
    });
    expect(ended.call_sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(ended.connected_at).not.toBeNull();
    // Connected to the admin's agent: their first connected call unlocked as it connected, told once.
    const told = await db.query(
      `SELECT id FROM notifications WHERE tenant_id = $1 AND user_id = $2 AND title = $3`,
      [tenant.id, tenant.admin.id, 'Achievement unlocked: First Connection'],
    );
    expect(told).toHaveLength(1);
    const legs = await call(`kind = 'agent_leg' AND agent_id = $2`, [agentId]);
    // One call to the agent's phone: the live leg, never a second one for the lead.
    expect(legs).toHaveLength(1);
    const [leg] = legs;
    expect(leg).toMatchObject({ parent_call_id: null, to_number: '+14155550100', status: 'in-progress' });

    const incoming = heard.find((h) => h.event === 'incoming:call');
    // Once, though this socket is both the tenant's staff and in the agent's room.
    expect(heard.filter((h) => h.event === 'incoming:call' && h.payload.call_id === ended.id)).toHaveLength(
      1,
    );
    // The supervisor sees who took it; another agent hears nothing of it.
    expect(
      manager.heard.find((h) => h.event === 'incoming:call' && h.payload.call_id === ended.id)?.payload,
    ).toMatchObject({ agent_id: agentId, lead_id: lead.body.data.id });
    expect(otherAgent.heard.filter((h) => h.event === 'incoming:call')).toEqual([]);
    manager.socket.close();
    otherAgent.socket.close();
    expect(incoming?.payload).toMatchObject({
      call_id: ended.id,
      lead_id: lead.body.data.id,
      agent_id: agentId,
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+12125550123',
      notes: 'Asked for a demo',
    });
    await waitFor(
      async () => heard.find((h) => h.event === 'call:ended' && h.payload.call_id === ended.id),
      10_000,
      'call:ended',
    );
    // Once, though this socket is both the tenant's staff and in the agent's room.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard.filter((h) => h.event === 'call:ended' && h.payload.call_id === ended.id)).toHaveLength(1);
    const simulator = workers[0].app.get(SimulatorRuntime);
    const conference = await simulator.telephonyLedger.liveConference(tenant.id, `agent_${agentId}`);
    expect(conference?.announcements ?? []).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ call_sid: leg.call_sid, text: expect.stringContaining('Ada Lovelace') }),
      ]),
    );

    await waitFor(
      async () => {
        const [e] = await db.query(`SELECT status FROM campaign_enrollments WHERE campaign_id = $1`, [
          campaignId,
        ]);
        return e.status === 'completed' || undefined;
      },
      10_000,
      'the enrollment to complete',
    );
    // The campaign completes after the call's end commits (the enrollment's last step), so a moment later.
    await waitFor(
      async () => {
        const [c] = await db.query(`SELECT status FROM campaigns WHERE id = $1`, [campaignId]);
        return c.status === 'completed' || undefined;
      },
      10_000,
      'the campaign to complete',
    );
    const [l] = await db.query(`SELECT call_attempts, last_call_at FROM leads WHERE id = $1`, [
      lead.body.data.id,
    ]);
    expect(l.call_attempts).toBe(1);
    // Each of the lead's call events the worker applied names the lead (erasure scrubs their payloads through it).
    const events = await db.query(
      `SELECT e.lead_id FROM webhook_events e
        WHERE e.tenant_id = $1 AND e.kind = 'call' AND e.processed_at IS NOT NULL
          AND e.payload->>'call_id' = $2`,
      [tenant.id, ended.id],
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e: { lead_id: string }) => e.lead_id === lead.body.data.id)).toBe(true);
    await waitFor(
      async () => {
        const [a] = await db.query(
          `SELECT status, current_calls, total_calls_handled FROM agents WHERE id = $1`,
          [agentId],
        );
        return a.status === 'available' ? a : undefined;
      },
      10_000,
      'the agent back from wrap-up',
    );
  }, 60_000);

  it('an inbound call rings the available agent, who takes it on their live leg', async () => {
    const voice = await api.app.get(VoiceChannelsService).resolve(tenant.id);
    const simulator = workers[0].app.get(SimulatorRuntime).telephony(tenant.id, voice.signingSecret);
    await simulator.originateInbound({
      from: '+12125550123',
      to: '+14155559999',
      voiceInboundUrl: voice.urls.inbound(),
      statusCallbackUrl: voice.urls.numberStatus(),
    });
    const [inbound] = await waitFor(
      async () => {
        const rows = await call(`kind = 'inbound' AND connected_at IS NOT NULL`, []);
        return rows.length ? rows : undefined;
      },
      20_000,
      'the inbound call to be bridged',
    );
    expect(inbound).toMatchObject({ direction: 'inbound', agent_id: agentId, from_number: '+12125550123' });
    expect(inbound.lead_id).not.toBeNull();
    await waitFor(
      () => heard.some((h) => h.event === 'incoming:call' && h.payload.call_id === inbound.id),
      5_000,
      'incoming:call of the inbound call',
    );
    // The caller hangs up after talking: the number's status callback (no id of ours) ends the call by CallSid.
    const ended = await waitFor(
      async () => {
        const [row] = await db.query(`SELECT * FROM calls WHERE id = $1 AND end_time IS NOT NULL`, [
          inbound.id,
        ]);
        return row;
      },
      20_000,
      'the inbound call to end',
    );
    expect(ended).toMatchObject({ status: 'completed', disposition: 'answered' });
    expect(ended.talk_time).not.toBeNull();
  }, 30_000);
});
