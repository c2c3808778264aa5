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
    `WITH named AS MATERIALIZED (
       -- The leads the keys name, found from the keys alone before any lead is read: the given ids, and the owner
       -- of each given address fetched through the identities' primary key. A lateral subquery with OFFSET 0 is
       -- run once per address, never turned into a join the planner could serve with a scan of the tenant's
       -- identities (as it did for a thousand keys).
       SELECT unnest($4::uuid[]) AS id
       UNION
       SELECT i.lead_id
         FROM unnest($2::text[]) a(address)
        CROSS JOIN LATERAL (
          SELECT i.lead_id FROM lead_identities i
           WHERE i.tenant_id = $1 AND i.channel IN ('phone', 'whatsapp') AND i.address = a.address
          OFFSET 0) i
       UNION
       SELECT i.lead_id
         FROM unnest($3::text[]) a(address)
        CROSS JOIN LATERAL (
          SELECT i.lead_id FROM lead_identities i
           WHERE i.tenant_id = $1 AND i.channel = 'email' AND i.address = a.address
          OFFSET 0) i
     ), target AS MATERIALIZED (
       -- Each named lead fetched by its key (a lateral subquery with a row lock is run once per id, never turned
       -- into a join that could scan the tenant's leads), in id order: locked in one order and read as they stand
       -- once free, so a STOP on the list's blind side (unlisted_opt_outs) that another transaction is recording
       -- is built on, not overwritten from this statement's snapshot. FOR NO KEY UPDATE, as the UPDATE below
       -- takes: it waits for another writer of the flags or an erasure, never refuses the key-share a foreign key
       -- takes (an import batch locks them here, then the campaign's row an enrollment of them holds: a deadlock).
       SELECT l.*
         FROM (SELECT id FROM named ORDER BY id) n
        CROSS JOIN LATERAL (
          SELECT l.id, l.phone_normalized, lower(l.email) AS email, l.unlisted_opt_outs,
                 l.do_not_call, l.opted_out_channels
            FROM leads l
           WHERE l.tenant_id = $1 AND l.id = n.id
             FOR NO KEY UPDATE OF l) l
     ), flags AS (
       -- Each lead's entries looked up by key from its own phone, WhatsApp numbers and email, per lead (an
       -- aggregate subquery answers one row for each). An entry matched by two of them is counted twice: the
       -- flags are a set.
       SELECT t.id,
              COALESCE(d.do_not_call, false) AS do_not_call,
              ARRAY(SELECT DISTINCT c FROM unnest(COALESCE(d.channels, '{}'::text[]) || t.unlisted_opt_outs) c
                     ORDER BY c) AS channels,
              t.do_not_call AS was_do_not_call, t.opted_out_channels AS was_channels
         FROM target t
        CROSS JOIN LATERAL (
          SELECT bool_or(e.channel = 'all') AS do_not_call,
                 array_agg(e.channel::text) FILTER (WHERE e.channel <> 'all') AS channels
            FROM (SELECT d.channel FROM dnc_entries d
                   WHERE d.tenant_id = $1 AND d.phone_normalized = t.phone_normalized
                  UNION ALL
                  SELECT d.channel
                    FROM lead_identities w
                    JOIN dnc_entries d ON d.tenant_id = $1 AND d.phone_normalized = w.address
                   WHERE w.tenant_id = $1 AND w.lead_id = t.id AND w.channel = 'whatsapp'
                  UNION ALL
                  SELECT d.channel FROM dnc_entries d WHERE d.tenant_id = $1 AND d.email = t.email) e) d
     ), updated AS (
       UPDATE leads l
          SET do_not_call = f.do_not_call, opted_out_channels = f.channels, updated_at = now()
         FROM flags f
        -- Each lead fetched by its key: '= ANY(ARRAY[f.id])' is a condition no hash or merge join can use, so the
        -- flagged rows drive the update instead of a scan of the tenant's leads hashed against them.
        WHERE l.tenant_id = $1 AND l.id = ANY(ARRAY[f.id])
          AND (f.was_do_not_call IS DISTINCT FROM f.do_not_call OR f.was_channels IS DISTINCT FROM f.channels)
        RETURNING l.id
     )
     SELECT id FROM updated`,
    [phones, emails, leadIds],
  );
  return changed.map((r) => r.id);
}
