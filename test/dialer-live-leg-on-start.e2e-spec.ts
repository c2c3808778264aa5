import {
  agentOnDuty,
  createAgent,
  createAgentGroup,
  createTenant,
  startCallCampaign,
  startVoicePlatform,
  TestTenant,
  VoicePlatform,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';

/**
 * Agents who went available before their group's campaign started (the shift logs in, then the manager starts the
 * campaign): a power campaign calls each one's phone once as it starts running, and bridges its leads into their
 * live legs, as it does for an agent who goes available while it runs; a preview campaign rings no one until a
 * lead is picked. Through two workers, the signed Twilio webhooks and the telephony simulator (every answer a person).
 */
describe('agents available before a campaign starts (e2e)', () => {
  let platform: VoicePlatform;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    platform = await startVoicePlatform({ SIMULATOR_CALL_MIX: 'human:1' });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await platform?.close();
  });

  /** A tenant with an agent group, one lead, and an agent of the group joined on a socket and available. */
  async function availableAgent(): Promise<{
    t: TestTenant;
    groupId: string;
    agentId: string;
    leadId: string;
  }> {
    const { api } = platform;
    const t = await createTenant(api.http);
    const groupId = await createAgentGroup(api.http, t, 'Closers');
    const agentId = await createAgent(api.http, t, { agent_group_id: groupId, user_id: t.admin.id });
    sockets.push((await agentOnDuty(api, t, agentId)).socket);
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', last_name: 'Lovelace', phone: '+12125550123' });
    expect(lead.status).toBe(201);
    return { t, groupId, agentId, leadId: lead.body.data.id as string };
  }

  const calls = (t: TestTenant, where: string) =>
    platform.db.query(
      `SELECT id, kind, parent_call_id, agent_id, status, conference_name, connected_at, end_time, metadata
         FROM calls WHERE tenant_id = $1 AND ${where} ORDER BY created_at`,
      [t.id],
    );

  it('power: the agent is called once on a live leg as the campaign starts, and the lead joins them there', async () => {
    const { t, groupId, agentId, leadId } = await availableAgent();
    // No campaign of theirs ran when they went available: no one rang their phone.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await calls(t, `kind = 'agent_leg'`)).toEqual([]);

    await startCallCampaign(platform.api.http, t, { agent_group_id: groupId });
    const [ended] = await waitFor(
      async () => {
        const rows = await calls(t, `kind = 'dialer' AND end_time IS NOT NULL`);
        return rows.length ? rows : undefined;
      },
      30_000,
      'the lead call to end',
    );
    expect(ended).toMatchObject({
      agent_id: agentId,
      status: 'completed',
      conference_name: `agent_${agentId}`,
    });
    expect(ended.connected_at).not.toBeNull();
    // One call to the agent's phone, their live leg: none rang it for the lead alone.
    expect(await calls(t, `kind = 'agent_leg'`)).toEqual([
      expect.objectContaining({ parent_call_id: null, agent_id: agentId, metadata: { live_leg: true } }),
    ]);
    const [row] = await platform.db.query(`SELECT lead_id FROM calls WHERE id = $1`, [ended.id]);
    expect(row.lead_id).toBe(leadId);
  }, 60_000);

  it('preview: no phone rings as the campaign starts', async () => {
    const { t, groupId } = await availableAgent();
    await startCallCampaign(platform.api.http, t, { agent_group_id: groupId, dialing_mode: 'preview' });
    // A few pacing rounds (one a second): the lead is offered to the agent, and their phone stays quiet.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await calls(t, `kind = 'agent_leg'`)).toEqual([]);
  }, 30_000);
});
