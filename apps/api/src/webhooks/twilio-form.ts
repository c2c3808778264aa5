import type { TwilioWebhookParams } from '@app/providers';

/**
 * The posted form's fields (Twilio posts application/x-www-form-urlencoded); anything else is no fields. Read by
 * name (no [name, value] pair per field: the Twilio status callback is the API's busiest route).
 */
export function formOf(body: unknown): TwilioWebhookParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const fields = body as Record<string, unknown>;
  const form: TwilioWebhookParams = {};
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    if (typeof value === 'string') form[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) form[name] = value;
  }
  return form;
}
