import type { InboundEmailPayload } from '../inbound-email.parser';
import { HeaderList, headerOf, messageIdsOf } from './header-list';

/** What Postmark's inbound webhook posts (JSON), the fields read here. */
export interface PostmarkInbound {
  From?: string;
  FromName?: string;
  FromFull?: { Email?: string; Name?: string };
  To?: string;
  ToFull?: { Email?: string; Name?: string }[];
  Subject?: string;
  MessageID?: string;
  Date?: string;
  TextBody?: string;
  HtmlBody?: string;
  Headers?: { Name?: string; Value?: string }[];
  RawEmail?: string;
  Attachments?: {
    Name?: string;
    Content?: string;
    ContentType?: string;
    ContentLength?: number;
    ContentID?: string;
  }[];
}

/** Postmark's inbound JSON is recognised by its capitalised fields. */
export function isPostmarkInbound(body: unknown): body is PostmarkInbound {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return typeof b.MessageID === 'string' && ('FromFull' in b || 'TextBody' in b || 'From' in b);
}

/**
 * Postmark's inbound webhook: `FromFull`, `ToFull`, `Subject`, `TextBody`, `HtmlBody`, `Date` and `Headers` (a list
 * of `{ Name, Value }` that holds the sender's Message-ID, In-Reply-To and References) and `Attachments` (`Name`,
 * `ContentType`, `ContentID` and the bytes in base64 in `Content`). Its own `MessageID` names
 * the message when the sender gave none. (`RawEmail`, when the server is set to include it, is read as raw MIME.)
 */
export function fromPostmark(body: PostmarkInbound): InboundEmailPayload {
  const headers: HeaderList = (body.Headers ?? [])
    .filter((h) => typeof h?.Name === 'string' && typeof h?.Value === 'string')
    .map((h) => ({ name: h.Name as string, value: h.Value as string }));
  const email = body.FromFull?.Email ?? body.From ?? '';
  const name = body.FromFull?.Name ?? body.FromName;
  const references = messageIdsOf(headerOf(headers, 'References'));
  const inReplyTo = messageIdsOf(headerOf(headers, 'In-Reply-To'))[0];
  const to = (body.ToFull ?? []).map((r) => r.Email ?? '').filter(Boolean);
  return {
    from: name ? `"${name.replace(/"/g, "'")}" <${email}>` : email,
    to: to.length ? to : (body.To ?? ''),
    ...(body.Subject !== undefined ? { subject: body.Subject } : {}),
    text: body.TextBody ?? '',
    ...(body.HtmlBody ? { html: body.HtmlBody } : {}),
    message_id: headerOf(headers, 'Message-ID') ?? `<${body.MessageID}@inbound.postmarkapp.com>`,
    ...(inReplyTo ? { in_reply_to: inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    ...(body.Date && !Number.isNaN(Date.parse(body.Date)) ? { date: new Date(body.Date).toISOString() } : {}),
    headers,
    ...(body.Attachments?.length
      ? {
          attachments: body.Attachments.map((a) => ({
            filename: a.Name ?? null,
            content_type: a.ContentType ?? null,
            content: a.Content ?? '',
            content_id: a.ContentID ?? null,
          })),
        }
      : {}),
  };
}
