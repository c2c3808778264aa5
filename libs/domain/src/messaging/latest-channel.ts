import { SqlRunner, tenantQuery } from '@app/db';
import type { SendInput } from './outbound-messages.service';

/**
 * The channel a manual message to the lead (sent, or logged by hand) defaults to: the channel of the lead's latest
 * conversation; for a lead with none, the address it has: sms to a phone, else email to an email address (a lead
 * known only by email was refused no_address on sms).
 */
export async function latestChannel(
  db: SqlRunner,
  tenantId: string,
  leadId: string,
): Promise<SendInput['channel']> {
  const [row] = await tenantQuery<{ channel: SendInput['channel'] | null; email_only: boolean }>(
    db,
    tenantId,
    `SELECT (SELECT channel FROM conversations WHERE tenant_id = $1 AND lead_id = $2 AND channel <> 'voice'
              ORDER BY last_message_at DESC NULLS LAST LIMIT 1) AS channel,
            l.phone_normalized IS NULL AND coalesce(l.email, '') <> '' AS email_only
       FROM leads l WHERE l.tenant_id = $1 AND l.id = $2`,
    [leadId],
  );
  return row?.channel ?? (row?.email_only ? 'email' : 'sms');
}
