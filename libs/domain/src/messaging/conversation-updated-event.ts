import type { ConversationEntity } from '@app/db';
import type { LiveEventPayloads } from '@app/events';

/** What the `conversation.updated` event tells of a conversation. */
export type ConversationUpdatedFields = Pick<
  ConversationEntity,
  'id' | 'leadId' | 'channel' | 'status' | 'unreadCount' | 'assignedUserId' | 'aiMode'
>;

/** The `conversation.updated` live event of a conversation as it now stands. */
export function conversationUpdatedEvent(
  c: ConversationUpdatedFields,
  at: Date,
): LiveEventPayloads['conversation.updated'] {
  return {
    conversation_id: c.id,
    lead_id: c.leadId,
    channel: c.channel,
    status: c.status,
    unread_count: c.unreadCount,
    assigned_user_id: c.assignedUserId,
    ai_mode: c.aiMode,
    timestamp: at.toISOString(),
  };
}
