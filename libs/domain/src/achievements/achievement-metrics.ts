import { AchievementMetric, SqlRunner, tenantQuery } from '@app/db';

/** A user's message counts once the provider took it (as WhatsApp analytics counts sent). */
const SENT = `status IN ('sent', 'delivered', 'read')`;

/**
 * The rows each metric counts for user $2, each served by a partial index of migration 1769020000001 (1769480000000
 * for leads): the live leads they own that are qualified (as the dashboard counts them), the messages they wrote that were sent, those of
 * them answering a lead who had written first in that conversation, the campaigns they created that went live, the
 * calls connected to their agent (its leg to them is not one more).
 */
const METRIC_ROWS: Record<AchievementMetric, string> = {
  leads_qualified: `SELECT 1 FROM leads WHERE tenant_id = $1 AND owner_id = $2 AND archived_at IS NULL
      AND (status IN ('qualified', 'converted') OR qualification_status IN ('qualified', 'meeting_requested'))`,
  messages_sent: `SELECT 1 FROM messages WHERE tenant_id = $1 AND sender_user_id = $2 AND direction = 'outbound'
      AND ${SENT}`,
  inbox_replies: `SELECT 1 FROM messages m WHERE m.tenant_id = $1 AND m.sender_user_id = $2 AND m.direction = 'outbound'
      AND m.${SENT}
      AND EXISTS (SELECT 1 FROM messages i WHERE i.tenant_id = $1 AND i.conversation_id = m.conversation_id
                    AND i.direction = 'inbound' AND i.created_at <= m.created_at)`,
  campaigns_launched: `SELECT 1 FROM campaigns WHERE tenant_id = $1 AND created_by = $2 AND started_at IS NOT NULL`,
  calls_connected: `SELECT 1 FROM calls WHERE tenant_id = $1
      AND agent_id IN (SELECT id FROM agents WHERE tenant_id = $1 AND user_id = $2)
      AND connected_at IS NOT NULL AND kind <> 'agent_leg'`,
};

/**
 * The user's count of each metric asked, up to its cap (the largest target still locked): a count stops there, so
 * one read costs at most that many index entries per metric, however much the user did. One statement.
 */
export async function countMetrics(
  db: SqlRunner,
  tenantId: string,
  userId: string,
  caps: ReadonlyMap<AchievementMetric, number>,
): Promise<Map<AchievementMetric, number>> {
  const metrics = [...caps.keys()];
  if (!metrics.length) return new Map();
  const columns = metrics.map(
    (metric, i) => `(SELECT count(*) FROM (${METRIC_ROWS[metric]} LIMIT $${i + 3}) s)::int AS "${metric}"`,
  );
  const [row] = await tenantQuery<Record<AchievementMetric, number>>(
    db,
    tenantId,
    `SELECT ${columns.join(',\n')}`,
    [userId, ...metrics.map((m) => caps.get(m))],
  );
  return new Map(metrics.map((m) => [m, row[m]]));
}
