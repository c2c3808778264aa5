import { SimulatorTelephonyAdapter } from '@app/providers';
import { createTenant, insertAgentRow, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { AgentLines } from './agent-lines';
import { DialerAgentsRepository } from './dialer-agents.repository';
import { DialerCallsRepository } from './dialer-calls.repository';

/**
 * An agent without a live leg is rung for the lead (a leg placed at the provider). A status callback of that leg
 * can be applied before the provider's answer to the placement comes back: the placement then records nothing, so
 * the leg's status never moves back to `initiated`. No worker runs: the bridge is called as its job calls it.
 */
describe("an agent's leg placed after its first callback (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });
  afterEach(() => jest.restoreAllMocks());

  it('keeps the status the callback recorded', async () => {
    const agentId = await insertAgentRow(api.db, t.id, { name: 'Rung' });
    await api.db.query(
      `UPDATE agents SET phone = '+14155550166', status = 'busy', current_calls = 1 WHERE id = $1`,
      [agentId],
    );
    const callId = await insertCallRow(api.db, t.id, {
      call_sid: `CA${randomBytes(16).toString('hex')}`,
      status: 'in-progress',
      to_number: '+14155550167',
      agent_id: agentId,
    });
    const place = SimulatorTelephonyAdapter.prototype.placeCall;
    jest.spyOn(SimulatorTelephonyAdapter.prototype, 'placeCall').mockImplementation(async function (
      this: SimulatorTelephonyAdapter,
      ...args
    ) {
      const placed = await place.apply(this, args);
      // The leg's ringing callback, applied (by another worker) before the placement's answer is recorded.
      await api.db.query(
        `UPDATE calls SET call_sid = $2, status = 'ringing' WHERE parent_call_id = $1 AND kind = 'agent_leg'`,
        [callId, placed.call_sid],
      );
      return placed;
    });
    const call = (await api.app.get(DialerCallsRepository).find(t.id, callId))!;
    const agent = (await api.app.get(DialerAgentsRepository).find(t.id, agentId))!;
    await api.app.get(AgentLines).putThrough(call, agent, api.clock.now());
    const legs = await api.db.query(
      `SELECT status, call_sid IS NOT NULL AS placed FROM calls WHERE parent_call_id = $1 AND kind = 'agent_leg'`,
      [callId],
    );
    expect(legs).toEqual([{ status: 'ringing', placed: true }]);
  });
});
