import { parseVoiceAmd, parseVoiceCallStatus } from '@app/providers';
import { JobProducer } from '@app/queues';
import { createTenant, insertCampaignRows, TestTenant, useTestApi } from '@app/testing';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AMD_RESULT_WAIT_MS, CallEventsService } from './call-events.service';
import { CallPlacementService } from './call-placement.service';
import { DialerPoolRepository } from './dialer-pool.repository';

/**
 * Issue 6 §6 when a webhook is lost: a call placed with AMD waits on hold for its result. Should that callback never
 * come, the person is not left on hold alone until they hang up: once AMD would have given up, the call is handled
 * as an `unknown` result (to an agent by default, else within 2 s the safe harbour). A result that came is never
 * overridden. No worker runs: the events and the job are applied as they would be.
 */
describe('an AMD result that never comes (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** A call of an AMD campaign to a new lead, answered now (its answer applied). */
  async function answered(phone: string, sid: string) {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Flo', $2, $2) RETURNING id`,
      [t.id, phone],
    );
    const { id: campaignId } = await insertCampaignRows(api.db, t.id, {
      leadIds: [lead.id],
      steps: [{ type: 'CALL', content: 'Hi' }],
    });
    await api.db.query(`UPDATE campaigns SET amd_enabled = true WHERE id = $1`, [campaignId]);
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
    const form = parseVoiceCallStatus({ CallSid: sid, CallStatus: 'in-progress', To: phone })!;
    await api.app
      .get(CallEventsService)
      .apply(t.id, { kind: 'call', type: 'answer', call_id: call.id, form });
    return call.id;
  }

  const row = async (id: string) =>
    (
      await api.db.query(
        `SELECT answered_by, metadata ? 'waiting_since' AS waiting, end_time FROM calls WHERE id = $1`,
        [id],
      )
    )[0];

  it('is handled as unknown once AMD would have given up; a result that came is left as it is', async () => {
    const events = api.app.get(CallEventsService);
    const enqueue = jest.spyOn(JobProducer.prototype, 'enqueue');
    let lost: string;
    try {
      lost = await answered('+12125550194', 'CA' + '4'.repeat(32));
      expect(enqueue).toHaveBeenCalledWith(
        'dialer.amd-deadline',
        { tenant_id: t.id, call_id: lost },
        expect.objectContaining({ delay: AMD_RESULT_WAIT_MS }),
      );
    } finally {
      enqueue.mockRestore();
    }
    expect(await row(lost)).toEqual({ answered_by: null, waiting: false, end_time: null });

    api.clock.advance(AMD_RESULT_WAIT_MS);
    await events.amdDeadline({ tenant_id: t.id, call_id: lost });
    // Sent to an agent as an unknown result is by default: none is free, so it waits for its 2 s deadline.
    expect(await row(lost)).toEqual({ answered_by: 'unknown', waiting: true, end_time: null });

    const sid = 'CA' + '5'.repeat(32);
    const came = await answered('+12125550195', sid);
    const result = parseVoiceAmd({ CallSid: sid, AnsweredBy: 'human', MachineDetectionDuration: '2100' })!;
    await events.apply(t.id, { kind: 'call', type: 'amd', call_id: came, form: result });
    const before = await row(came);
    expect(before).toMatchObject({ answered_by: 'human' });
    await events.amdDeadline({ tenant_id: t.id, call_id: came });
    expect(await row(came)).toEqual(before);
  });
});
