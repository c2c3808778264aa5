import { attachmentFileName, attachmentType } from '../attachment-names';
import type { DeliveryStatus, InboundAttachment, InboundMessage, StatusUpdate } from '../messaging.port';
import { fromWaId } from './whatsapp-cloud-credentials';

/** The `value` of one `entry[].changes[]` of a `messages` webhook. */
interface ChangeValue {
  metadata?: { display_phone_number?: string; phone_number_id?: string };
  contacts?: { wa_id?: string; profile?: { name?: string } }[];
  messages?: WebhookMessage[];
  statuses?: WebhookStatus[];
}

interface WebhookMessage {
  from?: string;
  id?: string;
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  image?: WebhookMedia;
  video?: WebhookMedia;
  audio?: WebhookMedia;
  document?: WebhookMedia;
  sticker?: WebhookMedia;
  button?: { text?: string; payload?: string };
  interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string } };
  reaction?: { emoji?: string };
}

/** A media message's file: a Meta media id, its type and hash; a caption (image, video, document), a file name (document). */
interface WebhookMedia {
  id?: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
}

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

interface WebhookStatus {
  id?: string;
  status?: string;
  timestamp?: string;
  recipient_id?: string;
  errors?: { code?: number | string; title?: string; message?: string; error_data?: { details?: string } }[];
}

const STATUS: Record<string, DeliveryStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

/** Every `value` in `entry[].changes[]` of a WhatsApp Business Account webhook; empty for any other payload. */
/**
 * The change values of a webhook, those of business number `phoneNumberId` only when given: one Meta app (one
 * callback URL) serves every number subscribed to it, and another tenant's number must not land here.
 */
function changeValues(payload: unknown, phoneNumberId?: string): ChangeValue[] {
  const body = payload as { object?: unknown; entry?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.entry)) return [];
  if (body.object !== undefined && body.object !== 'whatsapp_business_account') return [];
  const values: ChangeValue[] = [];
  for (const entry of body.entry as { changes?: unknown }[]) {
    if (!entry || !Array.isArray(entry.changes)) continue;
    for (const change of entry.changes as { value?: unknown }[]) {
      if (!change?.value || typeof change.value !== 'object') continue;
      const value = change.value as ChangeValue;
      if (phoneNumberId !== undefined && value.metadata?.phone_number_id !== phoneNumberId) continue;
      values.push(value);
    }
  }
  return values;
}

/** `statuses[]` of a messages webhook: sent, delivered, read, failed (with `errors[0].code` such as 131047). */
export function parseWhatsAppCloudStatuses(payload: unknown, phoneNumberId?: string): StatusUpdate[] {
  const updates: StatusUpdate[] = [];
  for (const value of changeValues(payload, phoneNumberId)) {
    for (const s of value.statuses ?? []) {
      const status = s?.status ? STATUS[s.status] : undefined;
      if (!s?.id || !status) continue;
      const error = s.errors?.[0];
      const message = error ? (error.error_data?.details ?? error.message ?? error.title) : undefined;
      updates.push({
        provider_message_id: s.id,
        status,
        ...(error?.code !== undefined ? { error_code: String(error.code) } : {}),
        ...(message ? { error_message: message } : {}),
        ...(s.recipient_id ? { recipient: fromWaId(s.recipient_id) } : {}),
        ...(s.timestamp ? { occurred_at: unixToIso(s.timestamp) } : {}),
      });
    }
  }
  return updates;
}

/**
 * `messages[]` of a messages webhook. The body is the text, a caption, or the title of a tapped button or list
 * row. A file (image, video, audio, document, sticker) arrives as a Meta media id: an attachment whose `source` it
 * is, downloaded with the access token (fetchMedia).
 */
export function parseWhatsAppCloudInbound(
  payload: unknown,
  now: Date,
  phoneNumberId?: string,
): InboundMessage[] {
  const inbound: InboundMessage[] = [];
  for (const value of changeValues(payload, phoneNumberId)) {
    const to = value.metadata?.display_phone_number
      ? fromWaId(value.metadata.display_phone_number)
      : (value.metadata?.phone_number_id ?? '');
    for (const m of value.messages ?? []) {
      if (!m?.id || !m.from) continue;
      const name = value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name;
      const attachments = mediaOf(m);
      inbound.push({
        channel: 'whatsapp',
        from: fromWaId(m.from),
        to,
        body: messageText(m),
        provider_message_id: m.id,
        ...(name ? { sender_name: name } : {}),
        ...(attachments.length ? { attachments } : {}),
        received_at: m.timestamp ? unixToIso(m.timestamp) : now.toISOString(),
      });
    }
  }
  return inbound;
}

function mediaOf(m: WebhookMessage): InboundAttachment[] {
  return MEDIA_TYPES.flatMap((type) => {
    const media = m[type];
    if (!media?.id) return [];
    return [
      {
        filename: attachmentFileName(media.filename),
        content_type: attachmentType(media.mime_type),
        source: media.id,
      },
    ];
  });
}

function messageText(m: WebhookMessage): string {
  return (
    m.text?.body ??
    m.button?.text ??
    m.interactive?.button_reply?.title ??
    m.interactive?.list_reply?.title ??
    m.image?.caption ??
    m.video?.caption ??
    m.document?.caption ??
    m.reaction?.emoji ??
    ''
  );
}

function unixToIso(seconds: string): string {
  const n = Number(seconds);
  return Number.isFinite(n) ? new Date(n * 1000).toISOString() : new Date(seconds).toISOString();
}
