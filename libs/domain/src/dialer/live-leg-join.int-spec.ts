import type { VoiceConferenceForm } from '@app/providers';
import { createAgent, createTenant, insertCallRow, TestTenant, useTestApi } from '@app/testing';
import { randomBytes } from 'node:crypto';
import { CallEventsService } from './call-events.service';
import { DialerAgents } from './dialer-agents';

/**
 * Twilio fetches a live leg's agent-answer TwiML, then the leg joins the agent's conference: two webhooks, whose
 * `calls.event` jobs two workers may apply in either order. The join alone makes the leg the agent's live leg, so
 * that a lead bridged right after it joins them there instead of ringing their phone a second time. No worker runs
 * here: the events are applied directly. Either may have read the leg open just before it ended: the leg's end
 * wins, and the agent is not left with a live leg that is gone (it would keep them from getting a new one). An
 * agent who went offline or on a break before their leg joined gets no live leg (the leg is hung up).
 */
describe('a live leg joining its conference (integration)', () => {
  const api = useTestApi();
  let events: CallEventsService;
  let t: TestTenant;

  beforeAll(async () => {
    events = api.app.get(CallEventsService);
    t = await createTenant(api.http);
  });

  const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
  async function agentWithLeg(leg: { status: string; end_time?: Date }, agentStatus = 'available') {
    const agentId = await createAgent(api.http, t);
    await api.db.query(`UPDATE agents SET status = $2 WHERE id = $1`, [agentId, agentStatus]);
    const callSid = sid('CA');
    const legId = await insertCallRow(api.db, t.id, {
      kind: 'agent_leg',
      agent_id: agentId,
      call_sid: callSid,
      ...leg,
    });
    return { agentId, callSid, legId };
  }
  const join = (legId: string, callSid: string, agentId: string, conferenceSid: string) => {
    const form: VoiceConferenceForm = {
      conference_sid: conferenceSid,
      friendly_name: `agent_${agentId}`,
      event: 'participant-join',
      account_sid: `AC${'0'.repeat(32)}`,
      call_sid: callSid,
      muted: false,
      hold: false,
      coaching: false,
      end_conference_on_exit: false,
      start_conference_on_enter: true,
      reason: null,
      call_sid_ending_conference: null,
      participant_call_status: null,
      reason_participant_left: null,
      sequence_number: 1,
      timestamp: null,
    };
    return events.apply(t.id, { kind: 'call', type: 'conference', call_id: legId, form });
  };
  const liveSid = async (agentId: string) =>
    (await api.db.query(`SELECT live_call_sid FROM agents WHERE id = $1`, [agentId]))[0].live_call_sid;

  it('the join applied before the agent-answer makes the leg the agent’s live leg', async () => {
    const { agentId, callSid, legId } = await agentWithLeg({ status: 'in-progress' });
    expect(await liveSid(agentId)).toBeNull();
    const conferenceSid = sid('CF');
    await join(legId, callSid, agentId, conferenceSid);
    expect(await liveSid(agentId)).toBe(callSid);
    const [leg] = await api.db.query(`SELECT conference_sid FROM calls WHERE id = $1`, [legId]);
    expect(leg.conference_sid).toBe(conferenceSid);
  });

  it('the join of a leg that ended meanwhile makes nothing live', async () => {
    const { agentId, callSid, legId } = await agentWithLeg({ status: 'completed', end_time: new Date() });
    await join(legId, callSid, agentId, sid('CF'));
    expect(await liveSid(agentId)).toBeNull();
  });

  it('the join of a leg whose agent went offline (or on a break) meanwhile makes nothing live', async () => {
    for (const status of ['offline', 'break']) {
      const { agentId, callSid, legId } = await agentWithLeg({ status: 'in-progress' }, status);
      await join(legId, callSid, agentId, sid('CF'));
      expect(await liveSid(agentId)).toBeNull();
    }
  });

  it('a leg that ended after the join read it open is not made live', async () => {
    const { agentId, callSid, legId } = await agentWithLeg({ status: 'in-progress' });
    await api.db.query(`UPDATE calls SET status = 'completed', end_time = now() WHERE id = $1`, [legId]);
    expect(await api.app.get(DialerAgents).setLiveLeg(t.id, agentId, callSid)).toBe(false);
    expect(await liveSid(agentId)).toBeNull();
  });

  it('a leg whose end is being written is made live only after it, and not at all', async () => {
    const { agentId, callSid, legId } = await agentWithLeg({ status: 'in-progress' });
    const ending = api.db.createQueryRunner();
    await ending.connect();
    try {
      await ending.startTransaction();
      await ending.query(`UPDATE calls SET status = 'completed', end_time = now() WHERE id = $1`, [legId]);
      const setting = api.app.get(DialerAgents).setLiveLeg(t.id, agentId, callSid);
      // The end's own clearing finds nothing to clear yet: the set waits for the end's row, then sees it ended.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await ending.query(`UPDATE agents SET live_call_sid = NULL WHERE id = $1 AND live_call_sid = $2`, [
        agentId,
        callSid,
      ]);
      await ending.commitTransaction();
      expect(await setting).toBe(false);
      expect(await liveSid(agentId)).toBeNull();
    } finally {
      await ending.release();
    }
  });
});
