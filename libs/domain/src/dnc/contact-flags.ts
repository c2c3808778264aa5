import { tenantQuery } from '@app/db';
import type { SqlRunner } from '@app/db';

export interface ContactKeys {
  phones?: string[];
  emails?: string[];
  leadIds?: string[];
}

/**
 * A lead's `do_not_call` and `opted_out_channels` are a projection of the do-not-contact entries that match its
 * phone, its email or a WhatsApp number it wrote from (`lead_identities`, as the contact policy matches them): an
 * entry for all channels sets `do_not_call`, a channel entry adds that channel; the opt-outs
 * the list cannot hold (`unlisted_opt_outs`: a STOP on a Telegram chat of a lead with no phone or email) stay. This brings
 * the leads reached by `keys` up to date in one statement (rows whose flags already agree are not touched), and
 * answers the ids of the leads whose flags changed (their campaigns' `opted_out` may have moved).
 */
export async function refreshContactFlags(
  db: SqlRunner,
  tenantId: string,
  keys: ContactKeys,
): Promise<string[]> {
  const phones = keys.phones ?? [];
  const emails = (keys.emails ?? []).map((e) => e.toLowerCase());
  const leadIds = keys.leadIds ?? [];
  if (!phones.length && !emails.length && !leadIds.length) return [];
  // TypeORM answers an UPDATE with [rows, count]; reading through a SELECT keeps the answer plain rows.
  const changed = await tenantQuery<{ id: string }>(
    db,
    tenantId,
    `WITH target AS (
       SELECT l.id, l.phone_normalized, lower(l.email) AS email, l.unlisted_opt_outs
       FROM leads l
       -- One set of ids (given, or owning a given address), joined on the key: an OR of the two would be a filter
       -- over every lead of the tenant.
       WHERE l.tenant_id = $1
         AND l.id IN (SELECT unnest($4::uuid[])
                      UNION
                      SELECT i.lead_id FROM lead_identities i
                       WHERE i.tenant_id = $1
                         AND ((i.channel IN ('phone', 'whatsapp') AND i.address = ANY($2::text[]))
                           OR (i.channel = 'email' AND i.address = ANY($3::text[]))))
       -- Locked (in one order) and read as they stand once free: a STOP on the list's blind side (unlisted_opt_outs)
       -- that another transaction is recording is built on, not overwritten from this statement's snapshot.
       ORDER BY l.id
       FOR UPDATE OF l
     ), flags AS (
       SELECT t.id,
              COALESCE(bool_or(d.channel = 'all'), false) AS do_not_call,
              ARRAY(SELECT DISTINCT c FROM unnest(
                      COALESCE(array_agg(d.channel::text) FILTER (WHERE d.channel <> 'all'), '{}'::text[])
                      || t.unlisted_opt_outs) c ORDER BY c) AS channels
       FROM target t
       LEFT JOIN dnc_entries d
         ON d.tenant_id = $1
        AND (d.phone_normalized = ANY(t.phone_normalized || ARRAY(
               SELECT w.address FROM lead_identities w
                WHERE w.tenant_id = $1 AND w.lead_id = t.id AND w.channel = 'whatsapp')::varchar[])
          OR d.email = t.email)
       GROUP BY t.id, t.unlisted_opt_outs
     ), updated AS (
       UPDATE leads l
          SET do_not_call = f.do_not_call, opted_out_channels = f.channels, updated_at = now()
         FROM flags f
        WHERE l.tenant_id = $1 AND l.id = f.id
          AND (l.do_not_call IS DISTINCT FROM f.do_not_call OR l.opted_out_channels IS DISTINCT FROM f.channels)
        RETURNING l.id
     )
     SELECT id FROM updated`,
    [phones, emails, leadIds],
  );
  return changed.map((r) => r.id);
}
