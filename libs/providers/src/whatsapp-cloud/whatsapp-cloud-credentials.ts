/**
 * The Graph API version used unless the tenant's config names one (`graph_api_version`). Meta keeps a version for
 * about two years: v25.0 (February 2026) is available until July 2028.
 */
export const WHATSAPP_GRAPH_DEFAULT_VERSION = 'v25.0';

/** A tenant's WhatsApp Cloud API credentials, as stored (decrypted) in its channel config. */
export interface WhatsAppCloudCredentials {
  /** A system-user or business access token, sent as `Authorization: Bearer`. */
  access_token: string;
  /** The business phone number's id: messages are sent through `POST /{phone_number_id}/messages`. */
  phone_number_id: string;
  /** The Graph API version, `v25.0` by default: a tenant moves to a newer one before Meta retires theirs. */
  graph_api_version?: string;
  /** The Graph API root with its version (tests point it at a local server); overrides `graph_api_version`. */
  base_url?: string;
  timeout_ms?: number;
}

/** Where the adapter calls the Graph API: `base_url`, else Meta's, at the configured or the default version. */
export function graphBaseUrl(credentials: WhatsAppCloudCredentials): string {
  return (
    credentials.base_url ??
    `https://graph.facebook.com/${credentials.graph_api_version ?? WHATSAPP_GRAPH_DEFAULT_VERSION}`
  );
}

/** Meta takes and gives WhatsApp ids as digits only (`16505551234`); we keep E.164 (`+16505551234`). */
export function toWaId(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

export function fromWaId(waId: string): string {
  const digits = toWaId(waId);
  return digits ? `+${digits}` : waId;
}
