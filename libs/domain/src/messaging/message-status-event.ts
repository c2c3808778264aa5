import type { MessageEntity } from '@app/db';
import type { LiveEventPayloads } from '@app/events';

/** The `message.status` live event of a message as it now is. */
export function messageStatusEvent(m: MessageEntity, at: Date): LiveEventPayloads['message.status'] {
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
