import { Logger } from '@nestjs/common';
import {
  InboundMessage,
  MessageTemplate,
  MessagingPort,
  OutboundMessage,
  SendResult,
  SentLookup,
  StatusUpdate,
} from '../messaging.port';
import { attachmentType } from '../attachment-names';
import { joinUrl, requestJson } from '../http/json-http';
import { downloadMedia, FetchedMedia } from '../http/media-download';
import { MediaKind, mediaKindIn } from '../media-kind';
import { systemNow, type Now } from '../now';
import { ProviderError } from '../provider-error';
import { toWaId, graphBaseUrl, WhatsAppCloudCredentials } from './whatsapp-cloud-credentials';
import { whatsappCloudError } from './whatsapp-cloud-error.mapper';
import { parseWhatsAppCloudInbound, parseWhatsAppCloudStatuses } from './whatsapp-cloud-webhook.parser';
import type { EgressPolicy, FetchLike } from '../http/egress-policy';

export interface WhatsAppCloudAdapterOptions {
  now?: Now;
  /** Set for a tenant's own endpoint: its connections are checked against the egress policy. */
  egress?: EgressPolicy;
}

/** The send-message answer: `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id }] }`. */
interface SendResponse {
  messages?: { id?: string; message_status?: string }[];
}

/**
 * Meta's WhatsApp Cloud API over HTTPS: text, approved templates and media by link through
 * `POST /{phone_number_id}/messages`; webhook payloads parsed from `entry[].changes[].value`. Meta has no list of
 * sent messages, so `lookupSent` answers undefined.
 */
export class WhatsAppCloudMessagingAdapter extends MessagingPort {
  readonly provider = 'whatsapp_cloud' as const;
  private readonly logger = new Logger(WhatsAppCloudMessagingAdapter.name);
  private readonly now: Now;
  private readonly fetch?: FetchLike;

  constructor(
    private readonly credentials: WhatsAppCloudCredentials,
    options: WhatsAppCloudAdapterOptions = {},
  ) {
    super();
    if (!credentials.access_token || !credentials.phone_number_id) {
      throw new Error('WhatsApp Cloud credentials need access_token and phone_number_id');
    }
    this.now = options.now ?? systemNow;
    this.fetch = options.egress?.fetch;
  }

  /**
   * A received file: `GET /{media-id}` answers `{ url, mime_type, sha256, file_size, id }`, and the URL (valid for
   * five minutes) gives the bytes, both with the access token.
   */
  override async fetchMedia(source: string, maxBytes: number): Promise<FetchedMedia> {
    const base = graphBaseUrl(this.credentials);
    const headers = { authorization: `Bearer ${this.credentials.access_token}` };
    const response = await requestJson({
      provider: 'whatsapp_cloud',
      fetch: this.fetch,
      method: 'GET',
      url: joinUrl(base, encodeURIComponent(source)),
      headers,
      timeoutMs: this.credentials.timeout_ms,
    });
    if (response.status < 200 || response.status >= 300) {
      throw whatsappCloudError(response.status, response.body, response.headers, this.now());
    }
    const media = response.body as { url?: unknown; mime_type?: unknown } | undefined;
    if (typeof media?.url !== 'string' || !/^https?:\/\//.test(media.url)) {
      throw ProviderError.invalidResponse(
        'whatsapp_cloud',
        'WhatsApp Cloud answered a media id without a URL',
      );
    }
    const file = await downloadMedia({
      provider: 'whatsapp_cloud',
      fetch: this.fetch,
      url: media.url,
      headers,
      maxBytes,
      timeoutMs: this.credentials.timeout_ms,
    });
    // Meta's type, kept only as a clean `type/subtype` (it is stored, and served back with the file).
    const metaType = attachmentType(media.mime_type);
    return { ...file, content_type: metaType === 'application/octet-stream' ? file.content_type : metaType };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'whatsapp') {
      throw ProviderError.unsupported(
        'whatsapp_cloud',
        `WhatsApp Cloud does not carry the ${message.channel} channel`,
      );
    }
    const payload = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: toWaId(message.to),
      ...content(message),
      // Echoed in every status of this message: a status finds our row even when its id was never stored.
      biz_opaque_callback_data: message.message_id.slice(0, 512),
    };
    const base = graphBaseUrl(this.credentials);
    const response = await requestJson({
      provider: 'whatsapp_cloud',
      fetch: this.fetch,
      method: 'POST',
      url: joinUrl(base, `${encodeURIComponent(this.credentials.phone_number_id)}/messages`),
      headers: { authorization: `Bearer ${this.credentials.access_token}` },
      body: payload,
      timeoutMs: this.credentials.timeout_ms,
    });
    if (response.status < 200 || response.status >= 300) {
      throw whatsappCloudError(response.status, response.body, response.headers, this.now());
    }
    const id = (response.body as SendResponse | undefined)?.messages?.[0]?.id;
    if (!id)
      throw ProviderError.invalidResponse('whatsapp_cloud', 'WhatsApp Cloud answered without a message id');
    return { provider_message_id: id, status: 'queued' };
  }

  parseStatus(payload: unknown): StatusUpdate[] {
    return parseWhatsAppCloudStatuses(payload, this.credentials.phone_number_id);
  }

  parseInbound(payload: unknown): InboundMessage[] {
    // A notice (a changed number, a chat opened) is no message: logged without the user's number or name.
    return parseWhatsAppCloudInbound(payload, this.now(), this.credentials.phone_number_id, (notice) =>
      this.logger.log(
        `WhatsApp notice ${notice.kind} (${notice.provider_message_id}) acknowledged, not recorded`,
      ),
    );
  }

  /** Meta keeps no list of sent messages: nothing to reconcile against. */
  async lookupSent(): Promise<SentLookup[] | undefined> {
    return undefined;
  }
}

