import { apiOnIsolatedDatabase, autovacuumOff, createTenant, waitFor } from '@app/testing';
import { StatisticsSweep } from './statistics-sweep';

/**
 * The statistics sweep analyzes the tables set to be analyzed after 2,000 changed rows once they reach it, where
 * autovacuum will not: here off on the tables (the server's own setting is not the test's to change). On a database
 * of this file's own.
 */
describe('the statistics sweep analyzes what autovacuum would (integration)', () => {
  const on = apiOnIsolatedDatabase({});
  beforeAll(async () => {
    await autovacuumOff(on.db, ['leads', 'lead_identities', 'tenants']);
  });

  /** The row counts the last ANALYZE recorded (pg_class.reltuples; -1 before the first). */
  const counted = async () =>
    Object.fromEntries(
      (
        (await on.db.query(
          `SELECT relname, reltuples::int AS rows FROM pg_class
            WHERE relname IN ('leads', 'lead_identities', 'tenants') ORDER BY 1`,
        )) as { relname: string; rows: number }[]
      ).map((r) => [r.relname, r.rows]),
    );

  /** Inserts `count` leads of a new tenant, and waits until the statistics counters report them. */
  async function insertLeads(count: number): Promise<void> {
    const t = await createTenant(on.api.http);
    const [{ before }] = await on.db.query(
      `SELECT n_mod_since_analyze::int AS before FROM pg_stat_user_tables WHERE relname = 'leads'`,
    );
    await on.db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized, timezones, tags)
       SELECT $1, 'Lead ' || g, '+1415' || lpad(g::text, 7, '0'), '+1415' || lpad(g::text, 7, '0'), '{}', '{}'
         FROM generate_series(1, ${count}) g`,
      [t.id],
    );
    await waitFor(
      async () =>
        (
          await on.db.query(
            `SELECT n_mod_since_analyze >= $1 AS done FROM pg_stat_user_tables WHERE relname = 'leads'`,
            [before + count],
          )
        )[0].done || undefined,
      10_000,
      'the insert counted in pg_stat_user_tables',
    );
  }

  it('leaves a table below 2,000 changed rows', async () => {
    await insertLeads(1999);
    const before = await counted();
    expect(await on.api.app.get(StatisticsSweep).sweep()).toEqual([]);
    expect(await counted()).toEqual(before);
  });

  it('analyzes the table once 2,000 rows changed since its last ANALYZE, and only it', async () => {
    await insertLeads(1);
    const before = await counted();
    expect(await on.api.app.get(StatisticsSweep).sweep()).toEqual(['leads']);
    expect(await counted()).toEqual({ ...before, leads: 2000 });
    // Counted afresh from the ANALYZE: nothing more to do.
    expect(await on.api.app.get(StatisticsSweep).sweep()).toEqual([]);
  });
});
