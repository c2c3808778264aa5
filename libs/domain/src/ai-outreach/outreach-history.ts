import type { MessageSender } from '@app/db';
import type { HistoryEntry, WriteMessageInput } from '@app/providers';

/** How many of the lead's latest messages (on any channel) the writer reads. */
export const HISTORY_LIMIT = 20;

/** The channels an AI message goes on. */
export type AiChannel = WriteMessageInput['channel'];

/** The body's limit per channel: a few SMS segments, a short chat message, a short email. */
export const MAX_CHARS: Record<AiChannel, number> = {
  sms: 480,
  whatsapp: 1000,
  telegram: 1000,
  email: 2000,
};

/** A message of the conversation as read for the writer. */
export interface HistoryRow {
  direction: 'inbound' | 'outbound';
  sender: MessageSender;
  channel: string;
  content: string | null;
  created_at: Date;
}

/**
 * The conversation as the writer reads it, from rows in the order they were written (oldest first): messages
 * without text (erased, media only) left out.
 */
export function toHistory(rows: readonly HistoryRow[]): HistoryEntry[] {
  return rows
    .filter((r) => r.content?.trim())
    .map((r) => ({
      direction: r.direction,
      sender: r.sender,
      channel: r.channel,
      content: (r.content as string).trim(),
      at: r.created_at.toISOString(),
    }));
}

/**
 * Whether the AI takes the conversation up after a human had it (DESIGN §7.5): a human agent wrote since the last
 * automated (AI or system) message, or control was ceded (`campaign.lead_ceded`, on the platform clock like the
 * automated message's time) since it. `history` is in the order written.
 */
export function resumedAfterCede(history: readonly HistoryEntry[], cededAt: Date | null): boolean {
  const last = lastIndex(history, (h) => h.direction === 'outbound' && h.sender !== 'agent');
  if (history.slice(last + 1).some((h) => h.sender === 'agent')) return true;
  if (!cededAt) return false;
  return last < 0 || cededAt.getTime() > Date.parse(history[last].at);
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** Whether the history holds a message from a human agent (the cede moment is looked up only then). */
export function hasAgentMessage(history: readonly HistoryEntry[]): boolean {
  return history.some((h) => h.sender === 'agent');
}

/** Placeholders a writer must never leave: {{first_name}}, {company}, [First Name], [Your Name]. */
const PLACEHOLDER = /\{\{[^}]*\}\}|\{[a-z]+(?:_[a-z]+)*\}|\[(?:[A-Z][a-z]*)(?: [A-Za-z]+){0,3}\]/;

/** Why a written body must not go: empty, or still holding a template placeholder; null when it may go. */
export function unsendableReason(body: string): string | null {
  if (!body.trim()) return 'the body is empty';
  const found = PLACEHOLDER.exec(body);
  return found ? `the body holds the placeholder ${found[0]}` : null;
}

/**
 * A short form of the history for the interaction's input: who said what (and where, when not on `channel`, the
 * channel written on), each clipped.
 */
export function historyDigest(history: readonly HistoryEntry[], channel: string, chars = 160): string[] {
  return history.map((h) => {
    const who = h.channel && h.channel !== channel ? `${h.sender} (${h.channel})` : h.sender;
    return `${who}: ${h.content.length > chars ? `${h.content.slice(0, chars)}…` : h.content}`;
  });
}
