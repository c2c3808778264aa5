import { migrationOnIsolatedApi } from '@app/testing';
import { EnrollmentsQueuedIndex1769468050000 } from './1769468050000-enrollments-queued-index';

/**
 * The campaign tick's sweep of enrollments left `queued` (EnrollmentsRepository.releaseStale, whose look-up this
 * plans; stale-queued.int-spec checks what it takes) reads them through their partial index. It drops an index: a
 * database of its own.
 */
describe('migration: the index of queued enrollments (integration)', () => {
  const on = migrationOnIsolatedApi(EnrollmentsQueuedIndex1769468050000);

  /** The sweep's look-up, as the planner plans it where an index can serve it (the test's table is tiny). */
  async function sweepPlan(): Promise<string> {
    const runner = on.db.createQueryRunner();
    try {
      await runner.query('SET enable_seqscan = off');
      const plan = (await runner.query(
        `EXPLAIN (COSTS OFF) SELECT id FROM campaign_enrollments WHERE status = 'queued' AND updated_at < $1 LIMIT 1000`,
        [new Date(on.api.clock.nowMs() - 600_000)],
      )) as { 'QUERY PLAN': string }[];
      return plan.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  }

  const indexDef = async () =>
    (await on.db.query(
      `SELECT i.indisvalid, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE c.relname = 'ix_campaign_enrollments_queued_updated'`,
    )) as { indisvalid: boolean; def: string }[];

  it('indexes the queued enrollments by updated_at, for the sweep; down drops it and up builds it again', async () => {
    const built = [
      {
        indisvalid: true,
        def: expect.stringContaining(`(updated_at) WHERE ((status)::text = 'queued'::text)`) as string,
      },
    ];
    expect(await indexDef()).toEqual(built);
    expect(await sweepPlan()).toContain('ix_campaign_enrollments_queued_updated');

    await on.migrate('down');
    expect(await indexDef()).toEqual([]);
    expect(await sweepPlan()).not.toContain('ix_campaign_enrollments_queued_updated');

    await on.migrate('up');
    expect(await indexDef()).toEqual(built);
    expect(await sweepPlan()).toContain('ix_campaign_enrollments_queued_updated');
  });
});
