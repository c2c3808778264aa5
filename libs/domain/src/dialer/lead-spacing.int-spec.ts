import { createTenant, createTestApi, insertCampaignRows, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { CallPlacementService } from './call-placement.service';
import { MIN_RETRY_MINUTES } from './call-outcome';
import { DialerPoolRepository } from './dialer-pool.repository';

/**
 * A lead in two voice campaigns is dialed by one at a time, and never twice within MIN_RETRY_MINUTES: the second
 * campaign's take of the lead finds it just dialed and waits until the spacing is over (no call row, no attempt
 * counted). No worker runs: the pacers' takes are made here.
 */
describe('one lead in two voice campaigns (integration)', () => {
  let api: TestApi;
  let db: DataSource;
  let t: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    t = await createTenant(api.http);
  });
  afterAll(() => api.close());

  it('the second campaign waits MIN_RETRY_MINUTES after the first one dialed the lead', async () => {
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Dee', $2, $2) RETURNING id`,
      [t.id, '+12125550177'],
    );
    const now = api.clock.now();
    const campaigns: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { id } = await insertCampaignRows(db, t.id, {
        leadIds: [lead.id],
        steps: [{ type: 'CALL', content: 'Hi' }],
      });
      await db.query(
        `UPDATE campaign_enrollments SET status = 'in_progress', next_action_at = $2 WHERE campaign_id = $1`,
        [id, new Date(now.getTime() - 1000)],
      );
      campaigns.push(id);
    }
    const pool = api.app.get(DialerPoolRepository);
    const placement = api.app.get(CallPlacementService);
    const channel = await api.app.get(VoiceChannelsService).resolve(t.id);
    const reserve = async (campaignId: string) => {
      const campaign = (await pool.campaign(t.id, campaignId))!;
      const [candidate] = await pool.candidates(t.id, campaignId, now, 10);
      expect(candidate.lead_id).toBe(lead.id);
      return placement.reserve(campaign, channel, candidate, { kind: 'dialer' });
    };

    expect(await reserve(campaigns[0])).toMatchObject({ lead_id: lead.id, campaign_id: campaigns[0] });
    expect(await reserve(campaigns[1])).toBeNull();
    const [second] = await db.query(
      `SELECT attempts, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
      [campaigns[1]],
    );
    expect(second).toEqual({
      attempts: 0,
      next_action_at: new Date(now.getTime() + MIN_RETRY_MINUTES * 60_000),
    });
    const calls = await db.query(`SELECT campaign_id FROM calls WHERE tenant_id = $1 AND lead_id = $2`, [
      t.id,
      lead.id,
    ]);
    expect(calls).toEqual([{ campaign_id: campaigns[0] }]);
    const [l] = await db.query(`SELECT call_attempts FROM leads WHERE id = $1`, [lead.id]);
    expect(l.call_attempts).toBe(1);
  });
});
