import { fromMailgunRoute } from './mailgun-inbound';
import { fromPostmark, isPostmarkInbound } from './postmark-inbound';
import { fromRawMime } from './raw-mime';
import { fromSendGridParse } from './sendgrid-inbound';

/** A file part of a relay's multipart post: an attachment of the email (SendGrid's `attachment1`, Mailgun's `attachment-1`...). */
export interface RelayFile {
  filename: string | null;
  content_type: string | null;
  content: Buffer;
  /** The multipart field it came in (`attachment1`): what the relay's map of inline parts names. */
  field?: string;
  /** An inline part's Content-ID, from that map. */
  content_id?: string;
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
    const attachments = body.files?.length ? { attachments: withContentIds(body.files, f) } : {};
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

/**
 * The relay's map of inline parts (an HTML body's `cid:` images) to the fields their files came in: SendGrid's
 * `content-ids` (`{"ii_abc": "attachment1"}`), Mailgun's `content-id-map` (`{"<ii_abc>": "attachment-1"}`). Each
 * file it names gets its Content-ID; a map that does not parse names none.
 */
function withContentIds(files: RelayFile[], fields: Record<string, string>): RelayFile[] {
  const json = fields['content-ids'] ?? fields['content-id-map'];
  if (!json) return files;
  let map: unknown;
  try {
    map = JSON.parse(json);
  } catch {
    return files;
  }
  if (!map || typeof map !== 'object' || Array.isArray(map)) return files;
  const byField = new Map<string, string>();
  for (const [cid, field] of Object.entries(map as Record<string, unknown>)) {
    const id = cid.trim().replace(/^<|>$/g, '');
    if (typeof field === 'string' && id) byField.set(field, id);
  }
  return files.map((file) => {
    const cid = file.field === undefined ? undefined : byField.get(file.field);
    return cid ? { ...file, content_id: cid } : file;
  });
}
