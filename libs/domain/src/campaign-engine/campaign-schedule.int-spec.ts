import {
  createTenant,
  createTestApi,
  IsolatedDatabase,
  isolatedDatabase,
  TestApi,
  TestTenant,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * A scheduled campaign becomes active at the scheduler's tick once its start has come; one whose start was cleared
 * (PATCH schedule_start null) starts at the next tick too, instead of waiting for a start that never comes. On a
 * database of its own: the tick's promotion reads every tenant's campaigns.
 */
describe('scheduled campaigns start at the tick (integration)', () => {
  let database: IsolatedDatabase;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;

  beforeAll(async () => {
    database = await isolatedDatabase();
    api = await createTestApi({ env: { DATABASE_URL: database.url } });
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  async function scheduledCampaign(phone: string): Promise<string> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Sol', phone });
    expect(lead.status).toBe(201);
    const created = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({
        name: `Later ${phone}`,
        schedule_start: new Date(api.clock.nowMs() + 86_400_000).toISOString(),
        lead_ids: [lead.body.data.id],
        steps: [{ type: 'SMS', content: 'Hi' }],
      });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const started = await api.http.post(`/api/campaigns/${id}/start`).set(tenant.admin.headers);
    expect(started.body.data.campaign.status).toBe('scheduled');
    return id;
  }

  const row = async (id: string) =>
    (
      await db.query(
        `SELECT c.status, e.next_action_at FROM campaigns c JOIN campaign_enrollments e ON e.campaign_id = c.id
          WHERE c.id = $1`,
        [id],
      )
    )[0];

  it('one whose start was cleared becomes active at the next tick, its lead due now; one still ahead waits', async () => {
    const cleared = await scheduledCampaign('+14155550161');
    const ahead = await scheduledCampaign('+14155550162');
    const patched = await api.http
      .patch(`/api/campaigns/${cleared}`)
      .set(tenant.admin.headers)
      .send({ schedule_start: null });
    expect(patched.status).toBe(200);
    expect(patched.body.data.schedule_start).toBeNull();

    const now = api.clock.now();
    const active = await api.app.get(EnrollmentsRepository).activeCampaigns(now);
    expect(active.map((c) => c.id)).toEqual([cleared]);
    expect(await row(cleared)).toEqual({ status: 'active', next_action_at: now });
    expect((await row(ahead)).status).toBe('scheduled');
  });
});
