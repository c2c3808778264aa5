import { attachmentFileName, attachmentType } from '../attachment-names';
import type { InboundAttachment, InboundMessage, ProviderOptOut } from '../messaging.port';
import { listOf, objectOf } from '../payload-fields';
import { checklistText, contactsText, placeText, pollText, UNSUPPORTED_BODY } from '../shared-content';
import { telegramMessageId } from './telegram-credentials';

/** A Bot API file object (PhotoSize, Document, Audio, Voice, Video, VideoNote, Sticker): the fields read. */
interface BotFile {
  file_id?: string;
  file_name?: string;
  mime_type?: string;
}

/**
 * The part of a Bot API `Update` we read: `message` with its chat, sender, date, text or caption, and file;
 * `edited_message` (the same message as the user edited it, with its `edit_date`); and `my_chat_member` (the bot's
 * own membership in a chat changed) with its chat, date and new status.
 */
interface Update {
  update_id?: number;
  my_chat_member?: {
    chat?: { id?: number | string; type?: string };
    date?: number;
    new_chat_member?: { status?: string };
  };
  edited_message?: Update['message'];
  message?: {
    message_id?: number;
    from?: { id?: number; first_name?: string; last_name?: string; username?: string };
    chat?: { id?: number | string; type?: string };
    date?: number;
    /** When the message was last edited (Unix seconds): set on an `edited_message`. */
    edit_date?: number;
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
    /** A shared point; also set, for backward compatibility, on a venue's message. */
    location?: BotLocation;
    venue?: { location?: BotLocation; title?: string; address?: string };
    contact?: { phone_number?: string; first_name?: string; last_name?: string; vcard?: string };
    poll?: { question?: string; options?: { text?: string }[] };
    /** A checklist (Bot API 9.1): its title and tasks. */
    checklist?: { title?: string; tasks?: { text?: string }[] };
    dice?: { emoji?: string; value?: number };
    /** A forwarded story: the chat that posted it and its id, nothing of its content. */
    story?: { chat?: { id?: number }; id?: number };
  };
}

interface BotLocation {
  latitude?: number;
  longitude?: number;
}

type BotMessage = NonNullable<Update['message']>;

/**
 * Service messages a private chat with the bot can hold: the user pinned a message, set the chat's auto-delete
 * timer or background, or let a web app write to them. Telegram sends each as a `message`; none is anything the
 * person said, so none is an inbound message (a reply, an unread, a stopped sequence).
 */
const SERVICE_FIELDS = [
  'pinned_message',
  'message_auto_delete_timer_changed',
  'chat_background_set',
  'write_access_allowed',
] as const;

/** A forwarded story: the Bot API gives only who posted it and its id, so the agent is told one came. */
const STORY_BODY = '[story]';

/** The type of a file Telegram gives none for: a photo is a JPEG, a voice note OGG/Opus, a static sticker WebP. */
const DEFAULT_TYPES = {
  photo: 'image/jpeg',
  voice: 'audio/ogg',
  video_note: 'video/mp4',
  sticker: 'image/webp',
} as const;

/**
 * A webhook `Update` carrying a new `message` in a private chat as an inbound message from its chat (`from` is the
 * chat id, as a string, which is also where replies go), or an `edited_message` as one more (editOf); a group's
 * messages, callbacks and other update kinds yield none, as does a service message (SERVICE_FIELDS). A file (the
 * largest size of a photo, a document, audio, voice, video, video note or sticker) is an attachment named by its
 * `file_id`, downloaded through getFile (fetchMedia). A shared place or contact, a poll, a dice roll or a forwarded
 * story is written out as the body (sharedText); a message with nothing we can show (a kind Telegram added after
 * this parser, a giveaway, a place with impossible coordinates) reads UNSUPPORTED_BODY, as a WhatsApp one does.
 */
export function parseTelegramUpdate(payload: unknown, botId: string, now: Date): InboundMessage[] {
  const update = payload as Update | null;
  if (!update || typeof update !== 'object') return [];
  if (update.message === undefined) return editOf(update.edited_message, botId, now);
  return messageOf(update.message, botId, now);
}

