import { SqlRunner, tenantQuery } from '@app/db';
import type { InboundMessage } from '@app/providers';
import { attachmentId } from './inbound-attachments';
import { erasedEventPayload } from './inbound-event';
import { identitiesOf, senderAddress } from './inbound-lead.resolver';

interface PendingInbound {
  id: string;
  provider: string;
  message: Pick<InboundMessage, 'channel' | 'from' | 'provider_message_id' | 'attachments'> | null;
  /** A message logged by hand: the lead it was logged on. */
  logged_lead?: string | null;
}

/**
 * Part of a lead's erasure (GDPR Art. 17), first in its transaction: the messages the person sent that still wait
 * for the worker (their webhook events not yet applied), and their opt-outs told with no message (a Telegram
 * block), are erased too. Each event keeps only its kind and the mark
 * (`erasedEventPayload`) and counts as applied, so the worker never records it, nor a new lead from it; the files
 * it came with, stored but not yet given a message, are deleted. A message logged by hand is found by the lead it
 * names. An event the worker is applying at this moment is
 * waited for (the worker holds it `FOR UPDATE` while it records the message; see `holdPendingEvent`): its message
 * is then the lead's, and the rest of the erasure scrubs it. Answers how many events were erased.
 */
export async function erasePendingMessages(tx: SqlRunner, tenantId: string, leadId: string): Promise<number> {
  const identities = await tenantQuery<{ channel: string; address: string }>(
    tx,
    tenantId,
    `SELECT channel, address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId],
  );
  const theirs = new Set(identities.map((i) => `${i.channel}\n${i.address}`));
  // Through the partial index of events still to apply; a person's own messages only (a bounce is a mail server's),
  // and the opt-outs the provider told of with no message (a Telegram block), which name their sender as one does.
  const pending = await tenantQuery<PendingInbound>(
    tx,
    tenantId,
    `SELECT id, provider, coalesce(payload->'message', payload->'opt_out') AS message,
            payload->'logged'->>'lead_id' AS logged_lead FROM webhook_events
      WHERE tenant_id = $1 AND processed_at IS NULL AND kind <> 'status'
        AND ((kind = 'inbound' AND NOT payload->'message' ? 'bounce') OR kind = 'opt_out')`,
    [],
  );
  // A message logged by hand is the lead's it was logged on, whatever address it names (none, on a channel the
  // lead has no address on).
  const ids = pending
    .filter(({ message }) => typeof message?.from === 'string' && typeof message.channel === 'string')
    .filter(
      ({ message, logged_lead }) =>
        logged_lead === leadId ||
        identitiesOf(senderAddress(message as InboundMessage)).some((i) =>
          theirs.has(`${i.channel}\n${i.address}`),
        ),
    )
    .map((e) => e.id);
  if (!ids.length) return 0;
  const locked = await tenantQuery<PendingInbound>(
    tx,
    tenantId,
    `SELECT id, provider, coalesce(payload->'message', payload->'opt_out') AS message FROM webhook_events
      WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND processed_at IS NULL
      FOR UPDATE`,
    [ids],
  );
  if (!locked.length) return 0;
  const files = locked.flatMap(({ provider, message }) =>
    (message?.attachments ?? []).map((_, n) =>
      attachmentId(tenantId, provider, message?.provider_message_id ?? '', n),
    ),
  );
  await deleteUnlinkedFiles(tx, tenantId, files);
  await tenantQuery(
    tx,
    tenantId,
    `WITH erased AS (
       UPDATE webhook_events e SET payload = ${erasedEventPayload('e')}, processed_at = now(), lead_id = NULL
        WHERE e.tenant_id = $1 AND e.id = ANY($2::uuid[])
        RETURNING e.id)
     SELECT count(*)::int AS n FROM erased`,
    [locked.map((e) => e.id)],
  );
  return locked.length;
}

/**
 * The worker's side, first in the transaction that records an inbound message: holds its event (`FOR UPDATE`, so an
 * erasure waits for the message to be recorded, and then scrubs it; and a second job of the same event waits for
 * this one, then finds its message recorded, rather than both holding it while this one writes on it: a STOP's
 * confirmation decision) and answers whether it is still to apply. An event applied by a concurrent job, or erased
 * with its lead, is not.
 */
export async function holdPendingEvent(tx: SqlRunner, tenantId: string, eventId: string): Promise<boolean> {
  const rows = await tenantQuery<{ id: string }>(
    tx,
    tenantId,
    `SELECT id FROM webhook_events WHERE tenant_id = $1 AND id = $2 AND processed_at IS NULL FOR UPDATE`,
    [eventId],
  );
  return rows.length === 1;
}

/** The files a message no longer to be recorded came with, stored but never given it: deleted at once. */
export function dropUnrecordedFiles(
  runner: SqlRunner,
  tenantId: string,
  message: Pick<InboundMessage, 'attachments'>,
): Promise<void> {
  return deleteUnlinkedFiles(
    runner,
    tenantId,
    (message.attachments ?? []).flatMap((a) => (a.id ? [a.id] : [])),
  );
}

/** The inbound files named, unless a message has them already. */
async function deleteUnlinkedFiles(runner: SqlRunner, tenantId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tenantQuery(
    runner,
    tenantId,
    `WITH gone AS (
       DELETE FROM message_attachments
        WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND message_id IS NULL AND campaign_id IS NULL
       RETURNING id)
     SELECT count(*)::int AS n FROM gone`,
    [ids],
  );
}
