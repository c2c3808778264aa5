import {
  createTenant,
  insertAgentRow,
  insertCallRow,
  insertCampaignRows,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { AgentBridgeService } from './agent-bridge.service';

/**
 * An agent who frees up takes the oldest call waiting for an agent only as the dialer would pick them: reachable
 * (a live leg or a phone), and of the call's group (a call of no group: anyone; an agent of no group: only those).
 * Else the caller stayed on hold with an agent who could never be rung, or a Billing caller went to Sales.
 */
describe('an agent freed (integration)', () => {
  const api = useTestApi();

  async function waitingCall(t: TestTenant, groupId: string | null): Promise<string> {
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    await api.db.query(`UPDATE campaigns SET agent_group_id = $2 WHERE id = $1`, [campaignId, groupId]);
    return insertCallRow(api.db, t.id, {
      campaign_id: campaignId,
      status: 'in-progress',
      call_sid: `CA${'7'.repeat(32)}`,
      metadata: { waiting_since: api.clock.now().toISOString() },
    });
  }
  async function availableAgent(t: TestTenant, phone: string | null, groupId: string | null = null) {
    const id = await insertAgentRow(api.db, t.id, { name: 'Sam', agent_group_id: groupId });
    await api.db.query(`UPDATE agents SET status = 'available', phone = $2 WHERE id = $1`, [id, phone]);
    return id;
  }
  const state = async (callId: string, agentId: string) => ({
    call_agent: (await api.db.query(`SELECT agent_id FROM calls WHERE id = $1`, [callId]))[0].agent_id,
    agent: (await api.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [agentId]))[0],
  });

  it('an agent with no phone and no live leg takes no waiting call, and stays available', async () => {
    const t = await createTenant(api.http);
    const call = await waitingCall(t, null);
    const agent = await availableAgent(t, null);
    await api.app.get(AgentBridgeService).agentFreed(t.id, agent);
    expect(await state(call, agent)).toEqual({
      call_agent: null,
      agent: { status: 'available', current_calls: 0 },
    });
  });

  it("an agent of no group takes no call waiting for a group's agents", async () => {
    const t = await createTenant(api.http);
    const [{ id: billing }] = await api.db.query(
      `INSERT INTO agent_groups (tenant_id, name) VALUES ($1, 'Billing') RETURNING id`,
      [t.id],
    );
    const call = await waitingCall(t, billing);
    const agent = await availableAgent(t, '+14155550123');
    await api.app.get(AgentBridgeService).agentFreed(t.id, agent);
    expect(await state(call, agent)).toEqual({
      call_agent: null,
      agent: { status: 'available', current_calls: 0 },
    });
  });
});