/**
 * A user's edit of their message, as a message of its own: what they wrote now (its text or caption, without the
 * files the original carried, already received), received at its `edit_date`, under the original's id and that
 * date, so that each edit is recorded once (a redelivery of it is the same message) and goes through the opt-out
 * keywords and the classification as any message does: an edit to "STOP" opts the person out. An edit that writes
 * nothing (a live location moving, a file replaced without a caption) or that has no edit date yields none.
 */
function editOf(message: BotMessage | undefined, botId: string, now: Date): InboundMessage[] {
  if (!message || typeof message !== 'object') return [];
  const editDate = message.edit_date;
  const written = typeof message.text === 'string' || typeof message.caption === 'string';
  if (!written || typeof editDate !== 'number' || !Number.isSafeInteger(editDate)) return [];
  return messageOf(message, botId, now).map(({ attachments: _files, ...edited }) => ({
    ...edited,
    provider_message_id: `${edited.provider_message_id}:edit:${editDate}`,
    received_at: dateOf(editDate, now),
  }));
}

function messageOf(message: BotMessage | undefined, botId: string, now: Date): InboundMessage[] {
  if (!message || typeof message !== 'object') return [];
  // A group's (or a channel's) chat is no person: its messages are no lead's, and a reply would go to all of it.
  if (message.chat?.type !== undefined && message.chat.type !== 'private') return [];
  const chatId = idOf(message.chat?.id);
  const messageId = idOf(message.message_id);
  if (chatId === undefined || messageId === undefined) return [];
  const sender = message.from && typeof message.from === 'object' ? message.from : undefined;
  const username = typeof sender?.username === 'string' && sender.username ? sender.username : undefined;
  const name =
    [sender?.first_name, sender?.last_name].filter((n) => typeof n === 'string' && n).join(' ') || username;
  const attachments = filesOf(message);
  const written =
    [message.text, message.caption].find((t): t is string => typeof t === 'string') ??
    sharedText(message) ??
    '';
  const service = SERVICE_FIELDS.some((field) => (message as Record<string, unknown>)[field] !== undefined);
  if (service && !written && !attachments.length) return [];
  const body = written === '' && !attachments.length ? UNSUPPORTED_BODY : written;
  return [
    {
      channel: 'telegram',
      from: chatId,
      to: botId,
      body,
      provider_message_id: telegramMessageId(botId, chatId, messageId),
      ...(name ? { sender_name: name } : {}),
      ...(username ? { sender_handle: `@${username}`.slice(0, 64) } : {}),
      ...(attachments.length ? { attachments } : {}),
      // A date outside Date's range is no time: the message is dated when it came.
      received_at: dateOf(message.date, now),
    },
  ];
}

/**
 * A webhook `Update` telling that a user blocked the bot (`my_chat_member` in a private chat whose new status is
 * `kicked`) as that chat's opt-out, keyed by the bot and the update's id so that a redelivery is the same event.
 * An unblock (`member` again) is none: the user's /start that follows is read as START. A group's membership, any
 * other update, or one with no update id or chat id yields none.
 */
export function parseTelegramBlock(payload: unknown, botId: string, now: Date): ProviderOptOut[] {
  const update = payload as Update | null;
  const change = update && typeof update === 'object' ? update.my_chat_member : undefined;
  if (!change || typeof change !== 'object') return [];
  const chat = change.chat && typeof change.chat === 'object' ? change.chat : undefined;
  const status =
    change.new_chat_member && typeof change.new_chat_member === 'object'
      ? change.new_chat_member.status
      : undefined;
  if (chat?.type !== 'private' || status !== 'kicked') return [];
  const chatId = idOf(chat.id);
  const updateId = idOf(update?.update_id);
  if (chatId === undefined || updateId === undefined) return [];
  return [
    {
      channel: 'telegram',
      from: chatId,
      event_id: `${botId}:${updateId}`,
      occurred_at: dateOf(change.date, now),
    },
  ];
}

