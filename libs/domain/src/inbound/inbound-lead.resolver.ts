import { IdentityChannel, LeadEntity, LeadIdentityEntity, tenantQuery } from '@app/db';
import type { InboundMessage, MessagingChannel } from '@app/providers';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { lockAddresses } from '../dnc/address-locks';
import { refreshContactFlags } from '../dnc/contact-flags';
import { normalizePhone } from '../leads/phone-normalizer';

/** The longest address lead_identities hold (an email address is at most 254 characters). */
export const MAX_ADDRESS_LENGTH = 320;

/** Where an inbound message comes from, as lead_identities store addresses. */
export interface SenderAddress {
  channel: MessagingChannel;
  /** E.164 (sms, whatsapp), lower-cased email, or Telegram chat id. */
  address: string;
  /** For sms and whatsapp: the number parsed (country and zones); null when it does not parse. */
  phone: ReturnType<typeof normalizePhone> | null;
}

export function senderAddress(message: Pick<InboundMessage, 'channel' | 'from'>): SenderAddress {
  if (message.channel === 'email') {
    return { channel: 'email', address: message.from.trim().toLowerCase(), phone: null };
  }
  if (message.channel === 'telegram')
    return { channel: 'telegram', address: message.from.trim(), phone: null };
  const phone = message.channel === 'whatsapp' ? whatsAppPhone(message.from) : normalizePhone(message.from);
  return { channel: message.channel, address: phone.ok ? phone.phone.e164 : message.from.trim(), phone };
}

/**
 * A WhatsApp sender's number. WhatsApp IDs made before Mexico and Brazil changed their mobile numbering still
 * follow the old one, and Meta and Twilio give the ID as the sender: `+52 1` and ten digits in Mexico (the "1"
 * dialling dropped in 2019), or `+55`, the area code and the eight digits of a mobile from before the ninth digit
 * in Brazil. Neither is a valid number, and the lead we wrote to under today's number would not be found: such an
 * ID reads as today's number when that one is valid.
 */
function whatsAppPhone(from: string): ReturnType<typeof normalizePhone> {
  const phone = normalizePhone(from);
  const digits = from.trim().replace(/^\+/, '');
  if (phone.ok || !/^\d+$/.test(digits)) return phone;
  const today = /^521\d{10}$/.test(digits)
    ? `+52${digits.slice(3)}`
    : /^55\d{10}$/.test(digits)
      ? `+55${digits.slice(2, 4)}9${digits.slice(4)}`
      : undefined;
  const current = today ? normalizePhone(today) : undefined;
  return current?.ok ? current : phone;
}

/** The identities that point at this sender, most specific first (DESIGN §4 LeadIdentity). */
export function identitiesOf(sender: SenderAddress): { channel: IdentityChannel; address: string }[] {
  switch (sender.channel) {
    case 'sms':
      return [
        { channel: 'phone', address: sender.address },
        { channel: 'whatsapp', address: sender.address },
      ];
    case 'whatsapp':
      return [
        { channel: 'whatsapp', address: sender.address },
        { channel: 'phone', address: sender.address },
      ];
    case 'email':
      return [{ channel: 'email', address: sender.address }];
    case 'telegram':
      return [{ channel: 'telegram', address: sender.address }];
  }
}

/** The identities a lead found or made from this sender should have (a WhatsApp sender is also a phone). */
function identitiesToRecord(sender: SenderAddress): { channel: IdentityChannel; address: string }[] {
  if (sender.channel === 'whatsapp') {
    return [
      { channel: 'whatsapp', address: sender.address },
      ...(sender.phone?.ok ? [{ channel: 'phone' as const, address: sender.address }] : []),
    ];
  }
  // An SMS sender that is no phone number (a short code, an alphanumeric sender id) is recorded as it came, so
  // that its next message finds the same lead instead of making another.
  if (sender.channel === 'sms') return [{ channel: 'phone', address: sender.address }];
  return identitiesOf(sender);
}

/**
 * The lead this sender is, found through lead_identities, or created from the message (name from the provider's
 * profile name, phone or email from the address). Runs inside the caller's transaction, serialised per address
 * (whatever the channel: a first SMS and a first WhatsApp message from one number take the same lock) by a
 * transaction-scoped advisory lock, so two first messages from one new number make one lead.
 */
