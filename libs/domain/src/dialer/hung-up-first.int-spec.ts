import { parseVoiceCallStatus } from '@app/providers';
import { createTenant, insertAgentRow, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { AgentBridgeService } from './agent-bridge.service';
import { CallEventsService } from './call-events.service';

/**
 * A person who hangs up just before the platform gives their call new TwiML (the safe harbour when no agent came
 * within 2 s, the voicemail greeting of an inbound call nobody took, the hang-up after a machine answered, the move
 * into their agent's conference): the provider answers that the call is over (Twilio 20404 or 21220). That is no
 * fault: the job records the outcome and ends, instead of failing and being retried. No worker runs: the jobs'
 * handlers are called here, against the telephony simulator, which knows none of these calls.
 */
describe('a person who hung up first (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const sid = () => `CA${randomBytes(16).toString('hex')}`;
  const row = async (id: string) =>
    (
      await api.db.query(
        `SELECT disposition, metadata ? 'abandoned_at' AS abandoned FROM calls WHERE id = $1`,
        [id],
      )
    )[0];

  it('a lead nobody took within 2 s is counted abandoned', async () => {
    const id = await insertCallRow(api.db, t.id, {
      call_sid: sid(),
      status: 'in-progress',
      answered_by: 'human',
    });
    await expect(
      api.app.get(AgentBridgeService).deadline({ tenant_id: t.id, call_id: id }),
    ).resolves.toBeUndefined();
    expect(await row(id)).toEqual({ disposition: 'abandoned', abandoned: true });
  });

  it('an inbound caller nobody took is counted missed', async () => {
    const id = await insertCallRow(api.db, t.id, {
      kind: 'inbound',
      direction: 'inbound',
      call_sid: sid(),
      status: 'in-progress',
    });
    await expect(
      api.app.get(AgentBridgeService).deadline({ tenant_id: t.id, call_id: id }),
    ).resolves.toBeUndefined();
    expect(await row(id)).toEqual({ disposition: 'missed', abandoned: true });
  });

  it('a lead who hangs up as their agent is found is not bridged; the end of the call gives the agent back', async () => {
    const agentId = await insertAgentRow(api.db, t.id, { name: 'Ada' });
    const legSid = sid();
    await api.db.query(`UPDATE agents SET status = 'available', live_call_sid = $2 WHERE id = $1`, [
      agentId,
      legSid,
    ]);
    await insertCallRow(api.db, t.id, {
      kind: 'agent_leg',
      agent_id: agentId,
      call_sid: legSid,
      conference_sid: `CF${randomBytes(16).toString('hex')}`,
      status: 'in-progress',
    });
    const leadSid = sid();
    const id = await insertCallRow(api.db, t.id, {
      call_sid: leadSid,
      status: 'in-progress',
      answered_by: 'human',
    });
    await expect(api.app.get(AgentBridgeService).connect(t.id, id)).resolves.toBeUndefined();
    const agent = async () =>
      (await api.db.query(`SELECT status, current_calls FROM agents WHERE id = $1`, [agentId]))[0];
    const [taken] = await api.db.query(`SELECT agent_id, connected_at FROM calls WHERE id = $1`, [id]);
    expect(taken).toEqual({ agent_id: agentId, connected_at: null });
    expect(await agent()).toEqual({ status: 'busy', current_calls: 1 });

    await api.app.get(CallEventsService).apply(t.id, {
      kind: 'call',
      type: 'status',
      call_id: id,
      form: parseVoiceCallStatus({
        CallSid: leadSid,
        CallStatus: 'completed',
        CallDuration: '3',
        To: '+12125550111',
      })!,
    });
    expect(await agent()).toEqual({ status: 'available', current_calls: 0 });
  });

  it('a machine that answered is counted voicemail', async () => {
    const callSid = sid();
    const id = await insertCallRow(api.db, t.id, { call_sid: callSid, status: 'in-progress' });
    await expect(
      api.app.get(CallEventsService).apply(t.id, {
        kind: 'call',
        type: 'amd',
        call_id: id,
        form: {
          call_sid: callSid,
          account_sid: null,
          answered_by: 'machine_start',
          machine_detection_duration: 2100,
        },
      }),
    ).resolves.toBeUndefined();
    expect(await row(id)).toEqual({ disposition: 'voicemail', abandoned: false });
  });
});