/**
 * What the user shared without writing, as text (shared-content): a venue (`venue: { location, title, address }`,
 * its message also carrying the `location`), a point (`location: { latitude, longitude }`), or a contact
 * (`contact: { phone_number, first_name, last_name, vcard }`, emails read from the vCard's EMAIL lines); a poll
 * (`poll: Poll { question, options: [PollOption { text, voter_count }] }`), a dice roll (`dice: Dice { emoji, value }`,
 * 1-6 for 🎲 🎯 🎳, 1-5 for 🏀 ⚽, 1-64 for 🎰) as `<emoji> Dice: <value>`, a checklist (`checklist: Checklist { title,
 * tasks: [ChecklistTask { text }] }`), or a forwarded story (`story: Story { chat,
 * id }`, which carries none of the story's content) as STORY_BODY.
 */
function sharedText(message: BotMessage): string | undefined {
  const poll = objectOf(message.poll);
  if (poll)
    return pollText(
      poll.question,
      listOf<{ text?: unknown }>(poll.options).map((o) => o.text),
    );
  const checklist = objectOf(message.checklist);
  if (checklist)
    return checklistText(
      checklist.title,
      listOf<{ text?: unknown }>(checklist.tasks).map((t) => t.text),
    );
  const dice = objectOf(message.dice);
  if (dice) return diceText(dice.emoji, dice.value);
  if (objectOf(message.story)) return STORY_BODY;
  const venue = objectOf(message.venue);
  const point = objectOf(venue?.location) ?? objectOf(message.location);
  if (point)
    return placeText({
      latitude: point.latitude,
      longitude: point.longitude,
      name: venue?.title,
      address: venue?.address,
    });
  const contact = objectOf(message.contact);
  if (!contact) return undefined;
  const name = [contact.first_name, contact.last_name].filter((n) => typeof n === 'string' && n).join(' ');
  const vcard = typeof contact.vcard === 'string' ? contact.vcard : '';
  const emails = [...vcard.matchAll(/^EMAIL[^:\r\n]*:([^\r\n]+)$/gim)].map((m) => m[1]);
  return contactsText([{ name, phones: [contact.phone_number], emails }]);
}

/** `<emoji> Dice: <value>` (🎲 when the emoji is none); `<emoji> Dice` when its value is no whole number. */
function diceText(emoji: unknown, value: unknown): string {
  const face = typeof emoji === 'string' && /^\S{1,8}$/u.test(emoji) ? emoji : '🎲';
  return Number.isSafeInteger(value) ? `${face} Dice: ${String(value)}` : `${face} Dice`;
}

/** A Bot API date (Unix seconds) as ISO 8601; `now` when it is none, or outside Date's range (±8.64e15 ms). */
function dateOf(seconds: unknown, now: Date): string {
  const ms = typeof seconds === 'number' ? seconds * 1000 : NaN;
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : now.toISOString();
}

/** A chat or message id: Telegram's integer (or a string of one); anything else is none. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return value;
  return undefined;
}

function filesOf(message: BotMessage): InboundAttachment[] {
  const sticker = message.sticker;
  const stickerType = sticker?.is_video
    ? 'video/webm'
    : sticker?.is_animated
      ? 'application/x-tgsticker'
      : undefined;
  const photos = Array.isArray(message.photo) ? message.photo : [];
  const files: [unknown, string | undefined][] = [
    [photos[photos.length - 1], DEFAULT_TYPES.photo],
    [message.document, undefined],
    [message.audio, undefined],
    [message.voice, DEFAULT_TYPES.voice],
    [message.video, undefined],
    [message.video_note, DEFAULT_TYPES.video_note],
    [sticker, stickerType ?? DEFAULT_TYPES.sticker],
  ];
  return files.flatMap(([given, type]) => {
    const file = given && typeof given === 'object' ? (given as BotFile) : undefined;
    if (typeof file?.file_id !== 'string' || !file.file_id) return [];
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return [
      {
        filename: attachmentFileName(text(file.file_name)),
        content_type: attachmentType(text(file.mime_type) ?? type),
        source: file.file_id,
      },
    ];
  });
}