export async function findOrCreateLead(
  tx: EntityManager,
  tenantId: string,
  sender: SenderAddress,
  senderName: string | undefined,
): Promise<{ lead: LeadEntity; created: boolean }> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `inbound-lead:${tenantId}:${sender.address}`,
  ]);
  const found = await ownerOf(tx, tenantId, sender);
  if (found) return found;
  // A new lead's addresses take their turn with a do-not-contact entry added for one of them at once (DncService):
  // the new lead sees the entry and is flagged, or the entry flags it.
  await lockAddresses(tx, tenantId, {
    phone: sender.phone?.ok ? sender.phone.phone.e164 : null,
    email: sender.channel === 'email' ? sender.address : null,
  });
  // A lead made meanwhile by another path (a POST of the lead, an import) can win the address between the look-up
  // and the new lead's identities: the new lead is undone and the message goes to that lead.
  await tx.query(`SAVEPOINT inbound_new_lead`);
  const created = await createLead(tx, tenantId, sender, senderName);
  if (created) {
    await tx.query(`RELEASE SAVEPOINT inbound_new_lead`);
    return { lead: created, created: true };
  }
  await tx.query(`ROLLBACK TO SAVEPOINT inbound_new_lead`);
  const owner = await ownerOf(tx, tenantId, sender);
  if (!owner) throw new Error(`Inbound sender ${sender.channel} lost its address and has no owner`);
  return owner;
}

/**
 * The lead whose own address sent an email, if that is another lead than the thread's: a reply in one lead's thread
 * from another lead's address is that lead's (a colleague copied in who is a lead too, whose STOP is theirs). An
 * address no lead has stays with the thread (the lead writing from another mailbox).
 */
export async function otherLeadOfSender(
  tx: EntityManager,
  tenantId: string,
  sender: SenderAddress,
  threadLeadId: string,
): Promise<boolean> {
  if (sender.channel !== 'email') return false;
  const [row] = await tenantQuery<{ other: boolean }>(
    tx,
    tenantId,
    `SELECT EXISTS (
       SELECT 1 FROM lead_identities i
         JOIN leads l ON l.tenant_id = i.tenant_id AND l.id = i.lead_id AND l.archived_at IS NULL
        WHERE i.tenant_id = $1 AND i.channel = 'email' AND i.address = $2 AND i.lead_id <> $3
     ) AND NOT EXISTS (
       SELECT 1 FROM lead_identities i
        WHERE i.tenant_id = $1 AND i.channel = 'email' AND i.address = $2 AND i.lead_id = $3
     ) AS other`,
    [sender.address, threadLeadId],
  );
  return row.other;
}

/** The live lead an identity of this sender points at (the most specific first), its other identities recorded. */
async function ownerOf(
  tx: EntityManager,
  tenantId: string,
  sender: SenderAddress,
): Promise<{ lead: LeadEntity; created: false } | null> {
  const wanted = identitiesOf(sender);
  const found = await tenantQuery<{ lead_id: string; channel: IdentityChannel }>(
    tx,
    tenantId,
    `SELECT lead_id, channel FROM lead_identities
      WHERE tenant_id = $1 AND (channel, address) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [wanted.map((w) => w.channel), wanted.map((w) => w.address)],
  );
  const match = wanted
    .map((w) => found.find((f) => f.channel === w.channel))
    .find((f): f is { lead_id: string; channel: IdentityChannel } => !!f);
  if (!match) return null;
  await recordIdentities(tx, tenantId, match.lead_id, identitiesToRecord(sender));
  return { lead: await tx.findOneByOrFail(LeadEntity, { id: match.lead_id, tenantId }), created: false };
}

/** A lead made from the message, or null when another lead owns one of its addresses by now. */
async function createLead(
  tx: EntityManager,
  tenantId: string,
  sender: SenderAddress,
  senderName: string | undefined,
): Promise<LeadEntity | null> {
  const id = uuidv7();
  const [first, ...rest] = (senderName ?? '').trim().split(/\s+/).filter(Boolean);
  const phone = sender.phone?.ok ? sender.phone.phone : null;
  await tx.insert(LeadEntity, {
    id,
    tenantId,
    firstName: first?.slice(0, 100) ?? null,
    lastName: rest.join(' ').slice(0, 100) || null,
    // A sender that is no number (a short code, an alphanumeric id) is shown as it wrote, never dialled or texted.
    phone: phone ? phone.e164 : sender.phone ? sender.address.slice(0, 64) : null,
    phoneNormalized: phone ? phone.e164 : null,
    country: phone?.country ?? null,
    timezones: phone?.timezones ?? [],
    email: sender.channel === 'email' ? sender.address : null,
    source: `inbound_${sender.channel}`,
  });
  const identities = identitiesToRecord(sender);
  if ((await recordIdentities(tx, tenantId, id, identities)) < identities.length) return null;
  // A number or address already on the do-not-contact list flags the new lead as it would any other.
  await refreshContactFlags(tx, tenantId, { leadIds: [id] });
  return tx.findOneByOrFail(LeadEntity, { id, tenantId });
}

/** Records the addresses no lead owns yet as this lead's; answers how many it recorded. */
async function recordIdentities(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  identities: { channel: IdentityChannel; address: string }[],
): Promise<number> {
  if (!identities.length) return 0;
  // An address another lead already owns stays that lead's (the primary key keeps one owner per address).
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(LeadIdentityEntity)
    .values(identities.map((i) => ({ ...i, tenantId, leadId })))
    .orIgnore()
    .returning(['channel'])
    .execute();
  return (result.raw as unknown[]).length;
}
