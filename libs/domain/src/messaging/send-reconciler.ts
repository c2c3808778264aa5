import type { MessageEntity, MessageStatus } from '@app/db';
import type { MessagingChannel, MessagingPort, SentLookup } from '@app/providers';
import type { SentChanges } from './messages.repository';

/** How far before the row's creation a provider's clock may put the send. */
const CLOCK_SKEW_MS = 60_000;

const STATUS_OF: Record<SentLookup['status'], MessageStatus> = {
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

const bare = (address: string) => address.replace(/^whatsapp:/, '').toLowerCase();

/**
 * A send whose outcome was lost, looked up at the provider (DESIGN §7.6): what went to this recipient since the
 * row was made and no other message of ours holds (`held` answers which provider ids do), matched by recipient and
 * time window, and by body wherever the provider gives it. Undefined when the provider has no look-up or no one
 * send matches: the caller marks the message `unknown` and never resends.
 */
export async function reconcileSend(
  port: MessagingPort,
  m: MessageEntity,
  address: string | null,
  held: (providerIds: string[]) => Promise<Set<string>>,
): Promise<SentChanges | undefined> {
  if (!address) return undefined;
  const since = new Date(m.createdAt.getTime() - CLOCK_SKEW_MS);
  const found = await port.lookupSent({ channel: m.channel as MessagingChannel, to: address, since });
  if (!found) return undefined;
  const sent = found.filter((s) => bare(s.to) === bare(address) && Date.parse(s.sent_at) >= since.getTime());
  // Another of our messages to this recipient (sent a moment before) is that message's send, never this one's.
  const taken = await held(sent.map((s) => s.provider_message_id));
  const candidates = sent.filter(
    (s) => !taken.has(s.provider_message_id) && (s.body === undefined || !m.content || s.body === m.content),
  );
  const match = candidates.length === 1 ? candidates[0] : undefined;
  if (!match) return undefined;
  const status = STATUS_OF[match.status];
  return {
    provider_message_id: match.provider_message_id,
    status,
    segments: null,
    error_code: status === 'failed' ? (match.error_code ?? match.status) : null,
  };
}
