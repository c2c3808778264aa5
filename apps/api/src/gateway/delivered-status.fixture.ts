import type { LiveEventPayloads } from '@app/events';

/** A `message.status` payload (delivered) whose message id is `marker`, for specs that watch which events arrive. */
export function deliveredStatus(conversationId: string, marker: string): LiveEventPayloads['message.status'] {
  return {
    message_id: marker,
    conversation_id: conversationId,
    lead_id: null,
    channel: 'sms',
    status: 'delivered',
    provider_message_id: null,
    error_code: null,
    timestamp: new Date().toISOString(),
  };
}
