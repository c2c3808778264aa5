import { attachmentFileName, attachmentType } from '../attachment-names';
import type { InboundAttachment, InboundMessage } from '../messaging.port';
import { telegramMessageId } from './telegram-credentials';

/** A Bot API file object (PhotoSize, Document, Audio, Voice, Video, VideoNote, Sticker): the fields read. */
interface BotFile {
  file_id?: string;
  file_name?: string;
  mime_type?: string;
}

/** The part of a Bot API `Update` we read: `message` with its chat, sender, date, text or caption, and file. */
interface Update {
  update_id?: number;
  message?: {
    message_id?: number;
    from?: { id?: number; first_name?: string; last_name?: string; username?: string };
    chat?: { id?: number | string; type?: string };
    date?: number;
    text?: string;
    caption?: string;
    /** The sizes of a photo, smallest first. */
    photo?: BotFile[];
    document?: BotFile;
    audio?: BotFile;
    voice?: BotFile;
    video?: BotFile;
    video_note?: BotFile;
    sticker?: BotFile & { is_animated?: boolean; is_video?: boolean };
  };
}

type BotMessage = NonNullable<Update['message']>;

/** The type of a file Telegram gives none for: a photo is a JPEG, a voice note OGG/Opus, a static sticker WebP. */
const DEFAULT_TYPES = {
  photo: 'image/jpeg',
  voice: 'audio/ogg',
  video_note: 'video/mp4',
  sticker: 'image/webp',
} as const;

/**
 * A webhook `Update` carrying a new `message` as an inbound message from its chat (`from` is the chat id, as a
 * string, which is also where replies go); edits, callbacks and other update kinds yield none. A file (the largest
 * size of a photo, a document, audio, voice, video, video note or sticker) is an attachment named by its `file_id`,
 * downloaded through getFile (fetchMedia).
 */
export function parseTelegramUpdate(payload: unknown, botId: string, now: Date): InboundMessage[] {
  const update = payload as Update | null;
  const message = update && typeof update === 'object' ? update.message : undefined;
  const chatId = message?.chat?.id;
  if (!message || chatId === undefined || message.message_id === undefined) return [];
  const sender = message.from;
  const name = [sender?.first_name, sender?.last_name].filter(Boolean).join(' ') || sender?.username;
  const attachments = filesOf(message);
  return [
    {
      channel: 'telegram',
      from: String(chatId),
      to: botId,
      body: message.text ?? message.caption ?? '',
      provider_message_id: telegramMessageId(botId, chatId, message.message_id),
      ...(name ? { sender_name: name } : {}),
      ...(attachments.length ? { attachments } : {}),
      received_at:
        typeof message.date === 'number' ? new Date(message.date * 1000).toISOString() : now.toISOString(),
    },
  ];
}

function filesOf(message: BotMessage): InboundAttachment[] {
  const sticker = message.sticker;
  const stickerType = sticker?.is_video
    ? 'video/webm'
    : sticker?.is_animated
      ? 'application/x-tgsticker'
      : undefined;
  const files: [BotFile | undefined, string | undefined][] = [
    [message.photo?.[message.photo.length - 1], DEFAULT_TYPES.photo],
    [message.document, undefined],
    [message.audio, undefined],
    [message.voice, DEFAULT_TYPES.voice],
    [message.video, undefined],
    [message.video_note, DEFAULT_TYPES.video_note],
    [sticker, stickerType ?? DEFAULT_TYPES.sticker],
  ];
  return files.flatMap(([file, type]) =>
    file?.file_id
      ? [
          {
            filename: attachmentFileName(file.file_name),
            content_type: attachmentType(file.mime_type ?? type),
            source: file.file_id,
          },
        ]
      : [],
  );
}
