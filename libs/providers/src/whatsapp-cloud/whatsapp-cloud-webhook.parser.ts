import { attachmentFileName, attachmentType } from '../attachment-names';
import type { DeliveryStatus, InboundAttachment, InboundMessage, StatusUpdate } from '../messaging.port';
import { listOf, objectOf } from '../payload-fields';
import { contactsText, formReplyText, orderText, placeText, UNSUPPORTED_BODY } from '../shared-content';
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
  /** Set when the message was written in a group (webhooks reference, "Group messages"). */
  group_id?: string;
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
  interactive?: {
    type?: string;
    button_reply?: { title?: string };
    list_reply?: { title?: string };
    /** A WhatsApp Flow's (or an address message's) reply: its answers as a JSON string. */
    nfm_reply?: { name?: string; body?: string; response_json?: string };
  };
  reaction?: { emoji?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string; url?: string };
  contacts?: WebhookContact[];
  order?: {
    catalog_id?: string;
    text?: string;
    product_items?: {
      product_retailer_id?: string;
      quantity?: number;
      item_price?: number;
      currency?: string;
    }[];
  };
  system?: { type?: string };
  /** A user's edit of their message (coexistence numbers): the message as it now reads, under a new id. */
  edit?: { original_message_id?: string; message?: WebhookMessage };
  errors?: unknown[];
}

/** A shared contact card (webhooks reference, "Contacts messages"); most fields may be left out by the user. */
interface WebhookContact {
  name?: { formatted_name?: string; first_name?: string; last_name?: string };
  phones?: { phone?: string; wa_id?: string; type?: string }[];
  emails?: { email?: string; type?: string }[];
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

/**
 * Notices Meta sends in `messages[]` that nobody wrote, so they are no message of the lead's (recording one would
 * show an empty message, raise the unread count and stop the lead's sequences):
 * - `system`: the user changed their number or their user id (webhooks reference, "System messages":
 *   `system: { body, wa_id, type: user_changed_number | user_changed_user_id }`, formerly `customer_changed_number`
 *   with `new_wa_id`); told to `onNotice` so it is logged, the lead's number left as it is;
 * - `request_welcome`: the user opened the chat for the first time without writing (Conversational Components,
 *   "Welcome messages"), a trigger for a welcome message we do not send;
 * - `revoke`: the user deleted a message they sent (webhooks reference, "Revoke messages", coexistence numbers:
 *   `revoke: { original_message_id }`); nothing new was said.
 */
const NOTICE_TYPES = new Set(['system', 'request_welcome', 'revoke']);

/** A notice that is no message (NOTICE_TYPES): its kind (`system.type`, else the message type) and Meta's id. */
export interface WhatsAppCloudNotice {
  kind: string;
  provider_message_id: string;
}

interface WebhookStatus {
  id?: string;
  status?: string;
  timestamp?: string;
  recipient_id?: string;
  biz_opaque_callback_data?: string;
  errors?: { code?: number | string; title?: string; message?: string; error_data?: { details?: string } }[];
}

const STATUS: Record<string, DeliveryStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

/**
 * The change values of a webhook, those of business number `phoneNumberId` only when given: one Meta app (one
 * callback URL) serves every number subscribed to it, and another tenant's number must not land here.
 */
function changeValues(payload: unknown, phoneNumberId?: string): ChangeValue[] {
  const body = payload as { object?: unknown; entry?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.entry)) return [];
  if (body.object !== undefined && body.object !== 'whatsapp_business_account') return [];
  const values: ChangeValue[] = [];
  for (const entry of body.entry as ({ changes?: unknown } | null)[]) {
    if (!entry || typeof entry !== 'object' || !Array.isArray(entry.changes)) continue;
    for (const change of entry.changes as { value?: unknown }[]) {
      if (!change?.value || typeof change.value !== 'object') continue;
      const value = change.value as ChangeValue;
      if (phoneNumberId !== undefined && objectOf(value.metadata)?.phone_number_id !== phoneNumberId)
        continue;
      values.push(value);
    }
  }
  return values;
}

