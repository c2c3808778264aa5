import { createTenant, createTestApi, IsolatedDatabase, isolatedDatabase, TestApi } from '@app/testing';
import { DataSource } from 'typeorm';
import { ReopenStrandedCampaigns1766000000000 } from './1766000000000-reopen-stranded-campaigns';

/**
 * The repair reopens completed campaigns that still have an enrollment to act, and only those. It reads every
 * tenant's campaigns, so it runs on a database of its own, never on other files' rows.
 */
describe('migration: reopen stranded campaigns (integration)', () => {
  let database: IsolatedDatabase;
  let api: TestApi;
  let db: DataSource;
  let tenantId: string;

  beforeAll(async () => {
    database = await isolatedDatabase();
    api = await createTestApi({ env: { DATABASE_URL: database.url } });
    db = api.app.get(DataSource);
    tenantId = (await createTenant(api.http)).id;
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  async function campaign(status: string, enrollments: string[]): Promise<string> {
    const [c] = await db.query(
      `INSERT INTO campaigns (tenant_id, name, status, completed_at)
       VALUES ($1, $2, $3::varchar, CASE WHEN $3::varchar = 'completed' THEN now() END) RETURNING id`,
      [tenantId, `${status} ${enrollments.join(',')}`, status],
    );
    for (const enrollment of enrollments) {
      const [lead] = await db.query(`INSERT INTO leads (tenant_id, email) VALUES ($1, $2) RETURNING id`, [
        tenantId,
        `${Math.random().toString(36).slice(2)}@example.com`,
      ]);
      await db.query(
        `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status) VALUES ($1, $2, $3, $4)`,
        [tenantId, c.id, lead.id, enrollment],
      );
    }
    return c.id as string;
  }

  it('makes active again a completed campaign with a waiting enrollment, and leaves the rest', async () => {
    const stranded = await campaign('completed', ['completed', 'waiting']);
    const done = await campaign('completed', ['completed', 'replied', 'stopped']);
    const cancelled = await campaign('cancelled', ['waiting']);
    const runner = db.createQueryRunner();
    try {
      await new ReopenStrandedCampaigns1766000000000().up(runner);
    } finally {
      await runner.release();
    }
    const status = async (id: string) =>
      (await db.query(`SELECT status, completed_at FROM campaigns WHERE id = $1`, [id]))[0];
    expect(await status(stranded)).toEqual({ status: 'active', completed_at: null });
    expect(await status(done)).toMatchObject({ status: 'completed', completed_at: expect.any(Date) });
    expect(await status(cancelled)).toMatchObject({ status: 'cancelled' });
  });
});
