import type { MessageStatus } from '@app/db';
import type { DeliveryStatus } from '@app/providers';

/** How far a send has got: a status callback only ever moves a message up this order (DESIGN §7.6, issue 4). */
const RANK: Partial<Record<MessageStatus, number>> = {
  queued: 0,
  sending: 1,
  // We did not know whether it went out; any report from the provider says more.
  unknown: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

/** The message status a provider's delivery status maps to: `undelivered` ends a send like `failed`. */
export function messageStatusOf(status: DeliveryStatus): MessageStatus {
  return status === 'undelivered' ? 'failed' : status;
}

/**
 * Whether a message in `from` may move to `to`: forward only; `failed` ends a send that was not yet delivered;
 * `failed` and `received` (inbound) never move.
 */
export function canMove(from: MessageStatus, to: MessageStatus): boolean {
  const current = RANK[from];
  if (current === undefined) return false;
  if (to === 'failed') return current < RANK.delivered!;
  const next = RANK[to];
  return next !== undefined && next > current;
}

const ALL: MessageStatus[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'received',
];

/** The statuses a message may be in for a callback to move it to `to` (the guard of the UPDATE). */
export function statusesBefore(to: MessageStatus): MessageStatus[] {
  return ALL.filter((from) => canMove(from, to));
}

/**
 * Whether a provider's delivery status can never move any message (`queued`, and Twilio's `accepted` /
 * `scheduled`: the lowest rank, which every outbound message is at or past when its callback can arrive). Such a
 * callback is settled at intake: recorded already applied, with nothing of the person (WebhookIntakeService).
 */
export function movesNoMessage(status: DeliveryStatus): boolean {
  return statusesBefore(messageStatusOf(status)).length === 0;
}
