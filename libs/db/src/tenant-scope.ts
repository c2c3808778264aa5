const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown when tenant-owned data is touched without a tenant: a programming error, never a client's. */
export class MissingTenantError extends Error {
  override name = 'MissingTenantError';
}

export function assertTenantId(tenantId: unknown): asserts tenantId is string {
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) {
    throw new MissingTenantError(`A tenant id is required for tenant-owned data (got ${String(tenantId)})`);
  }
}

const TENANT_FILTER = /\btenant_id\s*=\s*\$1\b/;

/**
 * `<alias>.tenant_id = $1` as a filter no index can serve, for a statement that finds its rows by their primary key
 * (ids from an array): the planner can then only look them up by id. Given `tenant_id = $1` it may plan a scan of
 * the tenant's rows instead when the statistics say the tenant has a handful (a tenant's first bulk insert,
 * before an ANALYZE), as it did for the status drain: each batch of 20 callbacks read all 150,000 of the
 * tenant's messages.
 */
export const tenantCheck = (alias: string): string => `(${alias}.tenant_id = $1) IS TRUE`;

/**
 * The only way to run hand-written SQL on tenant-owned tables: the tenant id is bound as $1,
 * and the statement must filter on `tenant_id = $1`. Further parameters start at $2.
 */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function tenantQuery<R = Record<string, unknown>>(
  manager: SqlRunner,
  tenantId: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  assertTenantId(tenantId);
  if (!TENANT_FILTER.test(sql))
    throw new MissingTenantError('tenantQuery: the statement must filter on tenant_id = $1');
  return rowsOf<R>(await manager.query(sql, [tenantId, ...params]));
}

/**
 * The rows of a query's result. TypeORM's EntityManager (a transaction's runner) answers an UPDATE or DELETE as
 * `[rows, affected]`; the pg pool (fastSql) answers the rows alone. Rows are objects, never arrays.
 */
export function rowsOf<R>(result: unknown): R[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as R[];
  return result as R[];
}
