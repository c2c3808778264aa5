import type { InboundMessage } from '../messaging.port';
import { telegramMessageId } from './telegram-credentials';

/** The part of a Bot API `Update` we read: `message` with its chat, sender, date and text or caption. */
interface Update {
  update_id?: number;
  message?: {
    message_id?: number;
    from?: { id?: number; first_name?: string; last_name?: string; username?: string };
    chat?: { id?: number | string; type?: string };
    date?: number;
    text?: string;
    caption?: string;
  };
}

/**
 * A webhook `Update` carrying a new `message` as an inbound message from its chat (`from` is the chat id, as a
 * string, which is also where replies go); edits, callbacks and other update kinds yield none.
 */
export function parseTelegramUpdate(payload: unknown, botId: string, now: Date): InboundMessage[] {
  const update = payload as Update | null;
  const message = update && typeof update === 'object' ? update.message : undefined;
  const chatId = message?.chat?.id;
  if (!message || chatId === undefined || message.message_id === undefined) return [];
  const sender = message.from;
  const name = [sender?.first_name, sender?.last_name].filter(Boolean).join(' ') || sender?.username;
  return [
    {
      channel: 'telegram',
      from: String(chatId),
      to: botId,
      body: message.text ?? message.caption ?? '',
      provider_message_id: telegramMessageId(chatId, message.message_id),
      ...(name ? { sender_name: name } : {}),
      received_at:
        typeof message.date === 'number' ? new Date(message.date * 1000).toISOString() : now.toISOString(),
    },
  ];
}
