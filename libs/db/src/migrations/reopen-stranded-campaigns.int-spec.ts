import { migrationOnIsolatedApi } from '@app/testing';
import { ReopenStrandedCampaigns1766000000000 } from './1766000000000-reopen-stranded-campaigns';

/**
 * The repair reopens completed campaigns that still have an enrollment to act, and only those. It reads every
 * tenant's campaigns, so it runs on a database of its own, never on other files' rows.
 */
describe('migration: reopen stranded campaigns (integration)', () => {
  const on = migrationOnIsolatedApi(ReopenStrandedCampaigns1766000000000, { tenants: 1 });

  async function campaign(status: string, enrollments: string[]): Promise<string> {
    const tenantId = on.tenants[0].id;
    const [c] = await on.db.query(
      `INSERT INTO campaigns (tenant_id, name, status, completed_at)
       VALUES ($1, $2, $3::varchar, CASE WHEN $3::varchar = 'completed' THEN now() END) RETURNING id`,
      [tenantId, `${status} ${enrollments.join(',')}`, status],
    );
    for (const enrollment of enrollments) {
      const [lead] = await on.db.query(`INSERT INTO leads (tenant_id, email) VALUES ($1, $2) RETURNING id`, [
        tenantId,
        `${Math.random().toString(36).slice(2)}@example.com`,
      ]);
      await on.db.query(
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
    await on.migrate('up');
    const status = async (id: string) =>
      (await on.db.query(`SELECT status, completed_at FROM campaigns WHERE id = $1`, [id]))[0];
    expect(await status(stranded)).toEqual({ status: 'active', completed_at: null });
    expect(await status(done)).toMatchObject({ status: 'completed', completed_at: expect.any(Date) });
    expect(await status(cancelled)).toMatchObject({ status: 'cancelled' });
  });
});
