import type { InboundEmailPayload } from '../inbound-email.parser';
import { contentMessageId, fromRawMime } from './raw-mime';

/**
 * SendGrid's Inbound Parse webhook, default (parsed) form: multipart fields `headers` (the raw header block),
 * `from`, `to`, `subject`, `text`, `html` (and `envelope`, `charsets`, `dkim`, `SPF`, spam fields and attachments,
 * not read). The threading headers and the date come from the header block. (With "POST the raw, full MIME
 * message" it posts `email` instead: read as raw MIME.)
 */
export async function fromSendGridParse(fields: Record<string, string>): Promise<InboundEmailPayload> {
  const block = fields.headers ?? '';
  const head = block.trim() ? await fromRawMime(`${block.replace(/\s+$/, '')}\r\n\r\n`) : undefined;
  return {
    from: fields.from ?? head?.from ?? '',
    to: fields.to ?? head?.to ?? [],
    ...(fields.subject !== undefined
      ? { subject: fields.subject }
      : head?.subject
        ? { subject: head.subject }
        : {}),
    text: fields.text ?? '',
    ...(fields.html !== undefined ? { html: fields.html } : {}),
    message_id:
      head?.message_id ?? contentMessageId(JSON.stringify([fields.from, fields.subject, fields.text])),
    ...(head?.in_reply_to ? { in_reply_to: head.in_reply_to } : {}),
    ...(head?.references ? { references: head.references } : {}),
    ...(head?.date ? { date: head.date } : {}),
    ...(head?.headers ? { headers: head.headers } : {}),
  };
}
