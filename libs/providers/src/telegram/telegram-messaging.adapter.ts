import {
  InboundMessage,
  MessagingPort,
  OutboundMessage,
  ProviderOptOut,
  SendResult,
  SentLookup,
  StatusUpdate,
} from '../messaging.port';
import { joinUrl, requestJson } from '../http/json-http';
import { downloadMedia, FetchedMedia } from '../http/media-download';
import { mediaKindIn } from '../media-kind';
import { systemNow, type Now } from '../now';
import { ProviderError, ProviderErrorKind } from '../provider-error';
import {
  TELEGRAM_DEFAULT_BASE_URL,
  TelegramCredentials,
  telegramBotId,
  telegramMessageId,
} from './telegram-credentials';
import { parseTelegramBlock, parseTelegramUpdate } from './telegram-update.parser';
import type { EgressPolicy, FetchLike } from '../http/egress-policy';

/** The Bot API method and its file field for a media URL, by extension (a GIF is an animation, not a photo). */
type TelegramMedia = readonly [method: string, field: string];
const TELEGRAM_DOCUMENT: TelegramMedia = ['sendDocument', 'document'];
const TELEGRAM_MEDIA: Readonly<Record<string, TelegramMedia>> = {
  jpg: ['sendPhoto', 'photo'],
  jpeg: ['sendPhoto', 'photo'],
  png: ['sendPhoto', 'photo'],
  webp: ['sendPhoto', 'photo'],
  gif: ['sendAnimation', 'animation'],
  mp4: ['sendVideo', 'video'],
  mp3: ['sendAudio', 'audio'],
  m4a: ['sendAudio', 'audio'],
  ogg: ['sendVoice', 'voice'],
  oga: ['sendVoice', 'voice'],
  opus: ['sendVoice', 'voice'],
};

export interface TelegramAdapterOptions {
  now?: Now;
  /** Set for a tenant's own endpoint: its connections are checked against the egress policy. */
  egress?: EgressPolicy;
}

/** Every Bot API answer: `{ ok: true, result }` or `{ ok: false, error_code, description, parameters }`. */
interface BotApiResponse {
  ok?: boolean;
  result?: { message_id?: number; chat?: { id?: number | string } };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/**
 * The Telegram Bot API: `sendMessage`, and a media URL by its type: `sendPhoto`, `sendAnimation` (a GIF), `sendVideo`,
 * `sendAudio`, `sendVoice` (OGG/Opus), else `sendDocument`, to a chat id.
 * Telegram reports no delivery statuses and keeps no list of sent messages: `parseStatus` finds none and
 * `lookupSent` answers undefined. Provider message ids are `<bot_id>:<chat_id>:<message_id>`.
 */
export class TelegramMessagingAdapter extends MessagingPort {
  readonly provider = 'telegram' as const;
  private readonly now: Now;
  private readonly fetch?: FetchLike;

  constructor(
    private readonly credentials: TelegramCredentials,
    options: TelegramAdapterOptions = {},
  ) {
    super();
    if (!credentials.bot_token || !credentials.bot_token.includes(':')) {
      throw new Error('Telegram credentials need a bot_token of the form <bot id>:<secret>');
    }
    this.now = options.now ?? systemNow;
    this.fetch = options.egress?.fetch;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'telegram') {
      throw ProviderError.unsupported('telegram', `Telegram does not carry the ${message.channel} channel`);
    }
    const [method, params] = this.call(message);
    const base = this.credentials.base_url ?? TELEGRAM_DEFAULT_BASE_URL;
    const response = await requestJson({
      provider: 'telegram',
      fetch: this.fetch,
      method: 'POST',
      url: joinUrl(base, `bot${this.credentials.bot_token}/${method}`),
      body: params,
      timeoutMs: this.credentials.timeout_ms,
    });
    const body = response.body as BotApiResponse | undefined;
    if (response.status < 200 || response.status >= 300 || body?.ok !== true)
      throw this.error(response.status, body);
    const messageId = body.result?.message_id;
    const chatId = body.result?.chat?.id ?? message.to;
    if (messageId === undefined)
      throw ProviderError.invalidResponse('telegram', 'Telegram answered without message_id');
    return {
      provider_message_id: telegramMessageId(telegramBotId(this.credentials.bot_token), chatId, messageId),
      status: 'sent',
    };
  }

