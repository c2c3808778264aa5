import { apiOnIsolatedDatabase, createTenant, TestTenant } from '@app/testing';
import { CampaignSchedulerService } from './campaign-scheduler.service';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * A campaign's schedule at the scheduler's tick: a scheduled campaign becomes active once its start has come, and
 * one whose start was cleared (PATCH schedule_start null) at the next tick too, instead of waiting for a start that
 * never comes; a running campaign whose schedule_end has passed completes, its leads still mid-sequence stopped.
 * On a database of its own: the tick reads every tenant's campaigns.
 */
describe('campaign schedules at the tick (integration)', () => {
  let tenant: TestTenant;

  const on = apiOnIsolatedDatabase();
  beforeAll(async () => {
    tenant = await createTenant(on.api.http);
  });

  async function scheduledCampaign(phone: string): Promise<string> {
    const lead = await on.api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Sol', phone });
    expect(lead.status).toBe(201);
    const created = await on.api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({
        name: `Later ${phone}`,
        schedule_start: new Date(on.api.clock.nowMs() + 86_400_000).toISOString(),
        lead_ids: [lead.body.data.id],
        steps: [{ type: 'SMS', content: 'Hi' }],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const started = await on.api.http.post(`/api/campaigns/${id}/start`).set(tenant.admin.headers);
    expect(started.body.data.campaign.status).toBe('scheduled');
    return id;
  }

  const row = async (id: string) =>
    (
      await on.db.query(
        `SELECT c.status, c.started_at, e.next_action_at FROM campaigns c JOIN campaign_enrollments e ON e.campaign_id = c.id
          WHERE c.id = $1`,
        [id],
      )
    )[0];

  it('one whose start was cleared becomes active at the next tick, its lead due now; one still ahead waits', async () => {
    const cleared = await scheduledCampaign('+14155550161');
    const ahead = await scheduledCampaign('+14155550162');
    const patched = await on.api.http
      .patch(`/api/campaigns/${cleared}`)
      .set(tenant.admin.headers)
      .send({ schedule_start: null });
    expect(patched.status).toBe(200);
    expect(patched.body.data.schedule_start).toBeNull();

    const now = on.api.clock.now();
    const active = await on.api.app.get(EnrollmentsRepository).activeCampaigns(now);
    expect(active.map((c) => c.id)).toEqual([cleared]);
    // Started at the tick that activated it; the one still ahead has not started.
    expect(await row(cleared)).toEqual({ status: 'active', started_at: now, next_action_at: now });
    expect(await row(ahead)).toMatchObject({ status: 'scheduled', started_at: null });
  });

  it('a running campaign past its schedule_end completes at the tick; its leads mid-sequence stop, done ones stay', async () => {
    const leads: string[] = [];
    for (const phone of ['+14155550163', '+14155550164']) {
      const res = await on.api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .send({ first_name: 'Eda', phone });
      expect(res.status).toBe(201);
      leads.push(res.body.data.id);
    }
    const end = new Date(on.api.clock.nowMs() + 3_600_000);
    const created = await on.api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({
        name: 'Until the end of the hour',
        schedule_end: end.toISOString(),
        lead_ids: leads,
        steps: [
          { type: 'SMS', content: 'Hi' },
          { type: 'DELAY', content: '24' },
          { type: 'SMS', content: 'Again' },
        ],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await on.api.http.post(`/api/campaigns/${id}/start`).set(tenant.admin.headers)).status).toBe(200);
    // One lead waits for its follow-up tomorrow; the other finished its sequence.
    await on.db.query(
      `UPDATE campaign_enrollments SET status = 'waiting', current_step = 2, next_action_at = $3
        WHERE campaign_id = $1 AND lead_id = $2`,
      [id, leads[0], new Date(on.api.clock.nowMs() + 86_400_000)],
    );
    await on.db.query(
      `UPDATE campaign_enrollments SET status = 'completed', next_action_at = NULL WHERE campaign_id = $1 AND lead_id = $2`,
      [id, leads[1]],
    );
    const scheduler = on.api.app.get(CampaignSchedulerService);
    await scheduler.tick();
    expect((await on.db.query(`SELECT status FROM campaigns WHERE id = $1`, [id]))[0].status).toBe('active');

    on.api.clock.set(end);
    await scheduler.tick();
    const [campaign] = await on.db.query(`SELECT status, completed_at FROM campaigns WHERE id = $1`, [id]);
    expect(campaign).toEqual({ status: 'completed', completed_at: end });
    const enrollments = await on.db.query(
      `SELECT lead_id, status, stop_reason, next_action_at FROM campaign_enrollments WHERE campaign_id = $1`,
      [id],
    );
    expect(new Map(enrollments.map((e: { lead_id: string }) => [e.lead_id, e]))).toEqual(
      new Map([
        [
          leads[0],
          { lead_id: leads[0], status: 'stopped', stop_reason: 'schedule_ended', next_action_at: null },
        ],
        [leads[1], { lead_id: leads[1], status: 'completed', stop_reason: null, next_action_at: null }],
      ]),
    );
  });
});
