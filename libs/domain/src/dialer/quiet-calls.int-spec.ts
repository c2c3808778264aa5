import { apiOnIsolatedDatabase, createAgent, createTenant, insertCallRow, TestTenant } from '@app/testing';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { DialerTickService, QUIET_CALL_MS } from './dialer-tick.service';

/**
 * A call whose final status callback was lost (Twilio does not retry them by default) would hold its agent, its
 * lead's next attempt and its campaign for good: the dialer tick asks the provider (here the simulator, whose
 * ledger says the call ended) about open calls no callback has touched for QUIET_CALL_MS, and ends them as it says.
 * One the provider says is still going is asked again only after another quiet spell. On a database of its own: the
 * tick's sweeps read every tenant's calls.
 */
describe('calls whose final callback was lost (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    t = await createTenant(on.api.http);
  });

  /** A call the simulator placed, that our row says is talking to the agent since `quietFor` ago. */
  async function talkingCall(
    agentId: string,
    to: string,
    quietFor: number,
  ): Promise<{ id: string; sid: string }> {
    const channel = await on.api.app.get(VoiceChannelsService).resolve(t.id);
    const { call_sid: sid } = await channel.port.placeCall({
      to,
      from: '+14155559999',
      answer_url: 'http://127.0.0.1:9/answer',
      status_callback_url: 'http://127.0.0.1:9/status',
    });
    const since = new Date(on.api.clock.nowMs() - quietFor);
    const id = await insertCallRow(on.db, t.id, {
      agent_id: agentId,
      call_sid: sid,
      to_number: to,
      status: 'in-progress',
      answer_time: since,
      connected_at: since,
    });
    await on.db.query(`UPDATE calls SET updated_at = $2 WHERE id = $1`, [id, since]);
    await on.db.query(`UPDATE agents SET status = 'busy', current_calls = current_calls + 1 WHERE id = $1`, [
      agentId,
    ]);
    return { id, sid };
  }

  it('ends a quiet call the provider says is over, with its duration; the agent is freed into after-call work', async () => {
    const agentId = await createAgent(on.api.http, t);
    const ended = await talkingCall(agentId, '+12125550141', QUIET_CALL_MS + 60_000);
    const going = await talkingCall(agentId, '+12125550142', QUIET_CALL_MS + 60_000);
    const ledger = on.api.app.get(SimulatorRuntime).telephonyLedger;
    const call = (await ledger.findCall(t.id, ended.sid))!;
    // The provider's record: placed 155 s and answered 95 s before it ended, a quiet spell ago.
    const at = new Date(on.api.clock.nowMs() - QUIET_CALL_MS);
    const placedAt = new Date(at.getTime() - 155_000);
    await ledger.saveCall({
      ...call,
      status: 'completed',
      created_at: placedAt.toISOString(),
      answered_at: new Date(at.getTime() - 95_000).toISOString(),
      ended_at: at.toISOString(),
    });
    const running = (await ledger.findCall(t.id, going.sid))!;
    await ledger.saveCall({ ...running, status: 'in-progress', answered_at: at.toISOString() });

    await on.api.app.get(DialerTickService).tick();

    const rows = async () =>
      new Map(
        (
          (await on.db.query(
            `SELECT id, status, duration, talk_time, start_time, end_time, updated_at FROM calls
              WHERE tenant_id = $1`,
            [t.id],
          )) as {
            id: string;
            status: string;
            duration: number | null;
            talk_time: number | null;
            start_time: Date | null;
            end_time: Date | null;
            updated_at: Date;
          }[]
        ).map((r) => [r.id, r]),
      );
    const after = await rows();
    // It ended when the provider says, not when the sweep asked: its talk ran from the agent's connection (60 s
    // before that end) to it, and that is what the agent's totals get. Its start is the provider's: it had none.
    expect(after.get(ended.id)).toMatchObject({
      status: 'completed',
      duration: 95,
      talk_time: 60,
      start_time: placedAt,
      end_time: at,
    });
    expect(after.get(going.id)).toMatchObject({
      status: 'in-progress',
      end_time: null,
      updated_at: on.api.clock.now(),
    });
    const [agent] = await on.db.query(
      `SELECT current_calls, wrap_up_until, total_call_duration_seconds FROM agents WHERE id = $1`,
      [agentId],
    );
    expect(agent.current_calls).toBe(1);
    expect(agent.total_call_duration_seconds).toBe(60);
    expect(agent.wrap_up_until).not.toBeNull();

    // Asked again only after another quiet spell: the running call is left alone by the next tick.
    const fetched = jest.spyOn(
      (await on.api.app.get(VoiceChannelsService).resolve(t.id)).port.constructor.prototype,
      'fetchCall',
    );
    try {
      await on.api.app.get(DialerTickService).tick();
      expect(fetched).not.toHaveBeenCalled();
    } finally {
      // The adapter's class is shared by every file this test process runs next.
      fetched.mockRestore();
    }
  });

  it('ends as failed a quiet call the provider has no record of; its agent is freed', async () => {
    const agentId = await createAgent(on.api.http, t);
    const since = new Date(on.api.clock.nowMs() - QUIET_CALL_MS - 60_000);
    // Placed through a voice account the tenant has since left: the simulator, now its provider, never saw it.
    const id = await insertCallRow(on.db, t.id, {
      agent_id: agentId,
      call_sid: `CA${'5'.repeat(32)}`,
      to_number: '+12125550143',
      status: 'in-progress',
      answer_time: since,
      connected_at: since,
    });
    await on.db.query(`UPDATE calls SET updated_at = $2 WHERE id = $1`, [id, since]);
    await on.db.query(`UPDATE agents SET status = 'busy', current_calls = 1 WHERE id = $1`, [agentId]);

    await on.api.app.get(DialerTickService).tick();

    const [call] = await on.db.query(`SELECT status, end_time FROM calls WHERE id = $1`, [id]);
    expect(call).toEqual({ status: 'failed', end_time: on.api.clock.now() });
    const [agent] = await on.db.query(`SELECT current_calls FROM agents WHERE id = $1`, [agentId]);
    expect(agent.current_calls).toBe(0);
  });

  it("hangs up an agent's leg for a call that ended a quiet spell ago, left alone in a conference", async () => {
    const agentId = await createAgent(on.api.http, t);
    const since = new Date(on.api.clock.nowMs() - QUIET_CALL_MS - 60_000);
    const callerId = await insertCallRow(on.db, t.id, {
      agent_id: agentId,
      to_number: '+12125550144',
      end_time: since,
      disposition: 'answered',
    });
    const ongoing = await insertCallRow(on.db, t.id, { to_number: '+12125550145', status: 'in-progress' });
    const legFor = async (parentId: string) => {
      const leg = await talkingCall(agentId, '+14155550100', QUIET_CALL_MS + 60_000);
      await on.db.query(
        `UPDATE calls SET kind = 'agent_leg', parent_call_id = $2, connected_at = NULL WHERE id = $1`,
        [leg.id, parentId],
      );
      return leg;
    };
    const stranded = await legFor(callerId);
    const talking = await legFor(ongoing);
    const ledger = on.api.app.get(SimulatorRuntime).telephonyLedger;
    for (const leg of [stranded, talking]) {
      const call = (await ledger.findCall(t.id, leg.sid))!;
      await ledger.saveCall({ ...call, status: 'in-progress', answered_at: since.toISOString() });
    }
    // The simulator hangs a call up in its worker's queue (none runs here): what the tick asked it is the answer.
    const updated = jest.spyOn(
      (await on.api.app.get(VoiceChannelsService).resolve(t.id)).port.constructor.prototype,
      'updateCall',
    );
    try {
      await on.api.app.get(DialerTickService).tick();
      expect(updated.mock.calls).toEqual([[stranded.sid, { status: 'completed' }]]);
    } finally {
      updated.mockRestore();
    }

    // A leg whose call is still going (a long conversation) is only marked asked, as any quiet call.
    const [asked] = await on.db.query(`SELECT end_time, updated_at FROM calls WHERE id = $1`, [talking.id]);
    expect(asked).toEqual({ end_time: null, updated_at: on.api.clock.now() });
  });
});
