import { VoiceChannelsService } from '@app/domain';
import {
  connectLiveClient,
  createAgent,
  createAgentGroup,
  createTenant,
  startCallCampaign,
  startVoicePlatform,
  TestApi,
  TestTenant,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * An agent who goes on a break while talking to a lead on their live leg (power mode): the lead's conversation goes
 * on (the leg's conference is the one the lead talks in), and the leg ends once the call and its after-call work are
 * over. Calls last 20 s here (the simulator's talk time, scaled), so the test hangs the lead up itself.
 */
describe('a break taken mid-call (e2e)', () => {
  let platform: VoicePlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let socket: Socket;
  let agentId: string;
  let groupId: string;

  beforeAll(async () => {
    platform = await startVoicePlatform({
      SIMULATOR_CALL_MIX: 'human:1',
      SIMULATOR_CALL_TALK_MEAN_MS: '1000000',
      SIMULATOR_CALL_TALK_SD_MS: '0',
      // An agent's phone answers after 25 s, scaled to 0.5 s (its leg rings for 30): time to change status twice.
      SIMULATOR_CALL_AGENT_ANSWER_MS: '25000',
    });
    ({ api, db } = platform);
    tenant = await createTenant(api.http);
    groupId = await createAgentGroup(api.http, tenant, 'Closers');
    agentId = await createAgent(api.http, tenant, { agent_group_id: groupId });
    ({ socket } = await connectLiveClient(api.url, tenant.admin.token));
    expect((await socket.emitWithAck('agent:join', { agentId })).success).toBe(true);
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await platform?.close();
  });

  const calls = (where: string) =>
    db.query(`SELECT * FROM calls WHERE tenant_id = $1 AND agent_id = $2 AND ${where}`, [tenant.id, agentId]);

  it('the lead stays on the line; the live leg ends when the call is over, and the agent stays on their break', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Bea', phone: '+12125550187' });
    expect(lead.status).toBe(201);
    await startCallCampaign(api.http, tenant, { agent_group_id: groupId });
    const status = (value: string) =>
      api.http.put(`/api/agents/${agentId}/status`).set(tenant.admin.headers).send({ status: value });
    expect((await status('available')).status).toBe(200);

    const talking = await waitFor(
      async () => (await calls(`kind = 'dialer' AND connected_at IS NOT NULL`))[0],
      30_000,
      'the lead connected to the agent',
    );
    const [leg] = await calls(`kind = 'agent_leg' AND parent_call_id IS NULL`);
    expect(leg).toMatchObject({ status: 'in-progress', end_time: null });

    expect((await status('break')).status).toBe(200);
    // The status job has run (the agent's other jobs behind it too) and left the conversation alone.
    await new Promise((r) => setTimeout(r, 2000));
    const [still] = await calls(`id = '${talking.id}'`);
    expect(still).toMatchObject({ status: 'in-progress', end_time: null });
    expect((await calls(`id = '${leg.id}'`))[0]).toMatchObject({ end_time: null });

    // The lead hangs up: after the call's after-call work the leg ends, and the break goes on.
    const channel = await api.app.get(VoiceChannelsService).resolve(tenant.id);
    await channel.port.updateCall(talking.call_sid as string, { status: 'completed' });
    await waitFor(
      async () => (await calls(`id = '${leg.id}' AND end_time IS NOT NULL`))[0],
      15_000,
      'the live leg to end',
    );
    const [ended] = await calls(`id = '${talking.id}'`);
    expect(ended).toMatchObject({ status: 'completed', disposition: 'answered' });
    const [agent] = await db.query('SELECT status, current_calls, live_call_sid FROM agents WHERE id = $1', [
      agentId,
    ]);
    expect(agent).toEqual({ status: 'break', current_calls: 0, live_call_sid: null });
  }, 90_000);

  it('an agent who goes available, away and available again while their phone rings is called once', async () => {
    const other = await createAgent(api.http, tenant, { agent_group_id: groupId, phone: '+14155550177' });
    expect((await socket.emitWithAck('agent:join', { agentId: other })).success).toBe(true);
    // A power campaign of the group with no one to call: its agents are kept on live legs.
    const created = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({
        name: 'Nobody to call',
        caller_id: '+14155559999',
        dialing_mode: 'power',
        agent_group_id: groupId,
        target_filter: { tags: ['nobody'] },
        steps: [{ type: 'CALL', content: 'Pitch' }],
      });
    expect(created.status).toBe(201);
    expect(
      (await api.http.post(`/api/campaigns/${created.body.data.id}/start`).set(tenant.admin.headers)).status,
    ).toBe(200);
    const status = (value: string) =>
      api.http.put(`/api/agents/${other}/status`).set(tenant.admin.headers).send({ status: value });
    const legs = () =>
      db.query(
        `SELECT id, end_time FROM calls WHERE tenant_id = $1 AND agent_id = $2 AND kind = 'agent_leg'`,
        [tenant.id, other],
      );
    expect((await status('available')).status).toBe(200);
    await waitFor(async () => ((await legs()).length ? true : undefined), 10_000, 'the live leg placed');
    expect((await status('break')).status).toBe(200);
    expect((await status('available')).status).toBe(200);
    // Both status jobs have run by the time the phone answers.
    await waitFor(
      async () => {
        const [a] = await db.query('SELECT live_call_sid FROM agents WHERE id = $1', [other]);
        return a.live_call_sid ?? undefined;
      },
      20_000,
      'the phone to answer',
    );
    expect(await legs()).toEqual([{ id: expect.any(String), end_time: null }]);
  }, 60_000);
});
