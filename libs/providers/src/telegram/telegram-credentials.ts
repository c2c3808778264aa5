export const TELEGRAM_DEFAULT_BASE_URL = 'https://api.telegram.org';

/** A tenant's Telegram bot, as stored (decrypted) in its channel config. */
export interface TelegramCredentials {
  /** The bot token from BotFather, `123456789:AA...`; its digits before the colon are the bot's id. */
  bot_token: string;
  /** The Bot API root; default https://api.telegram.org. */
  base_url?: string;
  /** `HTML` or `MarkdownV2` to format texts; plain text when absent. */
  parse_mode?: 'HTML' | 'MarkdownV2';
  timeout_ms?: number;
}

/** The bot's own id, read from its token. */
export function telegramBotId(botToken: string): string {
  return botToken.split(':')[0] ?? '';
}

/**
 * Telegram message ids are unique within one bot's chat only (a private chat's id is the user's, whatever the
 * bot): ours are `<bot_id>:<chat_id>:<message_id>`, so a tenant that swaps its bot never sees a new message taken
 * for one of the old bot's.
 */
export function telegramMessageId(botId: string, chatId: number | string, messageId: number | string): string {
  return `${botId}:${chatId}:${messageId}`;
}
