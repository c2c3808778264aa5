import { createTenant, insertAgentRow, insertCampaignRows, useTestApi } from '@app/testing';
import { AgentPresenceService } from './agent-presence.service';

// Monday 30 November 2026, 15:00 UTC (the tenant's zone).
const NOW = '2026-11-30T15:00:00.000Z';

/**
 * The end of an agent's after-call work makes them available again and, in a group that dials in power or
 * predictive mode, calls their phone for a live leg when they have none: only within their working hours. Past
 * them the platform does not ring the phone of an agent whose shift is over. No worker runs: the job's handler is
 * called here.
 */
describe('the end of after-call work (integration)', () => {
  const api = useTestApi();

  beforeAll(async () => {
    api.clock.set(NOW);
  });

  async function wrapUpEnds(workingHours: Record<string, unknown> | null): Promise<number> {
    const t = await createTenant(api.http);
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    await api.db.query(`UPDATE campaigns SET dialing_mode = 'power' WHERE id = $1`, [campaignId]);
    const agentId = await insertAgentRow(api.db, t.id, { name: 'Wes' });
    await api.db.query(
      `UPDATE agents SET phone = '+14155550177', status = 'busy', current_calls = 0,
              wrap_up_until = '2026-11-30T14:59:30Z', working_hours = $2
        WHERE id = $1`,
      [agentId, workingHours],
    );
    await api.app.get(AgentPresenceService).wrapUpEnd({ tenant_id: t.id, agent_id: agentId });
    const [{ legs }] = await api.db.query(
      `SELECT count(*)::int AS legs FROM calls WHERE tenant_id = $1 AND agent_id = $2 AND kind = 'agent_leg'`,
      [t.id, agentId],
    );
    return legs;
  }

  it('rings no live leg for an agent whose working hours are over; one still at work is rung', async () => {
    expect(await wrapUpEnds({ sunday: { start: '09:00', end: '17:00' } })).toBe(0);
    expect(await wrapUpEnds({ monday: { start: '09:00', end: '17:00' } })).toBe(1);
  });
});
