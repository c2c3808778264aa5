import { assertTenantId, MissingTenantError, tenantQuery } from './tenant-scope';

const TENANT = '6f1c2d7e-9a7b-4c1e-8f55-0d5c1b2a3e4f';

describe('tenant scope', () => {
  it.each([undefined, null, '', 'abc', 42])('refuses to run without a tenant id (%p)', (value) => {
    expect(() => assertTenantId(value)).toThrow(MissingTenantError);
  });

  it('binds the tenant as $1 and shifts the other parameters', async () => {
    const calls: unknown[][] = [];
    const manager = { query: async (sql: string, params: unknown[]) => (calls.push([sql, params]), []) };
    await tenantQuery(manager, TENANT, 'SELECT * FROM users WHERE tenant_id = $1 AND role = $2', ['admin']);
    expect(calls).toEqual([['SELECT * FROM users WHERE tenant_id = $1 AND role = $2', [TENANT, 'admin']]]);
  });

  it('refuses SQL that does not filter on tenant_id = $1', async () => {
    const manager = { query: async () => [] };
    await expect(tenantQuery(manager, TENANT, 'SELECT * FROM users WHERE role = $1')).rejects.toThrow(
      MissingTenantError,
    );
    await expect(tenantQuery(manager, 'nope', 'SELECT 1 WHERE tenant_id = $1')).rejects.toThrow(
      MissingTenantError,
    );
  });
});