/** `statuses[]` of a messages webhook: sent, delivered, read, failed (with `errors[0].code` such as 131047). */
export function parseWhatsAppCloudStatuses(payload: unknown, phoneNumberId?: string): StatusUpdate[] {
  const updates: StatusUpdate[] = [];
  for (const value of changeValues(payload, phoneNumberId)) {
    for (const s of listOf<WebhookStatus>(value.statuses)) {
      const id = textOf(s.id);
      const given = textOf(s.status);
      const status = given && Object.hasOwn(STATUS, given) ? STATUS[given] : undefined;
      if (!id || !status) continue;
      const error = listOf<NonNullable<WebhookStatus['errors']>[number]>(s.errors)[0];
      const code = typeof error?.code === 'number' ? String(error.code) : textOf(error?.code);
      const message =
        textOf(objectOf(error?.error_data)?.details) ?? textOf(error?.message) ?? textOf(error?.title);
      const recipient = textOf(s.recipient_id);
      const occurredAt = unixToIso(s.timestamp);
      const callbackData = textOf(s.biz_opaque_callback_data);
      updates.push({
        provider_message_id: id,
        status,
        ...(code !== undefined ? { error_code: code } : {}),
        ...(message ? { error_message: message } : {}),
        ...(recipient ? { recipient: fromWaId(recipient) } : {}),
        ...(occurredAt ? { occurred_at: occurredAt } : {}),
        ...(callbackData ? { callback_data: callbackData } : {}),
      });
    }
  }
  return updates;
}

/**
 * `messages[]` of a messages webhook. The body is the text, a caption, the title of a tapped button or list
 * row, a reaction's emoji (a reaction taken back, which has none, is no message), or a shared place, contact card,
 * order or form reply written out (sharedText). A message written in a group (`group_id`) is none, as a Telegram
 * group's is; a user's edit of a message is read as what it now says (editedText). A file (image, video, audio,
 * document, sticker) arrives as a Meta media id: an attachment whose `source` it is, downloaded with the access
 * token (fetchMedia). Notices nobody wrote (NOTICE_TYPES) are no message and go to `onNotice`; a message with
 * nothing we can show reads UNSUPPORTED_BODY: content Meta does not give (`unsupported`, webhooks reference,
 * "Unsupported messages": `errors: [{ code: 131051 "Message type unknown" | 131060 "This message is currently
 * unavailable" }]`, `unsupported: { type }`, e.g. `poll_creation`; its older spellings `unknown`, `ephemeral`,
 * `errors`), or a type Meta added after this parser. Fields of another type than Meta documents are read as absent.
 */
export function parseWhatsAppCloudInbound(
  payload: unknown,
  now: Date,
  phoneNumberId?: string,
  onNotice?: (notice: WhatsAppCloudNotice) => void,
): InboundMessage[] {
  const inbound: InboundMessage[] = [];
  for (const value of changeValues(payload, phoneNumberId)) {
    const metadata = objectOf(value.metadata);
    const display = textOf(metadata?.display_phone_number);
    const to = display ? fromWaId(display) : (textOf(metadata?.phone_number_id) ?? '');
    const contacts = listOf<NonNullable<ChangeValue['contacts']>[number]>(value.contacts);
    for (const m of listOf<WebhookMessage>(value.messages)) {
      const id = textOf(m.id);
      const from = textOf(m.from);
      // A group's message is no lead's: a reply would go to the person alone, their STOP would opt them out.
      if (!id || !from || removedReaction(m) || m.group_id !== undefined) continue;
      const type = textOf(m.type);
      if (type && NOTICE_TYPES.has(type)) {
        onNotice?.({ kind: textOf(objectOf(m.system)?.type) ?? type, provider_message_id: id });
        continue;
      }
      const name = textOf(objectOf(contacts.find((c) => c.wa_id === from)?.profile)?.name);
      const edit = type === 'edit';
      const attachments = edit ? [] : mediaOf(m);
      const text = edit ? editedText(m) : messageText(m);
      if (edit && !text) continue;
      inbound.push({
        channel: 'whatsapp',
        from: fromWaId(from),
        to,
        body: text === '' && !attachments.length ? UNSUPPORTED_BODY : text,
        provider_message_id: id,
        ...(name ? { sender_name: name } : {}),
        ...(attachments.length ? { attachments } : {}),
        received_at: unixToIso(m.timestamp) ?? now.toISOString(),
      });
    }
  }
  return inbound;
}

/**
 * What an edit (webhooks reference, "Edit messages", coexistence numbers: `edit: { original_message_id, message }`)
 * makes the message say: its text or caption, read as a message of its own (as a Telegram edit is), so that an edit
 * to "STOP" opts out. The files came with the original; an edit that writes nothing is none.
 */
