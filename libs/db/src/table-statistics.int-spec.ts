import { createTenant, useTestApi, waitFor } from '@app/testing';
import { fastSql } from './fast-sql';
import { analyzeIfStale } from './table-statistics';

/**
 * analyzeIfStale on a real Postgres: nothing below the threshold, an ANALYZE once a bulk write passes it (its
 * statistics then know the new campaign, so a look-up by campaign and lead uses the right index).
 */
describe('analyzeIfStale (integration)', () => {
  const api = useTestApi();

  const lastAnalyze = async () =>
    (
      await api.db.query(
        `SELECT coalesce(last_analyze, 'epoch') AS at, n_mod_since_analyze AS changed
           FROM pg_stat_user_tables WHERE relid = 'campaign_enrollments'::regclass`,
      )
    )[0] as { at: Date; changed: string };

  it('analyzes only once enough rows changed since the last analyze', async () => {
    const sql = fastSql(api.db);
    const t = await createTenant(api.http);
    await api.db.query('ANALYZE campaign_enrollments');
    const before = await lastAnalyze();
    // Other test files write enrollments too, but never a million between two statements.
    expect(await analyzeIfStale(sql, 'campaign_enrollments', 1_000_000)).toBe(false);
    expect((await lastAnalyze()).at).toEqual(before.at);

    await api.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
       SELECT $1, 'Lead ' || g, '+1415555' || lpad(g::text, 4, '0'), '+1415555' || lpad(g::text, 4, '0'), '{}', '{}'
         FROM generate_series(1, 1500) g`,
      [t.id],
    );
    const [campaign] = await api.db.query(
      `INSERT INTO campaigns (tenant_id, name, status) VALUES ($1, 'Bulk', 'active') RETURNING id`,
      [t.id],
    );
    await api.db.query(
      `INSERT INTO campaign_enrollments (tenant_id, campaign_id, lead_id, status)
       SELECT $1, $2, id, 'queued' FROM leads WHERE tenant_id = $1`,
      [t.id, campaign.id],
    );
    // Each backend reports its counts to the statistics when idle, within about a second.
    await waitFor(
      async () => (Number((await lastAnalyze()).changed) >= 1500 ? true : undefined),
      10_000,
      'the insert counted in pg_stat_user_tables',
    );
    expect(await analyzeIfStale(sql, 'campaign_enrollments', 1000)).toBe(true);
    const after = await lastAnalyze();
    expect(new Date(after.at).getTime()).toBeGreaterThan(new Date(before.at).getTime());

    const [plan] = await api.db.query(
      `EXPLAIN (FORMAT JSON) SELECT status FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 AND lead_id = (SELECT id FROM leads WHERE tenant_id = $1 ORDER BY id LIMIT 1)`,
      [t.id, campaign.id],
    );
    expect(JSON.stringify(plan)).not.toContain('ix_campaign_enrollments_tenant_status');
  });
});
