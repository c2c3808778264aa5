import type { MessageEntity } from '@app/db';
import type { LiveEventPayloads } from '@app/events';

/** What the `message.status` event tells of a message. */
export type MessageStatusFields = Pick<
  MessageEntity,
  'id' | 'conversationId' | 'leadId' | 'channel' | 'status' | 'providerMessageId' | 'errorCode'
>;

/** The `message.status` live event of a message as it now is. */
export function messageStatusEvent(m: MessageStatusFields, at: Date): LiveEventPayloads['message.status'] {
  return {
    message_id: m.id,
    conversation_id: m.conversationId,
    lead_id: m.leadId,
    channel: m.channel,
    status: m.status,
    provider_message_id: m.providerMessageId,
    error_code: m.errorCode,
    timestamp: at.toISOString(),
  };
}
