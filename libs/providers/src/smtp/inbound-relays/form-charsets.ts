import { decode, encodingExists } from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import type { RelayEmailBody, RelayFile } from './relay-email';

/** Fields that carry a whole raw message (SendGrid's `email`, Mailgun's `body-mime`): parsed from their bytes. */
const RAW_MESSAGE_FIELDS = ['email', 'body-mime'] as const;

/**
 * A multipart inbound-email post, its field values read as bytes (each a latin1 string: one character per byte),
 * as the webhook's body. A raw message is kept as bytes for the MIME parser, which reads the charsets inside it.
 * Text fields are decoded in the charset the relay names for them (SendGrid's `charsets` field, e.g. `{"text":
 * "iso-8859-1"}`: it posts each field in the email's own charset, with no charset on the part), else as UTF-8; bytes
 * that are not UTF-8 are read as Windows-1252, as the CSV import reads them. Its files are the email's attachments
 * (a raw message carries its own).
 */
export function multipartRelayBody(bytes: Record<string, string>, files: RelayFile[] = []): RelayEmailBody {
  for (const name of RAW_MESSAGE_FIELDS)
    if (bytes[name]) return { type: 'raw', raw: Buffer.from(bytes[name], 'latin1') };
  const declared = declaredCharsets(bytes.charsets);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(bytes)) fields[name] = decodeField(value, declared[name]);
  return { type: 'fields', fields, ...(files.length ? { files } : {}) };
}

function decodeField(value: string, charset: string | undefined): string {
  // A character past one byte: the part named its own charset and the multipart reader decoded it already.
  const bytes = Buffer.from(value, 'latin1');
  if (bytes.toString('latin1') !== value) return value;
  if (charset && !/^utf-?8$/.test(charset) && encodingExists(charset)) return decode(bytes, charset);
  return isUtf8(bytes) ? bytes.toString('utf8') : decode(bytes, 'windows-1252');
}

/** SendGrid's `charsets`: field name to charset, lower-cased; anything else is no declaration. */
function declaredCharsets(json: string | undefined): Record<string, string> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).flatMap(([name, charset]) =>
        typeof charset === 'string' ? [[name, charset.trim().toLowerCase()]] : [],
      ),
    );
  } catch {
    return {};
  }
}
