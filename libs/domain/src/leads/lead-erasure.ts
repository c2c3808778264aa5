import { AppError, E164 } from '@app/common';
import { SqlRunner, tenantQuery } from '@app/db';
import type { EntityManager } from 'typeorm';
import { lockAddressList, lockAllAddresses } from '../dnc/address-locks';
import { phoneDigitForms } from './phone-normalizer';

/** An erased lead's address, as the do-not-contact list holds it. */
export type ErasedAddress = { phoneNormalized: string } | { email: string };

/**
 * What held the erased person's words, scrubbed in the erasure's transaction (before the lead row goes):
 * their messages' content and files, what the AI read and wrote for them, the activity log's entries about them,
 * outbound webhook deliveries' bodies about them, their workflow runs, and import row errors showing their cells (matched by their
 * addresses).
 */
export async function scrubLeadContent(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  addresses: ErasedAddress[],
  now: Date,
): Promise<void> {
  // Their messages lose what they said (content, subject, media, files, template variables); the rows stay,
  // with their conversations, as counts only: deleting the lead sets their lead_id to null. One still queued
  // will never go: it fails as `lead_erased` (a send already under way is the sender's to settle). Provider ids
  // that carry their address go too: a WhatsApp Cloud wamid encodes their number, a Telegram id their chat id
  // (Twilio's and the simulator's are opaque, and still let a late status callback settle the count); so does the
  // email thread id, which only served to thread their replies.
  await tenantQuery(
    tx,
    tenantId,
    `DELETE FROM message_attachments a USING messages m
      WHERE a.tenant_id = $1 AND m.tenant_id = $1 AND m.lead_id = $2 AND a.message_id = m.id`,
    [leadId],
  );
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE messages
        SET content = NULL, subject = NULL, html = NULL, media_urls = '{}', attachments = '[]',
            error_message = NULL, updated_at = $3, external_thread_id = NULL,
            provider_message_id = CASE WHEN provider IN ('whatsapp_cloud', 'telegram') AND status <> 'sending'
                                       THEN NULL ELSE provider_message_id END,
            status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END,
            error_code = CASE WHEN status = 'queued' THEN 'lead_erased' ELSE error_code END,
            failed_at = CASE WHEN status = 'queued' THEN $3 ELSE failed_at END,
            template = CASE WHEN template IS NULL THEN NULL ELSE jsonb_set(template, '{variables}', '{}'::jsonb) END
      WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId, now],
  );
  // Their conversations stay as counts, without the handle they wrote from, and closed and read: no one can answer
  // them any longer, so none waits in the inbox as an open, unread thread with no lead.
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE conversations SET handle = NULL, status = 'closed', unread_count = 0
      WHERE tenant_id = $1 AND lead_id = $2
        AND (handle IS NOT NULL OR status <> 'closed' OR unread_count <> 0)`,
    [leadId],
  );
  // What the AI read and wrote for them (history, their words, its answers) keeps only its accounting.
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE ai_interactions SET input = NULL, output = NULL WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId],
  );
  // The activity log's entries about them keep their type, time and actor, and only the ids of what they name: a
  // description or data may hold their words (a referral they gave, a return date).
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE activity_log
        SET description = 'About a lead since erased',
            data = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(data) e
                              WHERE e.key LIKE '%\\_id'), '{}'::jsonb)
      WHERE tenant_id = $1 AND data ? 'lead_id' AND data->>'lead_id' = $2::text`,
    [leadId],
  );
  // Their notifications (a qualified lead, a message from them) name them: each keeps its type, time and read
  // state, and only the ids in its data.
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE notifications
        SET title = 'About a lead since erased', message = 'About a lead since erased',
            data = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(data) e
                              WHERE e.key LIKE '%\\_id'), '{}'::jsonb)
      WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId],
  );
  // Outbound webhook deliveries about them (the lead's own events, a message of theirs, an AI run for them) keep
  // their event, event id and timestamp, and only the ids of their data (a provider message id may encode their
  // address): the body a delivery log shows and a retry would send. Their attempts lose the receiver's answer (a
  // receiver may echo what it got). One still pending is not sent any more.
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE webhook_deliveries d
        SET body = jsonb_build_object(
                     'id', b.j->'id', 'event', b.j->'event', 'timestamp', b.j->'timestamp',
                     'data', coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(b.j->'data') e
                                        WHERE (e.key = 'id' OR e.key LIKE '%\\_id')
                                          AND e.key <> 'provider_message_id'), '{}'::jsonb))::text,
            attempts = (SELECT coalesce(jsonb_agg(a.v || '{"response_excerpt": null}'::jsonb ORDER BY a.n), '[]')
                          FROM jsonb_array_elements(d.attempts) WITH ORDINALITY a(v, n)),
            status = CASE WHEN d.status = 'pending' THEN 'failed' ELSE d.status END,
            last_error = CASE WHEN d.status = 'pending' THEN 'The lead was erased' ELSE d.last_error END,
            updated_at = $3
       FROM (SELECT id, body::jsonb AS j FROM webhook_deliveries WHERE tenant_id = $1 AND lead_id = $2) b
      WHERE d.tenant_id = $1 AND d.id = b.id`,
    [leadId, now],
  );
  // Their workflow runs forget them: each path keeps its nodes, times and outcomes, and only ids, branches and
  // rules in its details; a run under way stops (its next step finds it ended) and names no one any more.
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE workflow_run_steps s
        SET detail = coalesce((SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(s.detail) e
                                WHERE e.key LIKE '%\\_id' OR e.key IN ('branch', 'rule')), '{}'::jsonb)
       FROM workflow_runs r
      WHERE s.tenant_id = $1 AND r.tenant_id = $1 AND r.lead_id = $2 AND s.run_id = r.id`,
    [leadId],
  );
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE workflow_runs
        SET lead_id = NULL, updated_at = $3,
            error = CASE WHEN status IN ('running', 'waiting') THEN 'The lead was erased' ELSE NULL END,
            finished_at = CASE WHEN status IN ('running', 'waiting') THEN $3 ELSE finished_at END,
            status = CASE WHEN status IN ('running', 'waiting') THEN 'stopped' ELSE status END
      WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId, now],
  );
  // An import's row errors show the cell that failed: theirs go, their phone however it was written.
  await tenantQuery(
    tx,
    tenantId,
    `UPDATE lead_import_errors SET value = NULL
      WHERE tenant_id = $1 AND value IS NOT NULL
        AND (lower(btrim(value)) = ANY($2::text[]) OR regexp_replace(value, '[^0-9]', '', 'g') = ANY($3::text[]))`,
    [
      addresses.flatMap((a) => ('email' in a ? [a.email] : [])),
      addresses.flatMap((a) => ('phoneNormalized' in a ? phoneDigitForms(a.phoneNormalized) : [])),
    ],
  );
}