function editedText(m: WebhookMessage): string {
  const edited = objectOf(objectOf(m.edit)?.message) as WebhookMessage | undefined;
  return edited ? messageText(edited) : '';
}

/** A reaction taken back: Meta tells of it as a reaction without its emoji. Nobody said anything. */
function removedReaction(m: WebhookMessage): boolean {
  return m.type === 'reaction' && !textOf(objectOf(m.reaction)?.emoji);
}

function mediaOf(m: WebhookMessage): InboundAttachment[] {
  return MEDIA_TYPES.flatMap((type) => {
    const media = objectOf(m[type]) as WebhookMedia | undefined;
    const source = textOf(media?.id);
    if (!source) return [];
    return [
      {
        filename: attachmentFileName(textOf(media?.filename)),
        content_type: attachmentType(textOf(media?.mime_type)),
        source,
      },
    ];
  });
}

function messageText(m: WebhookMessage): string {
  const interactive = objectOf(m.interactive);
  const candidates: unknown[] = [
    objectOf(m.text)?.body,
    objectOf(m.button)?.text,
    objectOf(interactive?.button_reply)?.title,
    objectOf(interactive?.list_reply)?.title,
    objectOf(m.image)?.caption,
    objectOf(m.video)?.caption,
    objectOf(m.document)?.caption,
    objectOf(m.reaction)?.emoji,
  ];
  return candidates.find((c): c is string => typeof c === 'string') ?? sharedText(m) ?? '';
}

/**
 * What the user shared without writing, as text (shared-content): a place (webhooks reference, "Location
 * messages": `location: { latitude, longitude, name, address, url }`), contact cards ("Contacts messages":
 * `contacts: [{ name: { formatted_name }, phones: [{ phone, wa_id }], emails: [{ email }], ... }]`) or an order from
 * the catalog ("Order messages": `order: { catalog_id, text, product_items: [{ product_retailer_id, quantity,
 * item_price, currency }] }`), or the answers to a WhatsApp Flow (Flows, "Response message webhook": `interactive:
 * { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json } }`, response_json a JSON string of
 * the answers and the `flow_token` the business sent, which is no answer; an address message's reply has the same
 * shape).
 */
function sharedText(m: WebhookMessage): string | undefined {
  const location = objectOf(m.location);
  const order = objectOf(m.order);
  const form = objectOf(objectOf(m.interactive)?.nfm_reply);
  if (form) return formReplyText(formAnswers(form.response_json), form.body);
  if (location) return placeText(location);
  if (order) {
    const items = listOf<NonNullable<NonNullable<WebhookMessage['order']>['product_items']>[number]>(
      order.product_items,
    );
    return orderText(
      order.catalog_id,
      items.map((i) => ({
        product: i.product_retailer_id,
        quantity: i.quantity,
        price: i.item_price,
        currency: i.currency,
      })),
      order.text,
    );
  }
  const contacts = listOf<WebhookContact>(m.contacts);
  return contacts.length
    ? contactsText(
        contacts.map((c) => {
          const name = objectOf(c.name);
          return {
            name:
              textOf(name?.formatted_name) ??
              [name?.first_name, name?.last_name].filter((n) => textOf(n)).join(' '),
            phones: listOf<{ phone?: unknown; wa_id?: unknown }>(c.phones).map((p) => p.phone ?? p.wa_id),
            emails: listOf<{ email?: unknown }>(c.emails).map((e) => e.email),
          };
        }),
      )
    : undefined;
}

/** The answers of a Flow's `response_json` without its `flow_token`; none when it is no JSON object. */
function formAnswers(json: unknown): Record<string, unknown> {
  try {
    const parsed = typeof json === 'string' ? objectOf(JSON.parse(json)) : undefined;
    const { flow_token: _token, ...answers } = parsed ?? {};
    return answers;
  } catch {
    return {};
  }
}

/**
 * A Unix time in seconds (Meta sends a numeric string; a date string is read as one) as ISO 8601; undefined when it
 * is no time a Date can hold.
 */
function unixToIso(seconds: unknown): string | undefined {
  let ms = NaN;
  if (typeof seconds === 'number') ms = seconds * 1000;
  else if (typeof seconds === 'string' && seconds.trim() !== '')
    ms = Number.isFinite(Number(seconds)) ? Number(seconds) * 1000 : Date.parse(seconds);
  // Date's range is ±8.64e15 ms.
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}

/** A non-empty string field; anything else (a number, an object, a list) is absent. */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
