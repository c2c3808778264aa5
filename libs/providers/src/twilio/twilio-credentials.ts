/** A tenant's Twilio messaging credentials and settings, as stored (decrypted) in its channel config. */
export interface TwilioCredentials {
  account_sid: string;
  auth_token: string;
  /** Default SMS sender (E.164 number or alphanumeric id). */
  from?: string;
  /** Default WhatsApp sender (E.164, no prefix); falls back to `from`. */
  whatsapp_from?: string;
  /** Send through a Messaging Service when no sender is given. */
  messaging_service_sid?: string;
  /** The API's origin, `https://api.twilio.com` unless a test or a proxy says otherwise. */
  base_url?: string;
  edge?: string;
  region?: string;
  timeout_ms?: number;
}

export const WHATSAPP_PREFIX = 'whatsapp:';

/** `whatsapp:+1555...` for the WhatsApp channel; the bare address otherwise. Never prefixes twice. */
export function twilioAddress(channel: string, address: string): string {
  if (channel !== 'whatsapp' || address.startsWith(WHATSAPP_PREFIX)) return address;
  return `${WHATSAPP_PREFIX}${address}`;
}

/** An address without its channel prefix, and the channel it names. */
export function splitTwilioAddress(address: string): { channel: 'sms' | 'whatsapp'; address: string } {
  return address.startsWith(WHATSAPP_PREFIX)
    ? { channel: 'whatsapp', address: address.slice(WHATSAPP_PREFIX.length) }
    : { channel: 'sms', address };
}
