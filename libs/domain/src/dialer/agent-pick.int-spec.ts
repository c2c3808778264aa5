import { createTenant, insertAgentRow, insertCallRow, useTestApi } from '@app/testing';
import { AgentBridgeService } from './agent-bridge.service';

// Monday 30 November 2026, 15:00 UTC (the tenant's zone).
const NOW = '2026-11-30T15:00:00.000Z';

/**
 * The dialer picks the longest-idle available agent who may take a call now. The longest idle are often agents whose
 * shift is over and who left themselves available: passing over ten of them must not hide the agent at work behind
 * them (the pacer counts that agent and dials for them; an answered lead no agent took is abandoned).
 */
describe('the agent an answered lead goes to (integration)', () => {
  const api = useTestApi();

  beforeAll(async () => {
    api.clock.set(NOW);
  });

  async function availableAgent(tenantId: string, fields: { idleSince: string; sundaysOnly: boolean }) {
    const id = await insertAgentRow(api.db, tenantId, { name: fields.sundaysOnly ? 'Gone home' : 'At work' });
    await api.db.query(
      `UPDATE agents SET status = 'available', phone = '+14155550123', status_changed_at = $2, working_hours = $3
        WHERE id = $1`,
      [id, fields.idleSince, fields.sundaysOnly ? { sunday: { start: '09:00', end: '17:00' } } : null],
    );
    return id;
  }

  it('goes past agents outside their working hours, however many are idle longer', async () => {
    const t = await createTenant(api.http);
    for (let i = 0; i < 12; i++)
      await availableAgent(t.id, { idleSince: `2026-11-29T1${i % 10}:00:00Z`, sundaysOnly: true });
    const atWork = await availableAgent(t.id, { idleSince: '2026-11-30T14:59:00Z', sundaysOnly: false });
    const call = await insertCallRow(api.db, t.id, {
      call_sid: `CA${'4'.repeat(32)}`,
      status: 'in-progress',
      answered_by: 'human',
    });
    await api.app.get(AgentBridgeService).connect(t.id, call);
    const [row] = await api.db.query(`SELECT agent_id FROM calls WHERE id = $1`, [call]);
    expect(row.agent_id).toBe(atWork);
    const [agent] = await api.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [atWork]);
    expect(agent).toEqual({ status: 'busy', current_calls: 1 });
  });
});
