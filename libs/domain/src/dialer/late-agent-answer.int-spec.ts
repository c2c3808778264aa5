import { parseVoiceCallStatus } from '@app/providers';
import {
  createTenant,
  insertAgentRow,
  insertCallRow,
  insertCampaignRows,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { randomBytes } from 'node:crypto';
import { CallEventsService } from './call-events.service';

/**
 * The agent took the lead (their leg answered and joined the lead), but the agent-answer event that records it is
 * applied after the lead's call ended, or not at all before then: its job retried, a worker stalled. The call is
 * the agent's conversation all the same: answered, with its talk time, in the agent's totals, and the lead's CALL
 * step done, never abandoned, locked out and dialed again. No worker runs: the events are applied here.
 */
describe('an agent answer applied late (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let events: CallEventsService;

  beforeAll(async () => {
    events = api.app.get(CallEventsService);
    t = await createTenant(api.http);
  });

  const sid = () => `CA${randomBytes(16).toString('hex')}`;
  const ago = (seconds: number) => new Date(api.clock.now().getTime() - seconds * 1000);

  /** A campaign's one-step call to a lead, answered a minute ago and given to an agent whose phone rings for it. */
  async function bridging(
    phone: string,
    leg: { status: string; answer_time?: Date } = { status: 'ringing' },
  ) {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Ida', $2, $2) RETURNING id`,
      [t.id, phone],
    );
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: [lead.id],
      steps: [{ type: 'CALL', content: 'Pitch' }],
    });
    const [enrollment] = await api.db.query(
      `UPDATE campaign_enrollments SET status = 'in_progress', attempts = 1, current_step = 0, next_action_at = NULL
        WHERE campaign_id = $1 RETURNING id`,
      [campaign.id],
    );
    const agentId = await insertAgentRow(api.db, t.id, { name: 'Ada' });
    await api.db.query(
      `UPDATE agents SET status = 'busy', current_calls = 1, phone = '+12125550100' WHERE id = $1`,
      [agentId],
    );
    const leadSid = sid();
    const callId = await insertCallRow(api.db, t.id, {
      campaign_id: campaign.id,
      lead_id: lead.id,
      enrollment_id: enrollment[0].id,
      attempt: 1,
      agent_id: agentId,
      call_sid: leadSid,
      status: 'in-progress',
      answered_by: 'human',
      start_time: ago(70),
      answer_time: ago(60),
    });
    const legSid = sid();
    const legId = await insertCallRow(api.db, t.id, {
      kind: 'agent_leg',
      parent_call_id: callId,
      campaign_id: campaign.id,
      agent_id: agentId,
      call_sid: legSid,
      status: leg.status,
      answer_time: leg.answer_time ?? null,
    });
    return { callId, leadSid, legId, legSid, agentId, enrollmentId: enrollment[0].id as string };
  }

  const status = (
    callId: string,
    callSid: string,
    callStatus: string,
    duration?: number,
    receivedAt?: Date,
  ) =>
    events.apply(
      t.id,
      {
        kind: 'call',
        type: 'status',
        call_id: callId,
        form: parseVoiceCallStatus({
          CallSid: callSid,
          CallStatus: callStatus,
          ...(duration === undefined ? {} : { CallDuration: String(duration) }),
          To: '+12125550111',
        })!,
      },
      receivedAt,
    );
  /** The agent's leg answered, the callback received at `receivedAt`. */
  const agentAnswer = (c: { legId: string; legSid: string }, receivedAt: Date) =>
    events.apply(
      t.id,
      {
        kind: 'call',
        type: 'agent-answer',
        call_id: c.legId,
        form: parseVoiceCallStatus({ CallSid: c.legSid, CallStatus: 'in-progress', To: '+12125550100' })!,
      },
      receivedAt,
    );

  const call = async (id: string) =>
    (
      await api.db.query(
        `SELECT disposition, talk_time, extract(epoch FROM connected_at)::float8 * 1000 AS connected_ms
           FROM calls WHERE id = $1`,
        [id],
      )
    )[0];
  const agent = async (id: string) =>
    (
      await api.db.query(
        `SELECT total_calls_handled, total_call_duration_seconds, wrap_up_until IS NOT NULL AS wrapping
           FROM agents WHERE id = $1`,
        [id],
      )
    )[0];
  const enrollment = async (id: string) =>
    (await api.db.query(`SELECT status, attempts FROM campaign_enrollments WHERE id = $1`, [id]))[0];

  it("an answer applied after the lead's end puts the call right: answered, talked, counted, the step done", async () => {
    const c = await bridging('+12125550181');
    await status(c.callId, c.leadSid, 'completed', 60);
    // Settled from what it saw: nobody took the lead.
    expect(await call(c.callId)).toMatchObject({ disposition: 'abandoned', connected_ms: null });
    expect(await enrollment(c.enrollmentId)).toEqual({ status: 'in_progress', attempts: 1 });

    await agentAnswer(c, ago(50));
    expect(await call(c.callId)).toEqual({
      disposition: 'answered',
      talk_time: 50,
      connected_ms: ago(50).getTime(),
    });
    expect(await agent(c.agentId)).toEqual({
      total_calls_handled: 1,
      total_call_duration_seconds: 50,
      wrapping: false,
    });
    expect(await enrollment(c.enrollmentId)).toEqual({ status: 'completed', attempts: 1 });
  });

  it("the agent's leg ending completed after the lead's end tells the same, from its duration", async () => {
    const c = await bridging('+12125550182');
    await status(c.callId, c.leadSid, 'completed', 60);
    expect(await call(c.callId)).toMatchObject({ disposition: 'abandoned' });
    await status(c.legId, c.legSid, 'completed', 40);
    expect(await call(c.callId)).toEqual({
      disposition: 'answered',
      talk_time: 40,
      connected_ms: ago(40).getTime(),
    });
    expect(await agent(c.agentId)).toMatchObject({ total_calls_handled: 1, total_call_duration_seconds: 40 });
    expect(await enrollment(c.enrollmentId)).toEqual({ status: 'completed', attempts: 1 });
  });

  it("an end applied while the agent's answer is half-applied (their leg answered) settles the call answered", async () => {
    const c = await bridging('+12125550183', { status: 'in-progress', answer_time: ago(45) });
    await status(c.callId, c.leadSid, 'completed', 60);
    expect(await call(c.callId)).toEqual({
      disposition: 'answered',
      talk_time: 45,
      connected_ms: ago(45).getTime(),
    });
    // Settled as a conversation: the agent's after-call work begins.
    expect(await agent(c.agentId)).toEqual({
      total_calls_handled: 1,
      total_call_duration_seconds: 45,
      wrapping: true,
    });
    expect(await enrollment(c.enrollmentId)).toEqual({ status: 'completed', attempts: 1 });
  });

  it('a leg that rang out, or an answer after the next attempt was made, changes nothing of the lead', async () => {
    const rangOut = await bridging('+12125550184');
    await status(rangOut.callId, rangOut.leadSid, 'completed', 60);
    await status(rangOut.legId, rangOut.legSid, 'no-answer');
    expect(await call(rangOut.callId)).toMatchObject({ disposition: 'abandoned', connected_ms: null });
    expect(await agent(rangOut.agentId)).toMatchObject({ total_calls_handled: 0 });
    expect(await enrollment(rangOut.enrollmentId)).toEqual({ status: 'in_progress', attempts: 1 });

    const redialed = await bridging('+12125550185');
    await status(redialed.callId, redialed.leadSid, 'completed', 60);
    await api.db.query(`UPDATE campaign_enrollments SET attempts = 2 WHERE id = $1`, [redialed.enrollmentId]);
    await status(redialed.legId, redialed.legSid, 'completed', 30);
    // The call itself was answered; the lead's next attempt is under way and stays so.
    expect(await call(redialed.callId)).toMatchObject({ disposition: 'answered', talk_time: 30 });
    expect(await enrollment(redialed.enrollmentId)).toEqual({ status: 'in_progress', attempts: 2 });
  });

  it('events applied late (a backlog, a retry) move the call at the times they came, not when their jobs ran', async () => {
    const c = await bridging('+12125550189');
    const before = await agent(c.agentId);
    await agentAnswer(c, ago(40));
    await status(c.callId, c.leadSid, 'completed', undefined, ago(10));
    const [row] = await api.db.query(
      `SELECT disposition, talk_time, duration, extract(epoch FROM end_time)::float8 * 1000 AS end_ms,
              extract(epoch FROM connected_at)::float8 * 1000 AS connected_ms
         FROM calls WHERE id = $1`,
      [c.callId],
    );
    expect(row).toEqual({
      disposition: 'answered',
      talk_time: 30,
      duration: 50,
      end_ms: ago(10).getTime(),
      connected_ms: ago(40).getTime(),
    });
    const after = await agent(c.agentId);
    expect(after.total_call_duration_seconds - before.total_call_duration_seconds).toBe(30);
  });
});
