import { AppError, FieldIssue } from '@app/common';
import { IdentityChannel, LeadIdentityEntity, tenantQuery } from '@app/db';
import { In, type EntityManager } from 'typeorm';

export interface LeadAddresses {
  phone: string | null;
  email: string | null;
}

/** The identities that mirror the lead's own fields. */
const FIELD_CHANNELS: IdentityChannel[] = ['phone', 'email'];

function identities(addresses: LeadAddresses): { channel: IdentityChannel; address: string }[] {
  return [
    ...(addresses.phone ? [{ channel: 'phone' as const, address: addresses.phone }] : []),
    ...(addresses.email ? [{ channel: 'email' as const, address: addresses.email.toLowerCase() }] : []),
  ];
}

/** The live leads (other than `exceptLeadId`) that already own this phone or email: the email's first. */
export async function identityOwners(
  tx: EntityManager,
  tenantId: string,
  addresses: LeadAddresses,
  exceptLeadId?: string,
): Promise<{ channel: IdentityChannel; lead_id: string }[]> {
  const wanted = identities(addresses);
  if (!wanted.length) return [];
  return tenantQuery(
    tx,
    tenantId,
    `SELECT channel, lead_id FROM lead_identities
      WHERE tenant_id = $1 AND (channel, address) IN (SELECT * FROM unnest($2::text[], $3::text[]))
        AND ($4::uuid IS NULL OR lead_id <> $4::uuid)
      ORDER BY channel`,
    [wanted.map((w) => w.channel), wanted.map((w) => w.address), exceptLeadId ?? null],
  );
}

/** 409 naming the lead(s) that own the address: both when the phone is one lead's and the email another's. */
export function duplicateError(owners: { channel: IdentityChannel; lead_id: string }[]): AppError {
  const details: (FieldIssue & { existing_lead_id: string })[] = owners.map((o) => ({
    field: o.channel,
    reason: `belongs to lead ${o.lead_id}`,
    existing_lead_id: o.lead_id,
  }));
  const ids = [...new Set(owners.map((o) => o.lead_id))];
  const message =
    ids.length > 1
      ? `The phone belongs to lead ${owners.find((o) => o.channel === 'phone')?.lead_id} and the email to lead ${owners.find((o) => o.channel === 'email')?.lead_id}`
      : `A lead with this ${owners.map((o) => o.channel).join(' and ')} already exists`;
  return AppError.conflict(message, details);
}

/**
 * Makes the lead's phone and email identities exactly its current phone and email (the unique index refuses a
 * taken one). Its `whatsapp` and `telegram` identities (recorded by inbound messages) are not the lead's fields and
 * stay: editing a lead never cuts it off from its chats.
 */
export async function syncIdentities(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  addresses: LeadAddresses,
): Promise<void> {
  await tx.delete(LeadIdentityEntity, { tenantId, leadId, channel: In(FIELD_CHANNELS) });
  const rows = identities(addresses).map((i) => ({ ...i, tenantId, leadId }));
  if (rows.length) await tx.insert(LeadIdentityEntity, rows);
}

/**
 * Frees every address of the lead, chats included (an archived lead is found by no inbound message). Its phone,
 * WhatsApp and email identities stay on its row (`archived_identities`) for an erasure to list on the do-not-contact
 * list, as it lists a live lead's; a Telegram chat does not (the list cannot hold one).
 */
export async function releaseIdentities(tx: EntityManager, tenantId: string, leadId: string): Promise<void> {
  await tenantQuery(
    tx,
    tenantId,
    `WITH released AS (
       DELETE FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2 RETURNING channel, address)
     UPDATE leads
        SET archived_identities = (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', channel, 'address', address)
                                                             ORDER BY channel, address), '[]'::jsonb)
                                     FROM released WHERE channel IN ('phone', 'whatsapp', 'email'))
      WHERE tenant_id = $1 AND id = $2`,
    [leadId],
  );
}
