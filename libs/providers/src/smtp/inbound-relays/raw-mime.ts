import type { AddressObject, Attachment } from 'mailparser';
import { createHash } from 'node:crypto';
import type { InboundEmailPayload } from '../inbound-email.parser';

/** Parts of a delivery report (RFC 3464) that say what bounced: read as text, never as attachments. */
const REPORT_PARTS = new Set(['message/delivery-status', 'text/rfc822-headers', 'message/rfc822-headers']);

/**
 * A raw email (RFC 5322, MIME), as a relay posts it whole (`message/rfc822`, SendGrid's "POST the raw, full MIME
 * message", Mailgun's `body-mime`), as the inbound-email payload: addresses, subject, text and HTML bodies decoded
 * from their transfer encodings and charsets, the threading headers, the date and every header (a bounce is read
 * from them) and its attachments. The parts of a delivery report go with its text. A message without a
 * Message-ID gets one from a hash of its bytes, so a redelivery of it is still recognised.
 */
export async function fromRawMime(raw: Buffer | string): Promise<InboundEmailPayload> {
  // Loaded on first use: mailparser and its dependencies add about 19 MB to a process that never reads raw email.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const reportPart = (a: Attachment) => REPORT_PARTS.has(a.contentType.toLowerCase());
  const report = mail.attachments.filter(reportPart).map((a) => a.content.toString('utf8'));
  const attachments = mail.attachments
    .filter((a) => !reportPart(a))
    .map((a) => ({
      filename: a.filename ?? null,
      content_type: a.contentType,
      content: a.content,
      ...(a.cid ? { content_id: a.cid } : {}),
    }));
  const headers = mail.headerLines.map(({ line }) => {
    const colon = line.indexOf(':');
    return { name: line.slice(0, colon).trim(), value: unfold(line.slice(colon + 1)) };
  });
  const references = mail.references === undefined ? [] : [mail.references].flat();
  return {
    from: mail.from?.text ?? '',
    to: addressesOf(mail.to),
    ...(mail.subject !== undefined ? { subject: mail.subject } : {}),
    text: [mail.text ?? '', ...report].filter((t) => t.trim()).join('\n'),
    ...(typeof mail.html === 'string' ? { html: mail.html } : {}),
    message_id: mail.messageId ?? contentMessageId(raw),
    ...(mail.inReplyTo ? { in_reply_to: mail.inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    ...(mail.date ? { date: mail.date.toISOString() } : {}),
    headers,
    ...(attachments.length ? { attachments } : {}),
  };
}

/** A Message-ID for a message that has none: the same bytes always give the same one. */
export function contentMessageId(content: Buffer | string): string {
  return `<${createHash('sha256').update(content).digest('hex').slice(0, 32)}@inbound.reachline.invalid>`;
}

/** A header's value on one line (a folded header continues on lines that start with white space). */
function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** The addresses of a To header (one object, or one per To line), in order. */
function addressesOf(to: AddressObject | AddressObject[] | undefined): string[] {
  if (!to) return [];
  return [to]
    .flat()
    .flatMap((h) => h.value)
    .map((a) => a.address ?? '')
    .filter(Boolean);
}
