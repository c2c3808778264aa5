import { SqlRunner, tenantQuery } from '@app/db';
import { failed, NodeContext, NodeResult } from './workflow-node';

/**
 * The run fails at once when a user the node names is no longer one of the tenant's (removed since the workflow
 * was saved): no retry of the step could bring them back. Null when every one is there.
 */
export async function usersGone(
  sql: SqlRunner,
  ctx: NodeContext,
  ids: readonly string[],
): Promise<NodeResult | null> {
  const found = await tenantQuery<{ id: string }>(
    sql,
    ctx.tenantId,
    `SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [[...new Set(ids)]],
  );
  const gone = ids.filter((id) => !found.some((u) => u.id === id));
  if (!gone.length) return null;
  return failed(
    'user_missing',
    `${gone.length === 1 ? `User ${gone[0]} no longer exists` : `Users ${gone.join(', ')} no longer exist`}: ` +
      `change node ${ctx.node.id} to name a user of the tenant`,
    { user_ids: gone },
  );
}
