import type { InboundEmailPayload } from '../inbound-email.parser';
import { HeaderList, headerOf, messageIdsOf } from './header-list';
import { contentMessageId } from './raw-mime';

/**
 * A Mailgun route's `forward()` to our URL, parsed form (x-www-form-urlencoded, or multipart/form-data when the email
 * has attachments): `from`, `recipient`, `subject`, `body-plain` (the whole text, quotes included: the classifier
 * isolates the reply itself), `body-html` and `message-headers`, a JSON list of `[name, value]` pairs; `timestamp`,
 * `token`, `signature` and attachments are not read. (A route to a URL ending in `mime` posts `body-mime`: read as
 * raw MIME.)
 */
export function fromMailgunRoute(fields: Record<string, string>): InboundEmailPayload {
  const headers = headerList(fields['message-headers']);
  // Mailgun also posts each header as a field of its own ("Message-Id", "In-Reply-To"): the fallback.
  const header = (name: string) => headerOf(headers, name) ?? fieldOf(fields, name);
  const references = messageIdsOf(header('References'));
  const inReplyTo = messageIdsOf(header('In-Reply-To'))[0];
  const date = header('Date');
  return {
    from: fields.from ?? header('From') ?? fields.sender ?? '',
    to: fields.recipient ?? header('To') ?? [],
    ...(fields.subject !== undefined ? { subject: fields.subject } : {}),
    text: fields['body-plain'] ?? '',
    ...(fields['body-html'] !== undefined ? { html: fields['body-html'] } : {}),
    message_id:
      header('Message-Id') ??
      contentMessageId(JSON.stringify([fields.from, fields.subject, date, fields['body-plain']])),
    ...(inReplyTo ? { in_reply_to: inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    ...(date && !Number.isNaN(Date.parse(date)) ? { date: new Date(date).toISOString() } : {}),
    headers,
  };
}

/** `message-headers`: a JSON list of `[name, value]`; anything else is no headers. */
function headerList(json: string | undefined): HeaderList {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (h): h is [string, string] =>
          Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'string',
      )
      .map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** A field by header name in any case ("Message-Id", "message-id"). */
function fieldOf(fields: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(fields).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : fields[key]?.trim();
  return value ? value : undefined;
}
