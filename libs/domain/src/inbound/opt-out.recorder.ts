import { DncEntryEntity, LeadEntity, tenantQuery } from '@app/db';
import type { MessagingChannel } from '@app/providers';
import type { EntityManager } from 'typeorm';
import type { SenderAddress } from './inbound-lead.resolver';

/** The phones and emails a lead's opt-out on this channel is listed under (the sender's address first). */
function addresses(lead: LeadEntity, sender: SenderAddress): { phones: string[]; emails: string[] } {
  const phones = new Set<string>();
  const emails = new Set<string>();
  if ((sender.channel === 'sms' || sender.channel === 'whatsapp') && sender.phone?.ok)
    phones.add(sender.address);
  if (sender.channel === 'email') emails.add(sender.address);
  if (lead.phoneNormalized) phones.add(lead.phoneNormalized);
  if (lead.email) emails.add(lead.email.toLowerCase());
  return { phones: [...phones], emails: [...emails] };
}

/**
 * The addresses a STOP on this channel is listed under: the channel's own (the number that wrote for SMS and
 * WhatsApp), so that editing the lead's other address never lifts it. For email, the address that wrote and the
 * lead's own: a reply in the thread from another address (found by its thread) stops what goes to the lead's, and
 * the flags rebuilt from the list read the lead's. A Telegram chat is no phone or email: none.
 */
function listedAddresses(lead: LeadEntity, sender: SenderAddress): { phones: string[]; emails: string[] } {
  const { phones, emails } = addresses(lead, sender);
  switch (sender.channel) {
    case 'sms':
    case 'whatsapp':
      return { phones: phones.slice(0, 1), emails: [] };
    case 'email':
      return { phones: [], emails };
    default:
      return { phones: [], emails: [] };
  }
}

/**
 * Whether a STOP or START (or a free-text unsubscribe) the lead sent at `sentAt` is their latest on the channel:
 * it is then stamped on the lead (under the lead's row lock, so keywords applied at once take turns). One the lead
 * sent before the keyword last applied (its webhook retried, its job run late) changes nothing: the lead's last
 * word stands, whatever order the two are applied in.
 */
async function latestKeyword(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  channel: MessagingChannel,
  sentAt: Date,
): Promise<boolean> {
  const rows = await tenantQuery(
    tx,
    tenantId,
    `UPDATE leads SET opt_keyword_at = coalesce(opt_keyword_at, '{}'::jsonb) || jsonb_build_object($3::text, $4::timestamptz)
      WHERE tenant_id = $1 AND id = $2
        AND coalesce((opt_keyword_at->>$3::text)::timestamptz, '-infinity'::timestamptz) <= $4::timestamptz
      RETURNING id`,
    [leadId, channel, sentAt],
  );
  return rows.length === 1;
}

/**
 * DESIGN §7.1: STOP on a channel puts the channel on the lead's `opted_out_channels` and lists the channel's
 * address on the do-not-contact list for that channel (reason `stop_keyword`), in the caller's transaction, before
 * anything else happens with the message. An opt-out with no address to list (a Telegram chat; a number that does
 * not parse) is recorded on the lead only, in `unlisted_opt_outs` too so that no refresh of the flags from the list
 * drops it. Answers whether the lead was not opted out of it before. Nothing changes when the lead sent a later
 * keyword on the channel (`sentAt`, see latestKeyword).
 */
export async function recordOptOut(
  tx: EntityManager,
  tenantId: string,
  lead: LeadEntity,
  sender: SenderAddress,
  sentAt: Date,
): Promise<boolean> {
  const channel: MessagingChannel = sender.channel;
  if (!(await latestKeyword(tx, tenantId, lead.id, channel, sentAt))) return false;
  const { phones, emails } = listedAddresses(lead, sender);
  const listed = [
    ...phones.map((phone) => ({ phoneNormalized: phone, email: null })),
    ...emails.map((email) => ({ phoneNormalized: null, email })),
  ];
  if (listed.length) {
    await tx
      .createQueryBuilder()
      .insert()
      .into(DncEntryEntity)
      .values(
        listed.map((address) => ({
          tenantId,
          ...address,
          channel,
          reason: 'stop_keyword' as const,
          optedOutByPerson: true,
        })),
      )
      .orIgnore()
      .execute();
  }
  // FOR NO KEY UPDATE, as the UPDATE takes: another opt-out or an erasure waits; a row naming the lead (a send
  // holding the enrollment the caller then stops) does not.
  const [{ n }] = await tenantQuery<{ n: number }>(
    tx,
    tenantId,
    `WITH changed AS (
       UPDATE leads l
          SET opted_out_channels = ARRAY(SELECT DISTINCT c FROM unnest(o.opted_out_channels || $3::text) c ORDER BY c),
              unlisted_opt_outs = CASE WHEN $4::boolean OR $3::text = ANY(o.unlisted_opt_outs)
                THEN o.unlisted_opt_outs ELSE o.unlisted_opt_outs || $3::text END,
              updated_at = now()
         FROM (SELECT id, opted_out_channels, unlisted_opt_outs FROM leads
                WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE) o
        WHERE l.tenant_id = $1 AND l.id = $2 AND o.id = l.id
          AND NOT ($3::text = ANY(o.opted_out_channels) AND ($4::boolean OR $3::text = ANY(o.unlisted_opt_outs)))
        RETURNING l.id, $3::text = ANY(o.opted_out_channels) AS was)
     SELECT count(*) FILTER (WHERE NOT was)::int AS n FROM changed`,
    [lead.id, channel, listed.length > 0],
  );
  return n > 0;
}

/**
 * START / UNSTOP: removes the STOP-keyword entries of this channel for the lead's addresses and takes the channel
 * off `opted_out_channels`, unless another do-not-contact entry (manual, import, complaint) still lists it.
 * Nothing changes when the lead sent a later keyword on the channel (`sentAt`, see latestKeyword).
 */
export async function recordOptIn(
  tx: EntityManager,
  tenantId: string,
  lead: LeadEntity,
  sender: SenderAddress,
  sentAt: Date,
): Promise<void> {
  const channel: MessagingChannel = sender.channel;
  if (!(await latestKeyword(tx, tenantId, lead.id, channel, sentAt))) return;
  const { phones, emails } = addresses(lead, sender);
  await tenantQuery(
    tx,
    tenantId,
    `WITH removed AS (
       DELETE FROM dnc_entries
        WHERE tenant_id = $1 AND channel = $2::text AND reason = 'stop_keyword'
          AND (phone_normalized = ANY($3::text[]) OR email = ANY($4::text[]))
        RETURNING id)
     SELECT count(*)::int AS n FROM removed`,
    [channel, phones, emails],
  );
  await tenantQuery(
    tx,
    tenantId,
    `WITH changed AS (
       UPDATE leads l
          SET opted_out_channels = array_remove(l.opted_out_channels, $3::text),
              unlisted_opt_outs = array_remove(l.unlisted_opt_outs, $3::text), updated_at = now()
        WHERE l.tenant_id = $1 AND l.id = $2 AND $3::text = ANY(l.opted_out_channels)
          AND NOT EXISTS (
            SELECT 1 FROM dnc_entries d
             WHERE d.tenant_id = $1 AND d.channel = $3::text
               AND (d.phone_normalized = ANY($4::text[]) OR d.email = ANY($5::text[])))
        RETURNING l.id)
     SELECT count(*)::int AS n FROM changed`,
    [lead.id, channel, phones, emails],
  );
}
