import { SqlRunner, tenantQuery } from '@app/db';
import type { CampaignStatus } from '@app/db';

/** Statuses a campaign has work in: a DELETE cancels it first; a change of a window takes back their holds. */
export const RUNNING_STATUSES: readonly CampaignStatus[] = ['scheduled', 'active', 'paused'];

/**
 * Turns of `scope` (parameters from $3) held outside a window (waiting for its opening, `window_held_until` still
 * their due time) are due `now` instead, and each is asked again against the window as it now stands (sent, or
 * held until its opening). Waits of the plan (a DELAY, a follow-up, a retry) are not such holds and stay. One
 * statement, whatever the number of turns.
 */
export async function unholdWaits(
  sql: SqlRunner,
  tenantId: string,
  now: Date,
  scope: string,
  params: unknown[],
): Promise<void> {
  await tenantQuery(
    sql,
    tenantId,
    `UPDATE campaign_enrollments e
        SET next_action_at = $2, window_held_until = NULL, updated_at = $2
      WHERE e.tenant_id = $1 AND e.status = 'waiting'
        AND e.next_action_at = e.window_held_until AND e.next_action_at > $2
        AND ${scope}`,
    [now, ...params],
  );
}

/**
 * The local zones of the leads `leads` selects (a statement of lead ids, its parameters from $4) changed: their
 * held turns in running campaigns, as above.
 */
export function unholdLeadsWaits(
  sql: SqlRunner,
  tenantId: string,
  now: Date,
  leads: string,
  params: unknown[],
): Promise<void> {
  return unholdWaits(
    sql,
    tenantId,
    now,
    `e.campaign_id IN (
       SELECT c.id FROM campaigns c WHERE c.tenant_id = $1 AND c.status = ANY($3::varchar[]))
     AND e.lead_id IN (${leads})`,
    [RUNNING_STATUSES, ...params],
  );
}
