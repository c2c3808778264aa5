import { attachmentFileName, attachmentType } from '../attachment-names';
import { htmlToText } from '../local-llm/classify/isolate-reply';
import type { InboundAttachment, InboundMessage } from '../messaging.port';
import { readBounce } from './email-bounce';
import { messageIdsOf } from './inbound-relays/header-list';
import { contentMessageId } from './inbound-relays/raw-mime';
import { angleMessageId, emailAddress, emailDisplayName } from './smtp-credentials';

/**
 * The body `POST /webhooks/email-inbound` takes (JSON), the shape an inbound-mail relay or the simulator posts:
 *
 * ```json
 * {
 *   "from": "\"Ada Lovelace\" <ada@example.com>",
 *   "to": "inbox@clinic.example",            // or an array; the first address is the receiving mailbox
 *   "subject": "Re: Your appointment",
 *   "text": "Yes, Tuesday works.",
 *   "html": "<p>Yes, Tuesday works.</p>",
 *   "message_id": "<CAF=abc@mail.example.com>",
 *   "in_reply_to": "<0192f...@clinic.example>",
 *   "references": "<a@clinic.example> <0192f...@clinic.example>",   // or an array
 *   "date": "2026-01-05T10:00:00Z",           // optional; the receipt time otherwise
 *   "headers": { "Content-Type": "multipart/report; report-type=delivery-status" },
 *                                             // optional: other headers, a map or [{ "name", "value" }]
 *   "attachments": [{ "filename": "quote.pdf", "content_type": "application/pdf", "content": "JVBERi0xLjQK..." }]
 *                                             // optional: each file's bytes in base64
 * }
 * ```
 * `from` and `message_id` are required: the Message-ID is the provider id that makes a redelivery idempotent.
 * A bounce (a mail server's delivery report) is read from the sender, the headers and the text (readBounce).
 */
export interface InboundEmailPayload {
  from: string;
  to: string | string[];
  subject?: string;
  text?: string;
  html?: string;
  message_id: string;
  in_reply_to?: string;
  references?: string | string[];
  date?: string;
  headers?: Record<string, string> | { name: string; value: string }[];
  attachments?: InboundEmailAttachment[];
}

/** A file of an inbound email: base64 in the JSON payload, the bytes themselves from a relay's post or raw MIME. */
export interface InboundEmailAttachment {
  filename?: string | null;
  content_type?: string | null;
  content: string | Buffer;
  content_id?: string | null;
}

/** An inbound-email webhook body as an inbound message; an incomplete body yields none. */
export function parseInboundEmail(payload: unknown, now: Date): InboundMessage[] {
  const body = payload as Partial<InboundEmailPayload> | null;
  if (!body || typeof body !== 'object') return [];
  if (typeof body.from !== 'string' || !emailAddress(body.from)) return [];
  // Without a Message-ID, one from a hash of what it says, as the relays' forms get: a retry is still recognised.
  const messageId =
    typeof body.message_id === 'string' && body.message_id.trim()
      ? body.message_id
      : contentMessageId(JSON.stringify([body.from, body.subject, body.date, body.text, body.html]));
  const to = Array.isArray(body.to) ? body.to[0] : body.to;
  // An In-Reply-To may name more than one message (RFC 5322 3.6.4): the first is the one answered, the others
  // are searched as its references are.
  const [inReplyTo, ...alsoAnswered] = messageIds(body.in_reply_to);
  const references = [...new Set([...messageIds(body.references), ...alsoAnswered])];
  const name = emailDisplayName(body.from);
  const date =
    typeof body.date === 'string' && !Number.isNaN(Date.parse(body.date)) ? new Date(body.date) : now;
  const html = typeof body.html === 'string' ? body.html : undefined;
  const text = textOf(body.text, html);
  const bounce = readBounce({
    from: body.from,
    subject: typeof body.subject === 'string' ? body.subject : undefined,
    text,
    headers: headerMap(body.headers),
  });
  return [
    {
      channel: 'email',
      from: emailAddress(body.from),
      to: typeof to === 'string' ? emailAddress(to) : '',
      body: text,
      provider_message_id: angleMessageId(messageId),
      ...(name ? { sender_name: name } : {}),
      ...(typeof body.subject === 'string' ? { subject: body.subject } : {}),
      ...(html !== undefined ? { html } : {}),
      threading: {
        message_id: angleMessageId(messageId),
        ...(inReplyTo ? { in_reply_to: inReplyTo } : {}),
        ...(references.length ? { references } : {}),
      },
      ...(bounce ? { bounce } : {}),
      ...attachmentsOf(body.attachments),
      received_at: date.toISOString(),
    },
  ];
}

/**
 * The words of the email: its text part, else its HTML part as text (an email client may send HTML alone; each
 * relay posts the parts as they came, and this is where they all arrive), so a STOP in HTML is read as one and
 * the reply is stored and classified with its words. Quoted history in the HTML (a blockquote, Gmail's quote) is
 * left out, as the classifier leaves it out.
 */
function textOf(text: unknown, html: string | undefined): string {
  if (typeof text === 'string' && text.trim()) return text;
  if (!html) return typeof text === 'string' ? text : '';
  return htmlToText(html)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The files of the payload that have bytes, their names and types tidied; none: no `attachments` at all. */
function attachmentsOf(value: unknown): Pick<InboundMessage, 'attachments'> {
  if (!Array.isArray(value)) return {};
  const attachments = value.flatMap((a: Partial<InboundEmailAttachment> | null): InboundAttachment[] => {
    if (!a || typeof a !== 'object') return [];
    const content = Buffer.isBuffer(a.content)
      ? a.content
      : typeof a.content === 'string'
        ? Buffer.from(a.content, 'base64')
        : undefined;
    if (!content?.length) return [];
    return [
      {
        filename: attachmentFileName(a.filename),
        content_type: attachmentType(a.content_type),
        content,
        ...(typeof a.content_id === 'string' && a.content_id.trim()
          ? { content_id: a.content_id.trim().replace(/^<|>$/g, '').slice(0, 255) }
          : {}),
      },
    ];
  });
  return attachments.length ? { attachments } : {};
}

/**
 * Message-IDs from an `In-Reply-To` or `References` value, a string or an array of them, as the header has them:
 * `<a@x> <b@y>`, `<a@x><b@y>` (no space is needed between them) or with a comment (`<a@x> (Ada's message)`). A
 * value with no bracketed id is taken as bare ids separated by spaces.
 */
function messageIds(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : [value];
  return parts.flatMap((part) => {
    if (typeof part !== 'string' || !part.trim()) return [];
    const bracketed = messageIdsOf(part);
    return bracketed.length ? bracketed : part.trim().split(/\s+/).map(angleMessageId);
  });
}

/** Headers as a map of their values by name, from a map or a list of `{ name, value }`; anything else is none. */
function headerMap(value: unknown): Record<string, string> {
  const entries = Array.isArray(value)
    ? value
        .filter((h): h is { name: unknown; value: unknown } => !!h && typeof h === 'object')
        .map((h) => [h.name, h.value] as const)
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return Object.fromEntries(
    entries
      .filter((e): e is readonly [string, string] => typeof e[0] === 'string' && typeof e[1] === 'string')
      .map(([k, v]) => [k, v]),
  );
}
