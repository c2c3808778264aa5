import { attachmentType } from '../attachment-names';
import type { DeliveryStatus, InboundAttachment, InboundMessage, StatusUpdate } from '../messaging.port';
import { placeText } from '../shared-content';
import { splitTwilioAddress } from './twilio-credentials';

type Form = Record<string, unknown>;

/** Twilio's MessageStatus values and ours; `accepted` / `scheduled` are a Messaging Service's queued states. */
const STATUS: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

export function twilioDeliveryStatus(status: unknown): DeliveryStatus | undefined {
  return typeof status === 'string' ? STATUS[status.toLowerCase()] : undefined;
}

/**
 * A message status callback (form fields `MessageSid`, `MessageStatus`, `ErrorCode`, `To`...; the legacy `SmsSid` /
 * `SmsStatus` too) as a status update. An inbound-message webhook (status `received`) yields none.
 */
export function parseTwilioStatusCallback(form: unknown, now: Date): StatusUpdate[] {
  if (!isForm(form)) return [];
  const sid = field(form, 'MessageSid') ?? field(form, 'SmsSid');
  const status = twilioDeliveryStatus(field(form, 'MessageStatus') ?? field(form, 'SmsStatus'));
  if (!sid || !status) return [];
  const errorCode = field(form, 'ErrorCode');
  const errorMessage = field(form, 'ErrorMessage');
  const to = field(form, 'To');
  return [
    {
      provider_message_id: sid,
      status,
      ...(errorCode && errorCode !== '0' ? { error_code: errorCode } : {}),
      ...(errorMessage ? { error_message: errorMessage } : {}),
      ...(to ? { recipient: splitTwilioAddress(to).address } : {}),
      occurred_at: now.toISOString(),
    },
  ];
}

/**
 * An incoming-message webhook (`MessageSid`, `From`, `To`, `Body`, `NumMedia`, `MediaUrl0` and `MediaContentType0`...,
 * `ProfileName` on WhatsApp) as an inbound message; `whatsapp:` prefixes name the channel and are stripped. Each
 * media URL is also an attachment whose `source` it is (fetchMedia keeps the file: Twilio's URL may need the
 * account's credentials, and goes when the message's media are deleted). A shared place (WhatsApp: `Latitude`,
 * `Longitude`, `Address`, `Label`, its `Body` empty; twilio.com/docs/messaging/guides/webhook-request) is written
 * out after the body (shared-content), so it is no empty message.
 */
export function parseTwilioInbound(form: unknown, now: Date): InboundMessage[] {
  if (!isForm(form)) return [];
  const sid = field(form, 'MessageSid') ?? field(form, 'SmsMessageSid') ?? field(form, 'SmsSid');
  const from = field(form, 'From');
  const to = field(form, 'To');
  const status = field(form, 'SmsStatus') ?? field(form, 'MessageStatus');
  if (!sid || !from || !to || (status !== undefined && status !== 'received')) return [];
  const sender = splitTwilioAddress(from);
  const mediaCount = Math.min(Number.parseInt(field(form, 'NumMedia') ?? '0', 10) || 0, 10);
  const files = Array.from({ length: mediaCount }, (_, i) => ({
    url: field(form, `MediaUrl${i}`),
    type: field(form, `MediaContentType${i}`),
  })).filter((f): f is { url: string; type: string | undefined } => !!f.url);
  const media = files.map((f) => f.url);
  const attachments: InboundAttachment[] = files.map((f) => ({
    filename: null,
    content_type: attachmentType(f.type),
    source: f.url,
  }));
  const name = field(form, 'ProfileName');
  const location = placeText({
    latitude: field(form, 'Latitude'),
    longitude: field(form, 'Longitude'),
    name: field(form, 'Label'),
    address: field(form, 'Address'),
  });
  const optType = field(form, 'OptOutType')?.toUpperCase();
  const providerOpt = optType === 'STOP' ? 'opt_out' : optType === 'START' ? 'opt_in' : undefined;
  return [
    {
      channel: sender.channel,
      from: sender.address,
      to: splitTwilioAddress(to).address,
      body: [field(form, 'Body'), location].filter(Boolean).join('\n'),
      provider_message_id: sid,
      ...(media.length ? { media_urls: media, attachments } : {}),
      ...(name ? { sender_name: name } : {}),
      ...(providerOpt ? { provider_opt: providerOpt } : {}),
      received_at: now.toISOString(),
    },
  ];
}

function isForm(value: unknown): value is Form {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function field(form: Form, name: string): string | undefined {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : undefined;
}
