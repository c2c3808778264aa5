import { fromMailgunRoute } from './mailgun-inbound';
import { fromPostmark, isPostmarkInbound } from './postmark-inbound';
import { fromRawMime } from './raw-mime';
import { fromSendGridParse } from './sendgrid-inbound';

/** A file part of a relay's multipart post: an attachment of the email (SendGrid's `attachment1`, Mailgun's `attachment-1`...). */
export interface RelayFile {
  filename: string | null;
  content_type: string | null;
  content: Buffer;
}

/** An inbound-email webhook's body, as it arrived. */
export type RelayEmailBody =
  | { type: 'raw'; raw: Buffer | string }
  | { type: 'fields'; fields: Record<string, string>; files?: RelayFile[] }
  | { type: 'json'; json: unknown };

/**
 * The inbound-email payload (InboundEmailPayload, the shape the email ports parse) of whatever a relay posted:
 * a raw message (`message/rfc822`), SendGrid's Inbound Parse (parsed, or raw in `email`), a Mailgun route (parsed,
 * or raw in `body-mime`), Postmark's inbound JSON (or its `RawEmail`), or the payload itself (JSON or form fields)
 * as our documentation and the simulator post it. A multipart post's files are the email's attachments. An
 * incomplete body comes back for the port to find incomplete.
 */
export async function relayEmailPayload(body: RelayEmailBody): Promise<unknown> {
  if (body.type === 'raw') return fromRawMime(body.raw);
  if (body.type === 'fields') {
    const f = body.fields;
    if (f.email) return fromRawMime(f.email);
    if (f['body-mime']) return fromRawMime(f['body-mime']);
    const attachments = body.files?.length ? { attachments: body.files } : {};
    if ('body-plain' in f || 'message-headers' in f) return { ...fromMailgunRoute(f), ...attachments };
    if ('headers' in f && ('text' in f || 'html' in f || 'envelope' in f))
      return { ...(await fromSendGridParse(f)), ...attachments };
    return { ...f, ...attachments };
  }
  if (isPostmarkInbound(body.json)) {
    return body.json.RawEmail ? fromRawMime(body.json.RawEmail) : fromPostmark(body.json);
  }
  return body.json;
}
