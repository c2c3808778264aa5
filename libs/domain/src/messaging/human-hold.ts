import { FINAL_ENROLLMENT_SQL } from '@app/db';

/**
 * SQL: a human holds the lead (`lead`, an SQL expression) of the tenant `$1` (DESIGN §7.5: a manual message or an
 * override stops AI sends to the lead, not to one channel of it): one of its conversations is with humans, or one
 * of its running enrollments is overridden.
 */
export function leadHeldByHuman(lead: string): string {
  return `(EXISTS (SELECT 1 FROM conversations h
                  WHERE h.tenant_id = $1 AND h.lead_id = ${lead} AND h.ai_mode = 'human')
        OR EXISTS (SELECT 1 FROM campaign_enrollments e
                    WHERE e.tenant_id = $1 AND e.lead_id = ${lead} AND e.ai_paused
                      AND e.status NOT IN (${FINAL_ENROLLMENT_SQL})))`;
}

/** leadHeldByHuman of the lead `$2`: a conversation it opens on another channel starts in `ai_mode: human`. */
export const HUMAN_HOLDS_LEAD = leadHeldByHuman('$2');
