import { SqlRunner, tenantQuery } from '@app/db';
import type { InboundMessage, MessagingChannel, ProviderOptOut, StatusUpdate } from '@app/providers';

/**
 * What a verified webhook records in webhook_events.payload, one row per provider event: the normalised item the
 * worker applies, and the raw fields it came from (kept for audit and replays).
 */
export type RecordedEvent =
  | {
      kind: 'status';
      /** Our message id from the callback URL (`?messageId=`), when the provider echoes it. */
      message_id: string | null;
      update: StatusUpdate;
      raw: unknown;
    }
  | {
      kind: 'inbound';
      channel: MessagingChannel;
      message: InboundMessage;
      raw: unknown;
      /** A message a user logged by hand (provider `manual`): the lead it is on and who logged it. */
      logged?: LoggedBy;
    }
  /** An opt-out the provider told of with no message (a Telegram user blocked the bot). */
  | { kind: 'opt_out'; channel: MessagingChannel; opt_out: ProviderOptOut; raw: unknown };

/** A message a user logged by hand: the lead they logged it on, and who logged it (a user, or an API key). */
export interface LoggedBy {
  lead_id: string;
  user_id: string | null;
  api_key_id: string | null;
}

/** The provider of a message a user logged by hand (it came through another channel: no provider knows it). */
export const MANUAL_PROVIDER = 'manual';

/**
 * SQL for the payload an event keeps once its lead is erased (GDPR Art. 17): its kind and the mark, nothing of the
 * person (numbers, text, names). The row itself stays, so a provider's retry of it is still recognised.
 * `alias` names webhook_events in the statement.
 */
export function erasedEventPayload(alias: string): string {
  return `jsonb_build_object('kind', ${alias}.kind, 'erased', true)`;
}

/**
 * Marks an event applied, with the lead it was applied to (null: none). Only the first marking counts: an event
 * already marked (by a retry's twin, or the sweep) keeps its first lead.
 */
export async function markEventApplied(
  sql: SqlRunner,
  tenantId: string,
  eventId: string,
  leadId: string | null,
): Promise<void> {
  await tenantQuery(
    sql,
    tenantId,
    `WITH done AS (
       UPDATE webhook_events SET processed_at = now(), lead_id = $3
        WHERE tenant_id = $1 AND id = $2 AND processed_at IS NULL
        RETURNING id)
     SELECT id FROM done`,
    [eventId, leadId],
  );
}

/** One event to record: its idempotency key within (tenant, provider) and its payload. */
export interface EventToRecord {
  event_key: string;
  event: RecordedEvent;
}

/** The key that makes a provider's redelivery of the same status the same event. */
export function statusEventKey(update: StatusUpdate): string {
  return `status:${update.provider_message_id}:${update.status}`.slice(0, 255);
}

export function inboundEventKey(message: InboundMessage): string {
  return `inbound:${message.provider_message_id}`.slice(0, 255);
}

/** The key that makes a provider's redelivery of the same opt-out (Telegram's update) the same event. */
export function optOutEventKey(optOut: ProviderOptOut): string {
  return `opt_out:${optOut.channel}:${optOut.event_id}`.slice(0, 255);
}
