import type { TwilioWebhookParams } from '@app/providers';

/** The posted form's fields (Twilio posts application/x-www-form-urlencoded); anything else is no fields. */
export function formOf(body: unknown): TwilioWebhookParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const form: TwilioWebhookParams = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') form[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) form[name] = value;
  }
  return form;
}
