import { migrationOnIsolatedApi } from '@app/testing';
import { AgentGroupNamesAnyCase1768810000000 } from './1768810000000-agent-group-names-any-case';

/**
 * Groups whose names clash whatever their case are renamed, in order of creation, before the index is built. It
 * reads every tenant's groups, so it runs on a database of its own.
 */
describe('migration: agent group names unique whatever their case (integration)', () => {
  const on = migrationOnIsolatedApi(AgentGroupNamesAnyCase1768810000000, { tenants: 2 });

  async function group(tenant: string, name: string, minute: number): Promise<string> {
    const [row] = await on.db.query(
      `INSERT INTO agent_groups (tenant_id, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
      [tenant, name, new Date(Date.UTC(2026, 0, 1, 0, minute))],
    );
    return row.id as string;
  }

  it('keeps the first name, suffixes later clashes with the first free " (n)", then refuses any-case clashes', async () => {
    const [tenantId, otherId] = on.tenants.map((t) => t.id);
    await on.migrate('down');
    const long = 'L'.repeat(120);
    const ids = {
      sales: await group(tenantId, 'Sales', 1),
      salesLower: await group(tenantId, 'sales', 2),
      salesUpper: await group(tenantId, 'SALES', 3),
      takenSuffix: await group(tenantId, 'Sales (2)', 4),
      long: await group(tenantId, long, 5),
      longLower: await group(tenantId, long.toLowerCase(), 6),
      alone: await group(tenantId, 'Support', 7),
      otherTenant: await group(otherId, 'sales', 8),
    };
    await on.migrate('up');
    const names = Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(
          async ([key, id]) =>
            [key, (await on.db.query(`SELECT name FROM agent_groups WHERE id = $1`, [id]))[0].name] as const,
        ),
      ),
    );
    expect(names).toEqual({
      sales: 'Sales',
      salesLower: 'sales (3)',
      salesUpper: 'SALES (4)',
      takenSuffix: 'Sales (2)',
      long,
      longLower: `${'l'.repeat(116)} (2)`,
      alone: 'Support',
      otherTenant: 'sales',
    });
    await expect(group(tenantId, 'SUPPORT', 9)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'uq_agent_groups_tenant_name' },
    });
  });
});
