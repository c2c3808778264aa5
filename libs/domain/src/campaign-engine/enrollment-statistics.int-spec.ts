import { useTestApi } from '@app/testing';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * A fan-out's refresh of the enrollments' statistics on a database that never analyzed them (a new database's first
 * campaign): analyzed even when the launch's rows are not counted yet, so the sender's look-up of a lead's
 * enrollment is not planned as a scan of the campaign.
 */
describe('enrollment statistics before a fan-out (integration)', () => {
  const api = useTestApi();

  const rowCount = async () =>
    Number(
      (
        await api.db.query(
          `SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'campaign_enrollments'::regclass`,
        )
      )[0].n,
    );

  it('analyzes a table never analyzed, however few rows changed', async () => {
    // Counted changes back to none, then the row count of a table never analyzed nor vacuumed (what a new
    // database has), as the fan-out of its first campaign finds it before the launch's rows are counted.
    await api.db.query('ANALYZE campaign_enrollments');
    await api.db.query(`UPDATE pg_class SET reltuples = -1 WHERE oid = 'campaign_enrollments'::regclass`);
    expect(await rowCount()).toBe(-1);

    expect(await api.app.get(EnrollmentsRepository).refreshStatistics()).toBe(true);
    expect(await rowCount()).toBeGreaterThanOrEqual(0);
    // Analyzed once: the next refresh, with nothing changed since, does nothing.
    expect(await api.app.get(EnrollmentsRepository).refreshStatistics()).toBe(false);
  });
});
