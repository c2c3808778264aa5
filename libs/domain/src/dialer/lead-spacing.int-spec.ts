import { parseVoiceCallStatus } from '@app/providers';
import { createTenant, insertCampaignRows, TestTenant, useTestApi } from '@app/testing';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { CallEventsService } from './call-events.service';
import { CallPlacementService } from './call-placement.service';
import { MIN_RETRY_MINUTES } from './call-outcome';
import { DialerPoolRepository } from './dialer-pool.repository';

/**
 * A lead in two voice campaigns is dialed by one at a time, and never twice within MIN_RETRY_MINUTES: the second
 * campaign's take of the lead finds it just dialed and waits until the spacing is over (no call row, no attempt
 * counted). A call one campaign abandoned locks the lead out of the other's dialing too. No worker runs: the
 * pacers' takes are made here, and the call's end is applied as its job would.
 */
describe('one lead in two voice campaigns (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  /** A lead in two voice campaigns, both due to dial it now; `reserve` takes it for one as its pacer would. */
  async function leadInTwoCampaigns(phone: string, lockoutMinutes = 4320) {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Dee', $2, $2) RETURNING id`,
      [t.id, phone],
    );
    const now = api.clock.now();
    const campaigns: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await insertCampaignRows(api.db, t.id, {
        leadIds: [lead.id],
        steps: [{ type: 'CALL', content: 'Hi' }],
      });
      await api.db.query(`UPDATE campaigns SET abandon_lockout_minutes = $2 WHERE id = $1`, [
        id,
        lockoutMinutes,
      ]);
      await api.db.query(
        `UPDATE campaign_enrollments SET status = 'in_progress', next_action_at = $2 WHERE campaign_id = $1`,
        [id, new Date(now.getTime() - 1000)],
      );
      campaigns.push(id);
    }
    const pool = api.app.get(DialerPoolRepository);
    const placement = api.app.get(CallPlacementService);
    const channel = await api.app.get(VoiceChannelsService).resolve(t.id);
    const reserve = async (campaignId: string, at: Date) => {
      const campaign = (await pool.campaign(t.id, campaignId))!;
      const [candidate] = await pool.candidates(t.id, campaignId, at, 10);
      expect(candidate.lead_id).toBe(lead.id);
      return placement.reserve(campaign, channel, candidate, { kind: 'dialer' });
    };
    return { leadId: lead.id as string, campaigns, reserve, now };
  }

  it('the second campaign waits MIN_RETRY_MINUTES after the first one dialed the lead', async () => {
    const { leadId, campaigns, reserve, now } = await leadInTwoCampaigns('+12125550177');

    expect(await reserve(campaigns[0], now)).toMatchObject({ lead_id: leadId, campaign_id: campaigns[0] });
    expect(await reserve(campaigns[1], now)).toBeNull();
    const [second] = await api.db.query(
      `SELECT attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
      [campaigns[1]],
    );
    expect(second).toEqual({
      attempts: 0,
      next_action_at: new Date(now.getTime() + MIN_RETRY_MINUTES * 60_000),
    });
    const calls = await api.db.query(`SELECT campaign_id FROM calls WHERE tenant_id = $1 AND lead_id = $2`, [
      t.id,
      leadId,
    ]);
    expect(calls).toEqual([{ campaign_id: campaigns[0] }]);
    const [l] = await api.db.query(`SELECT call_attempts FROM leads WHERE id = $1`, [leadId]);
    expect(l.call_attempts).toBe(1);
  });

  it("a call one campaign abandoned locks the lead out of the other campaign's dialing", async () => {
    const lockoutMinutes = 90;
    const { leadId, campaigns, reserve, now } = await leadInTwoCampaigns('+12125550178', lockoutMinutes);
    const call = await reserve(campaigns[0], now);
    expect(call).toMatchObject({ lead_id: leadId });
    // The person answered and hung up before any agent took them: abandoned.
    await api.app.get(CallEventsService).apply(t.id, {
      kind: 'call',
      type: 'status',
      call_id: call!.id,
      form: parseVoiceCallStatus({
        CallSid: 'CA' + '7'.repeat(32),
        CallStatus: 'completed',
        AnsweredBy: 'human',
        CallDuration: '4',
        To: '+12125550178',
      })!,
    });
    const [ended] = await api.db.query(`SELECT disposition, end_time FROM calls WHERE id = $1`, [call!.id]);
    expect(ended.disposition).toBe('abandoned');
    const lockedUntil = new Date(ended.end_time.getTime() + lockoutMinutes * 60_000);

    // Past the 2-minute spacing, the other campaign still may not dial the lead: it waits for the lockout's end.
    const later = api.clock.advance((MIN_RETRY_MINUTES + 1) * 60_000);
    expect(await reserve(campaigns[1], later)).toBeNull();
    const [second] = await api.db.query(
      `SELECT attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
      [campaigns[1]],
    );
    expect(second).toEqual({ attempts: 0, next_action_at: lockedUntil });
    const [lead] = await api.db.query(`SELECT call_locked_until FROM leads WHERE id = $1`, [leadId]);
    expect(lead.call_locked_until).toEqual(lockedUntil);
    const shown = await api.http.get(`/api/leads/${leadId}`).set(t.admin.headers);
    expect(shown.body.data.call_locked_until).toBe(lockedUntil.toISOString());

    // Once it is over, the lead is dialed.
    api.clock.set(lockedUntil);
    expect(await reserve(campaigns[1], lockedUntil)).toMatchObject({
      lead_id: leadId,
      campaign_id: campaigns[1],
    });
  });
});
