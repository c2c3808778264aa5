import { AppError, ErrorCode } from '@app/common';
import type { AppConfig } from '@app/config';
import { multipartRelayBody, type RelayEmailBody, type RelayFile } from '@app/providers';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { multipartError } from '../uploads/csv-upload';
import { formOf } from './twilio-form';

/** The inbound-email webhook's routes (`/webhooks/email-inbound` and its `/mime` form). */
export const EMAIL_INBOUND_PATH = '/webhooks/email-inbound';

const RAW_EMAIL = 'message/rfc822';

/**
 * What the inbound-email webhook takes beyond the other routes, set on the Fastify instance before any route exists:
 * bodies up to INBOUND_EMAIL_MAX_BYTES (relays post whole messages, attachments included) and a raw message as
 * `message/rfc822`, which every other route still refuses with 415.
 */
export function registerEmailInboundBodies(fastify: FastifyInstance, config: AppConfig): void {
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(EMAIL_INBOUND_PATH)) route.bodyLimit = config.inboundEmailMaxBytes;
  });
  fastify.addContentTypeParser(RAW_EMAIL, { parseAs: 'buffer' }, (req, body, done) => {
    if (req.url.startsWith(EMAIL_INBOUND_PATH)) done(null, body);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(RAW_EMAIL));
  });
}

/** The posted email, and its form fields when it was a form (what a relay signs its post with, Mailgun's). */
export interface RelayPost {
  body: RelayEmailBody;
  /** Multipart fields as bytes (latin1 strings), or urlencoded fields; null for a raw message or JSON. */
  form: Record<string, string> | null;
}

/**
 * The posted email as it came: a raw message, form fields (multipart, whose files are the email's attachments, or
 * urlencoded) or JSON. Multipart is read here, after the caller checked the webhook's key and secret.
 */
export async function relayPostOf(req: FastifyRequest, maxBytes: number): Promise<RelayPost> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === RAW_EMAIL) return { body: { type: 'raw', raw: req.body as Buffer }, form: null };
  if (req.isMultipart()) {
    const { form, files } = await multipartParts(req, maxBytes);
    return { body: multipartRelayBody(form, files), form };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form: Record<string, string> = {};
    for (const [name, v] of Object.entries(formOf(req.body))) {
      // The first of repeated fields.
      const value = Array.isArray(v) ? v[0] : v;
      if (typeof value === 'string') form[name] = value;
    }
    return { body: { type: 'fields', fields: form }, form };
  }
  return { body: { type: 'json', json: req.body }, form: null };
}

/**
 * A multipart email's fields as bytes (latin1 strings: relays post each field in the email's own charset and say
 * which elsewhere) and its files, within `maxBytes` in all.
 */
async function multipartParts(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ form: Record<string, string>; files: RelayFile[] }> {
  const fields: Record<string, string> = {};
  const files: RelayFile[] = [];
  let bytes = 0;
  const tooLarge = () =>
    new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The email is larger than INBOUND_EMAIL_MAX_BYTES (${maxBytes} bytes)`,
    );
  try {
    const limits = { fieldSize: maxBytes, fileSize: maxBytes, fields: 1000, files: 100, parts: 1100 };
    for await (const part of req.parts({ limits, defCharset: 'latin1' })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) {
          bytes += (chunk as Buffer).length;
          if (bytes > maxBytes) throw tooLarge();
          chunks.push(chunk as Buffer);
        }
        files.push({
          filename: part.filename || null,
          content_type: part.mimetype || null,
          content: Buffer.concat(chunks),
          field: part.fieldname,
        });
        continue;
      }
      if (part.valueTruncated) throw tooLarge();
      const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      bytes += Buffer.byteLength(value, 'latin1');
      if (bytes > maxBytes) throw tooLarge();
      fields[part.fieldname] ??= value;
    }
  } catch (err) {
    throw multipartError(err);
  }
  return { form: fields, files };
}
