import { FINAL_ENROLLMENT_SQL } from '@app/db';

/**
 * SQL: a human holds the lead `$2` of the tenant `$1` already, so a conversation it opens on another channel starts
 * in `ai_mode: human` (DESIGN §7.5: a manual message or an override stops AI sends to the lead, not to one channel
 * of it): another of its conversations is with humans, or one of its running enrollments is overridden.
 */
export const HUMAN_HOLDS_LEAD = `(EXISTS (SELECT 1 FROM conversations h
                  WHERE h.tenant_id = $1 AND h.lead_id = $2 AND h.ai_mode = 'human')
        OR EXISTS (SELECT 1 FROM campaign_enrollments e
                    WHERE e.tenant_id = $1 AND e.lead_id = $2 AND e.ai_paused AND e.status NOT IN (${FINAL_ENROLLMENT_SQL})))`;
