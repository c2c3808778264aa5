import {
  apiOnIsolatedDatabase,
  createTenant,
  insertCampaignRows,
  TestTenant,
  zoneInDaytime,
} from '@app/testing';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * A campaign whose every sequence is over but whose last step's messages still wait in the queue (a throttled
 * backlog, a wait for the window) is not complete: it can still be paused or cancelled, which holds or drops them.
 * The tick completes it once they have gone. On a database of its own: the tick reads every tenant's campaigns.
 */
describe('campaign completion with messages still queued (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    t = await createTenant(on.api.http);
  });

  it('stays active (and can be paused) while its last messages are queued; the tick completes it once they went', async () => {
    const leads: string[] = [];
    for (const phone of ['+14155553701', '+14155553702']) {
      const res = await on.api.http
        .post('/api/leads')
        .set(t.admin.headers)
        .send({ first_name: 'Backlog', phone, timezone: zoneInDaytime() });
      expect(res.status).toBe(201);
      leads.push(res.body.data.id as string);
    }
    const campaign = await insertCampaignRows(on.db, t.id, {
      leadIds: leads,
      steps: [{ type: 'SMS', content: 'The one message' }],
    });
    await on.db.query(`UPDATE campaign_enrollments SET status = 'queued' WHERE campaign_id = $1`, [
      campaign.id,
    ]);
    const ids = (await on.db.query(`SELECT id FROM campaign_enrollments WHERE campaign_id = $1`, [
      campaign.id,
    ])) as { id: string }[];
    await on.api.app.get(CampaignStepRunner).run({
      tenant_id: t.id,
      turns: ids.map((e) => ({ enrollment_id: e.id, step: 0, attempt: 1 })),
    });
    const status = async () =>
      (
        (await on.db.query(`SELECT status FROM campaigns WHERE id = $1`, [campaign.id])) as {
          status: string;
        }[]
      )[0].status;
    expect(
      (
        await on.db.query(`SELECT status FROM campaign_enrollments WHERE campaign_id = $1`, [campaign.id])
      ).map((e: { status: string }) => e.status),
    ).toEqual(['completed', 'completed']);
    // Both messages are written, neither sent yet: the campaign still runs, and a pause still holds them.
    const scheduler = on.api.app.get(CampaignSchedulerService);
    await scheduler.tick();
    expect(await status()).toBe('active');
    const paused = await on.api.http.post(`/api/campaigns/${campaign.id}/pause`).set(t.admin.headers);
    expect(paused.status).toBe(200);
    expect(paused.body.data.status).toBe('paused');
    const resumed = await on.api.http.post(`/api/campaigns/${campaign.id}/resume`).set(t.admin.headers);
    expect(resumed.status).toBe(200);

    // One has gone: still active. Both have: the tick completes it.
    await on.db.query(`UPDATE messages SET status = 'sent' WHERE campaign_id = $1 AND lead_id = $2`, [
      campaign.id,
      leads[0],
    ]);
    await scheduler.tick();
    expect(await status()).toBe('active');
    await on.db.query(`UPDATE messages SET status = 'delivered' WHERE campaign_id = $1`, [campaign.id]);
    await scheduler.tick();
    expect(await status()).toBe('completed');
  });
});
