import { migrationOnIsolatedApi } from '@app/testing';
import {
  TENANT_GROWN_TABLES,
  TENANT_TABLE_ANALYZE_ROWS,
  TenantTablesAnalyzeThreshold1769470000000,
} from './1769470000000-tenant-tables-analyze-threshold';

/** Tables with two indexes or more that start with the tenant, left at autovacuum's defaults: a few rows a tenant. */
const FEW_ROWS_A_TENANT = ['agents', 'campaigns', 'users', 'workflows'];

/** Autovacuum analyzes the tables a tenant's traffic grows after a fixed count of changed rows. */
describe('migration: tenant tables analyzed every few thousand changed rows (integration)', () => {
  const on = migrationOnIsolatedApi(TenantTablesAnalyzeThreshold1769470000000);

  /** Each table's autovacuum analyze options, by table. */
  const options = async () =>
    Object.fromEntries(
      (
        (await on.db.query(
          `SELECT relname, coalesce(array_to_string(array(SELECT o FROM unnest(reloptions) o
                                                            WHERE o LIKE 'autovacuum_analyze%' ORDER BY o), ' '), '') AS options
             FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r'`,
          [[...TENANT_GROWN_TABLES]],
        )) as { relname: string; options: string }[]
      ).map((r) => [r.relname, r.options]),
    );

  it('sets a threshold of 2,000 rows and no scale factor on each, and down takes them off', async () => {
    const set = `autovacuum_analyze_scale_factor=0 autovacuum_analyze_threshold=${TENANT_TABLE_ANALYZE_ROWS}`;
    expect(await options()).toEqual(Object.fromEntries(TENANT_GROWN_TABLES.map((t) => [t, set])));

    await on.migrate('down');
    expect(await options()).toEqual(Object.fromEntries(TENANT_GROWN_TABLES.map((t) => [t, ''])));
    await on.migrate('up');
    expect(await options()).toEqual(Object.fromEntries(TENANT_GROWN_TABLES.map((t) => [t, set])));
  });

  it('covers every table with two indexes or more that start with the tenant, but those of a few rows a tenant', async () => {
    const tables = (
      (await on.db.query(
        `SELECT c.relname
           FROM pg_index i
           JOIN pg_class c ON c.oid = i.indrelid
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
          WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attname = 'tenant_id'
          GROUP BY c.relname HAVING count(*) >= 2 ORDER BY 1`,
      )) as { relname: string }[]
    ).map((r) => r.relname);
    expect(tables).toEqual([...TENANT_GROWN_TABLES, ...FEW_ROWS_A_TENANT].sort());
  });
});