/**
 * The type-specific part of a send: `text`, `template` (its media, if any, as the template's media header) or one
 * media object (image, video, audio, document).
 */
/**
 * The types WhatsApp takes as images (JPEG, PNG), videos (MP4, 3GPP) and audio (AAC, AMR, MP3, M4A, OGG/Opus), as
 * Meta's supported-media table lists them; anything else (a GIF, a WebP, a MOV, a PDF) goes as a document.
 */
const WHATSAPP_MEDIA: Readonly<Record<string, MediaKind>> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  mp4: 'video',
  '3gp': 'video',
  aac: 'audio',
  amr: 'audio',
  mp3: 'audio',
  m4a: 'audio',
  ogg: 'audio',
  oga: 'audio',
  opus: 'audio',
};

const whatsappMediaKind = (url: string): MediaKind => mediaKindIn(url, WHATSAPP_MEDIA, 'document');

function content(message: OutboundMessage): Record<string, unknown> {
  const media = message.media_urls ?? [];
  if (media.length > 1) {
    throw ProviderError.unsupported('whatsapp_cloud', 'WhatsApp Cloud sends one media per message');
  }
  if (message.template) return { type: 'template', template: templatePayload(message.template, media[0]) };
  if (media.length === 1) {
    const kind = whatsappMediaKind(media[0]);
    const object: Record<string, string> = { link: media[0] };
    if (message.body && kind !== 'audio') object.caption = message.body;
    if (kind === 'document') object.filename = fileName(media[0]);
    return { type: kind, [kind]: object };
  }
  if (!message.body)
    throw ProviderError.unsupported('whatsapp_cloud', 'A message needs a body, a template or media');
  return { type: 'text', text: { preview_url: false, body: message.body } };
}

/**
 * Positional variables ("1", "2"...) in order, else named ones (`parameter_name`), as body parameters; a media
 * URL as the header parameter of a template with an image, video or document header (a document with its name).
 */
function templatePayload(template: MessageTemplate, media: string | undefined): Record<string, unknown> {
  const entries = Object.entries(template.variables ?? {});
  const positional = entries.every(([key]) => /^\d+$/.test(key));
  const parameters = positional
    ? entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, text]) => ({ type: 'text', text }))
    : entries.map(([name, text]) => ({ type: 'text', parameter_name: name, text }));
  const components: Record<string, unknown>[] = [];
  if (media) {
    const kind = whatsappMediaKind(media);
    if (kind === 'audio')
      throw ProviderError.unsupported(
        'whatsapp_cloud',
        'A template header holds an image, a video or a document',
      );
    const object: Record<string, string> = { link: media };
    if (kind === 'document') object.filename = fileName(media);
    components.push({ type: 'header', parameters: [{ type: kind, [kind]: object }] });
  }
  if (parameters.length) components.push({ type: 'body', parameters });
  return {
    name: template.name,
    language: { code: template.language },
    ...(components.length ? { components } : {}),
  };
}

function fileName(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : 'document';
  } catch {
    return 'document';
  }
}
