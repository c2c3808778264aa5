import { TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { campaignRequests } from './campaign-requests.fixture';

type Json = Record<string, unknown>;
const DAY_MS = 86_400_000;

/**
 * Seed 002's PATCH campaigns/:id { followUpIntervalDays } on a running campaign: the follow-ups its leads already wait
 * for move with it (only those the interval spaced), not only the ones scheduled after the change.
 */
describe('campaign follow-up interval changes (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  campaignRequests((s) => ({ api, db, tenant } = s));

  const patch = (id: string, body: Json) =>
    api.http.patch(`/api/campaigns/${id}`).set(tenant.admin.headers).send(body);

  async function lead(n: number): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ name: `Lead ${n}`, email: `lead${n}-${Date.now()}@example.com` });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  async function dueTimes(campaignId: string): Promise<Record<string, number>> {
    const rows = (await db.query(
      'SELECT lead_id, next_action_at FROM campaign_enrollments WHERE tenant_id = $1 AND campaign_id = $2',
      [tenant.id, campaignId],
    )) as { lead_id: string; next_action_at: Date }[];
    return Object.fromEntries(rows.map((r) => [r.lead_id, r.next_action_at.getTime()]));
  }

  it('moves the waits it spaced by the difference; DELAY waits and retries keep theirs', async () => {
    const [spaced, delayed, retrying] = [await lead(1), await lead(2), await lead(3)];
    const created = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({
        name: 'Follow-ups',
        subjectLine: 'Hello',
        followUpIntervalDays: 3,
        leadIds: [spaced, delayed, retrying],
        steps: [
          { type: 'EMAIL', content: 'First' },
          { type: 'EMAIL', content: 'Second' },
          { type: 'DELAY', content: '24' },
          { type: 'EMAIL', content: 'Third' },
        ],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await api.http.post(`/api/campaigns/${id}/launch`).set(tenant.admin.headers)).status).toBe(200);

    // Where each lead stands: waiting for step 1 (spaced by the interval), for step 3 (after a DELAY), and for a
    // retry of step 1.
    const due = new Date('2030-01-10T12:00:00Z');
    const stand = (leadId: string, step: number, attempts: number) =>
      db.query(
        `UPDATE campaign_enrollments SET status = 'waiting', current_step = $3, attempts = $4, next_action_at = $5
          WHERE tenant_id = $1 AND lead_id = $2`,
        [tenant.id, leadId, step, attempts, due],
      );
    await stand(spaced, 1, 0);
    await stand(delayed, 3, 0);
    await stand(retrying, 1, 1);

    const longer = await patch(id, { followUpIntervalDays: 5 });
    expect(longer.status).toBe(200);
    expect(longer.body.data.follow_up_interval_days).toBe(5);
    expect(await dueTimes(id)).toEqual({
      [spaced]: due.getTime() + 2 * DAY_MS,
      [delayed]: due.getTime(),
      [retrying]: due.getTime(),
    });

    // A refused change moves nothing.
    const refused = await patch(id, { followUpIntervalDays: -1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ field: 'follow_up_interval_days' }),
    ]);
    expect((await dueTimes(id))[spaced]).toBe(due.getTime() + 2 * DAY_MS);

    // Cleared: the wait the interval added is gone; while paused too.
    expect((await api.http.post(`/api/campaigns/${id}/pause`).set(tenant.admin.headers)).status).toBe(200);
    const cleared = await patch(id, { follow_up_interval_days: null });
    expect(cleared.status).toBe(200);
    expect((await dueTimes(id))[spaced]).toBe(due.getTime() - 3 * DAY_MS);
  });
});
