export const WHATSAPP_CLOUD_DEFAULT_BASE_URL = 'https://graph.facebook.com/v21.0';

/** A tenant's WhatsApp Cloud API credentials, as stored (decrypted) in its channel config. */
export interface WhatsAppCloudCredentials {
  /** A system-user or business access token, sent as `Authorization: Bearer`. */
  access_token: string;
  /** The business phone number's id: messages are sent through `POST /{phone_number_id}/messages`. */
  phone_number_id: string;
  /** The Graph API root with its version; default https://graph.facebook.com/v21.0. */
  base_url?: string;
  timeout_ms?: number;
}

/** Meta takes and gives WhatsApp ids as digits only (`16505551234`); we keep E.164 (`+16505551234`). */
export function toWaId(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

export function fromWaId(waId: string): string {
  const digits = toWaId(waId);
  return digits ? `+${digits}` : waId;
}
