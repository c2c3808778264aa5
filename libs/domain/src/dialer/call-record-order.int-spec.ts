import { parseVoiceCallStatus } from '@app/providers';
import { createTenant, insertCampaignRows, TestTenant, useTestApi } from '@app/testing';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { CallEventsService } from './call-events.service';
import { CallPlacementService } from './call-placement.service';
import { DialerPoolRepository } from './dialer-pool.repository';
import { PacerSnapshotsRepository } from './pacer-snapshots.repository';

/**
 * A call's record from Twilio's callbacks applied in any order: a `completed` status applied before the call's
 * answer (its job retried, or run by a slower worker) still records when the call was answered, from its
 * CallDuration (counted from the answer), and the late answer changes nothing. The answered person is counted as
 * one in the abandonment rate's denominator, as the call is in its numerator. No worker runs: the events are
 * applied as their jobs would.
 */
describe("a call's record from callbacks out of order (integration)", () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('a completed status applied before the answer keeps the answer time, its duration and the person', async () => {
    const phone = '+12125550191';
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Eve', $2, $2) RETURNING id`,
      [t.id, phone],
    );
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [lead.id],
      steps: [{ type: 'CALL', content: 'Hi' }],
    });
    const now = api.clock.now();
    await api.db.query(
      `UPDATE campaign_enrollments SET status = 'in_progress', next_action_at = $2 WHERE campaign_id = $1`,
      [campaignId, new Date(now.getTime() - 1000)],
    );
    const pool = api.app.get(DialerPoolRepository);
    const campaign = (await pool.campaign(t.id, campaignId))!;
    const [candidate] = await pool.candidates(t.id, campaignId, now, 1);
    const channel = await api.app.get(VoiceChannelsService).resolve(t.id);
    const call = (await api.app
      .get(CallPlacementService)
      .reserve(campaign, channel, candidate, { kind: 'dialer' }))!;
    const sid = 'CA' + '9'.repeat(32);
    const events = api.app.get(CallEventsService);
    const form = (CallStatus: string, extra: Record<string, string> = {}) =>
      parseVoiceCallStatus({ CallSid: sid, CallStatus, To: phone, ...extra })!;
    await events.apply(t.id, { kind: 'call', type: 'status', call_id: call.id, form: form('ringing') }, now);

    // The person answered at +5 s and hung up at +35 s; the completed status is applied first.
    const answeredAt = new Date(now.getTime() + 5000);
    const endedAt = new Date(now.getTime() + 35_000);
    api.clock.set(new Date(now.getTime() + 40_000));
    await events.apply(
      t.id,
      { kind: 'call', type: 'status', call_id: call.id, form: form('completed', { CallDuration: '30' }) },
      endedAt,
    );
    await events.apply(
      t.id,
      { kind: 'call', type: 'answer', call_id: call.id, form: form('in-progress') },
      answeredAt,
    );

    const [row] = await api.db.query(
      `SELECT status, disposition, answer_time, end_time, duration, talk_time FROM calls WHERE id = $1`,
      [call.id],
    );
    expect(row).toEqual({
      status: 'completed',
      disposition: 'abandoned',
      answer_time: answeredAt,
      end_time: endedAt,
      duration: 30,
      talk_time: null,
    });
    const { stats } = await api.app.get(PacerSnapshotsRepository).snapshot(campaign, api.clock.now());
    expect(stats).toMatchObject({
      abandoned: 1,
      human_answers: 1,
      period_abandoned: 1,
      period_human_answers: 1,
    });
  });
});
