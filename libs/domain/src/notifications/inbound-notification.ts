import type { LeadEntity, MessageEntity } from '@app/db';
import type { NotificationContent } from './notification-writer';

/** How much of the lead's message the notification quotes. */
const PREVIEW_CHARS = 140;

/** A lead wrote in a conversation assigned to a user: that user's notification (type message). */
export function inboundNotification(
  lead: LeadEntity,
  senderAddress: string,
  conversationId: string,
  row: MessageEntity,
): NotificationContent {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || senderAddress;
  // What the lead wrote; an email's subject only when its body is empty (a reply's is most often "Re: " ours).
  const text = (row.content?.trim() ? row.content : (row.subject ?? '')).replace(/\s+/g, ' ').trim();
  const preview = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  return {
    type: 'message',
    title: `New ${row.channel} message from ${name}`,
    message: preview || '[attachment]',
    data: {
      lead_id: lead.id,
      lead_name: name,
      conversation_id: conversationId,
      message_id: row.id,
      channel: row.channel,
    },
    leadId: lead.id,
  };
}
