import { fromMailgunRoute } from './mailgun-inbound';
import { fromPostmark, isPostmarkInbound } from './postmark-inbound';
import { fromRawMime } from './raw-mime';
import { fromSendGridParse } from './sendgrid-inbound';

/** An inbound-email webhook's body, as it arrived. */
export type RelayEmailBody =
  | { type: 'raw'; raw: Buffer | string }
  | { type: 'fields'; fields: Record<string, string> }
  | { type: 'json'; json: unknown };

/**
 * The inbound-email payload (InboundEmailPayload, the shape the email ports parse) of whatever a relay posted:
 * a raw message (`message/rfc822`), SendGrid's Inbound Parse (parsed, or raw in `email`), a Mailgun route (parsed,
 * or raw in `body-mime`), Postmark's inbound JSON (or its `RawEmail`), or the payload itself (JSON or form fields)
 * as our documentation and the simulator post it. An incomplete body comes back for the port to find incomplete.
 */
export async function relayEmailPayload(body: RelayEmailBody): Promise<unknown> {
  if (body.type === 'raw') return fromRawMime(body.raw);
  if (body.type === 'fields') {
    const f = body.fields;
    if (f.email) return fromRawMime(f.email);
    if (f['body-mime']) return fromRawMime(f['body-mime']);
    if ('body-plain' in f || 'message-headers' in f) return fromMailgunRoute(f);
    if ('headers' in f && ('text' in f || 'html' in f || 'envelope' in f)) return fromSendGridParse(f);
    return f;
  }
  if (isPostmarkInbound(body.json)) {
    return body.json.RawEmail ? fromRawMime(body.json.RawEmail) : fromPostmark(body.json);
  }
  return body.json;
}