  /**
   * A received file: `getFile` answers its `file_path`, and `/file/bot<token>/<file_path>` gives the bytes (the
   * Bot API serves files up to 20 MB).
   */
  override async fetchMedia(source: string, maxBytes: number): Promise<FetchedMedia> {
    const base = this.credentials.base_url ?? TELEGRAM_DEFAULT_BASE_URL;
    const response = await requestJson({
      provider: 'telegram',
      fetch: this.fetch,
      method: 'POST',
      url: joinUrl(base, `bot${this.credentials.bot_token}/getFile`),
      body: { file_id: source },
      timeoutMs: this.credentials.timeout_ms,
    });
    const body = response.body as (BotApiResponse & { result?: { file_path?: unknown } }) | undefined;
    if (response.status < 200 || response.status >= 300 || body?.ok !== true)
      throw this.error(response.status, body);
    const path = body.result?.file_path;
    if (typeof path !== 'string' || !path)
      throw ProviderError.invalidResponse('telegram', 'Telegram answered getFile without a file_path');
    return downloadMedia({
      provider: 'telegram',
      fetch: this.fetch,
      url: joinUrl(
        base,
        `file/bot${this.credentials.bot_token}/${path.split('/').map(encodeURIComponent).join('/')}`,
      ),
      maxBytes,
      timeoutMs: this.credentials.timeout_ms,
    });
  }

  parseStatus(_payload: unknown): StatusUpdate[] {
    return [];
  }

  parseInbound(payload: unknown): InboundMessage[] {
    return parseTelegramUpdate(payload, telegramBotId(this.credentials.bot_token), this.now());
  }

  /** A user blocking the bot (`my_chat_member`, `kicked`). */
  override parseOptOuts(payload: unknown): ProviderOptOut[] {
    return parseTelegramBlock(payload, telegramBotId(this.credentials.bot_token), this.now());
  }

  async lookupSent(): Promise<SentLookup[] | undefined> {
    return undefined;
  }

  private call(message: OutboundMessage): [string, Record<string, unknown>] {
    if (message.template) {
      throw ProviderError.unsupported('telegram', 'Telegram has no templates: render the text first');
    }
    const format = this.credentials.parse_mode ? { parse_mode: this.credentials.parse_mode } : {};
    const media = message.media_urls ?? [];
    if (media.length > 1)
      throw ProviderError.unsupported('telegram', 'Telegram sends one media per message here');
    if (media.length === 1) {
      const caption = message.body ? { caption: message.body, ...format } : {};
      const [method, field] = mediaKindIn(media[0], TELEGRAM_MEDIA, TELEGRAM_DOCUMENT);
      return [method, { chat_id: message.to, [field]: media[0], ...caption }];
    }
    if (!message.body) throw ProviderError.unsupported('telegram', 'A message needs a body or media');
    return ['sendMessage', { chat_id: message.to, text: message.body, ...format }];
  }

  /** 401 / 404 (an unknown token) are credentials; 403 (blocked by the user, kicked) rejects this chat. */
  private error(status: number, body: BotApiResponse | undefined): ProviderError {
    if (typeof body?.ok !== 'boolean') {
      if (status >= 200 && status < 300)
        return ProviderError.invalidResponse('telegram', 'Telegram answered no JSON');
      return ProviderError.fromHttp('telegram', status);
    }
    const code = body.error_code ?? status;
    let kind: ProviderErrorKind | undefined;
    if (code === 401 || code === 404) kind = 'auth';
    else if (code === 403) kind = 'rejected';
    const retryAfter = body.parameters?.retry_after;
    return ProviderError.fromHttp('telegram', code >= 400 ? code : status, {
      kind,
      message: body.description ? `Telegram ${code}: ${body.description}` : undefined,
      providerCode: String(code),
      retryAfterMs: typeof retryAfter === 'number' ? retryAfter * 1000 : undefined,
    });
  }
}