/** Answered (thrown) when a lead being erased was moved to an address whose lock the erasure did not take. */
export class ErasedAddressesMoved extends Error {}

/**
 * The addresses of a lead being erased, read under the lead's row lock after their address locks: the order every
 * writer of an address takes (address locks, then lead rows; a do-not-contact entry added or imported holds its
 * address and then flags the lead's row, so an erasure that held the row and then listed the address would
 * deadlock with it). The addresses are read first without the row lock, and locked; when the row, once locked,
 * holds one more (its phone or email changed meanwhile), ErasedAddressesMoved is thrown and the erasure starts over
 * with `all` (the tenant's addresses at once, as a batch takes them: nothing to read first).
 */
export async function lockedErasedAddresses(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  all: boolean,
): Promise<ErasedAddress[]> {
  if (all) {
    await lockAllAddresses(tx, tenantId);
    return erasedAddresses(tx, tenantId, leadId, true);
  }
  const key = (a: ErasedAddress) => ('email' in a ? `email:${a.email}` : `phone:${a.phoneNormalized}`);
  const seen = await erasedAddresses(tx, tenantId, leadId, false);
  await lockAddressList(tx, tenantId, {
    phones: seen.flatMap((a) => ('phoneNormalized' in a ? [a.phoneNormalized] : [])),
    emails: seen.flatMap((a) => ('email' in a ? [a.email] : [])),
  });
  const locked = new Set(seen.map(key));
  const addresses = await erasedAddresses(tx, tenantId, leadId, true);
  if (!addresses.every((a) => locked.has(key(a)))) throw new ErasedAddressesMoved();
  return addresses;
}

/**
 * The addresses an erased lead was reached at (read under the lead's row lock when `lock`): its phone and email as
 * they stand, and every phone, WhatsApp number and email its identities hold, or held when it was archived
 * (archiving frees them and keeps them on the row). Each goes on the do-not-contact list.
 */
async function erasedAddresses(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  lock: boolean,
): Promise<ErasedAddress[]> {
  const [lead] = await tenantQuery<{
    phone_normalized: string | null;
    email: string | null;
    archived_identities: { channel: string; address: string }[] | null;
  }>(
    tx,
    tenantId,
    `SELECT phone_normalized, email, archived_identities FROM leads WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
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
  for (const { channel, address } of [...identities, ...(lead.archived_identities ?? [])]) {
    if (channel === 'email') emails.add(address.toLowerCase());
    else if ((channel === 'phone' || channel === 'whatsapp') && E164.test(address)) phones.add(address);
  }
  return [
    ...[...phones].map((phoneNormalized) => ({ phoneNormalized })),
    ...[...emails].map((email) => ({ email })),
  ];
}

/**
 * Lists every address of an erased lead on the do-not-contact list for all channels (reason `erasure`): one listed
 * for all channels already (a manual, import, complaint or STOP entry) is taken over, so that, as any erasure's
 * entry, only an admin may remove it (DncService.remove) and a START no longer lifts it. Answers how many entries
 * now keep the person away (made or taken over).
 */
export async function listErasedAddresses(
  tx: EntityManager,
  tenantId: string,
  addresses: ErasedAddress[],
  userId: string | null,
): Promise<number> {
  let kept = 0;
  for (const column of ['phone_normalized', 'email'] as const) {
    const of = addresses.flatMap((a) =>
      column === 'email'
        ? 'email' in a
          ? [a.email]
          : []
        : 'phoneNormalized' in a
          ? [a.phoneNormalized]
          : [],
    );
    if (!of.length) continue;
    // One row may list a phone and an email: taken over by the first statement, counted once.
    const rows = await tenantQuery<{ id: string }>(
      tx,
      tenantId,
      `INSERT INTO dnc_entries (tenant_id, ${column}, channel, reason, created_by_id)
       SELECT DISTINCT $1::uuid, a.address, 'all', 'erasure', $3::uuid FROM unnest($2::text[]) AS a(address)
       ON CONFLICT (tenant_id, ${column}, channel) WHERE ${column} IS NOT NULL
       DO UPDATE SET reason = 'erasure', created_by_id = EXCLUDED.created_by_id
        WHERE dnc_entries.tenant_id = $1 AND dnc_entries.reason <> 'erasure'
       RETURNING id`,
      [of, userId],
    );
    kept += rows.length;
  }
  return kept;
}
