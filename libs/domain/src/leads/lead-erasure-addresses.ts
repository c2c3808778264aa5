import { AppError } from '@app/common';
import { tenantQuery } from '@app/db';
import type { EntityManager } from 'typeorm';

/**
 * The addresses an erased lead was reached at, read under the lead's row lock: its phone and email as they stand,
 * and every phone, WhatsApp number and email its identities hold. Each goes on the do-not-contact list.
 */
export async function erasedAddresses(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
): Promise<({ phoneNormalized: string } | { email: string })[]> {
  const [lead] = await tenantQuery<{ phone_normalized: string | null; email: string | null }>(
    tx,
    tenantId,
    `SELECT phone_normalized, email FROM leads WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [leadId],
  );
  if (!lead) throw AppError.notFound('Lead');
  const identities = await tenantQuery<{ channel: string; address: string }>(
    tx,
    tenantId,
    `SELECT channel, address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId],
  );
  const phones = new Set<string>();
  const emails = new Set<string>();
  if (lead.phone_normalized) phones.add(lead.phone_normalized);
  if (lead.email) emails.add(lead.email.toLowerCase());
  for (const { channel, address } of identities) {
    if (channel === 'email') emails.add(address.toLowerCase());
    else if ((channel === 'phone' || channel === 'whatsapp') && /^\+[1-9]\d{6,14}$/.test(address))
      phones.add(address);
  }
  return [
    ...[...phones].map((phoneNormalized) => ({ phoneNormalized })),
    ...[...emails].map((email) => ({ email })),
  ];
}
