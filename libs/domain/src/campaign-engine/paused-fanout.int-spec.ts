import { createTenant, insertCampaignRows, TestTenant, useTestApi } from '@app/testing';
import { CampaignSchedulerService } from './campaign-scheduler.service';

/**
 * A fan-out that runs while its campaign is not active (a cede's in a paused campaign, one enqueued just before a
 * pause) claims no enrollment: each would only be given a step job that puts it back. Once the campaign runs, the
 * same fan-out takes them. The job's handler is called as the worker calls it.
 */
describe('a fan-out of a campaign that is not running (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it('claims nothing while the campaign is paused, and its due leads once it is active', async () => {
    const leads = (await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized)
       SELECT $1, 'Pia', p, p FROM unnest(ARRAY['+14155557201', '+14155557202']) AS p RETURNING id`,
      [t.id],
    )) as { id: string }[];
    const campaign = await insertCampaignRows(api.db, t.id, {
      leadIds: leads.map((l) => l.id),
      steps: [{ type: 'SMS', content: 'Hi' }],
      status: 'paused',
      due: new Date(api.clock.nowMs() - 60_000),
    });
    const statuses = async () =>
      (
        await api.db.query(`SELECT status FROM campaign_enrollments WHERE campaign_id = $1`, [campaign.id])
      ).map((r: { status: string }) => r.status);
    const scheduler = api.app.get(CampaignSchedulerService);
    const fanout = { tenant_id: t.id, campaign_id: campaign.id };

    expect(await scheduler.fanout(fanout)).toBe(0);
    expect(await statuses()).toEqual(['pending', 'pending']);

    await api.db.query(`UPDATE campaigns SET status = 'active' WHERE id = $1`, [campaign.id]);
    expect(await scheduler.fanout(fanout)).toBe(2);
    expect(await statuses()).toEqual(['queued', 'queued']);
  });
});
