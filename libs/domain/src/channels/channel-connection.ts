import type { Channel, ChannelProvider } from '@app/db';
import { graphBaseUrl, TELEGRAM_DEFAULT_BASE_URL, WhatsAppCloudCredentials } from '@app/providers';
import type { ChannelWebhook } from './channel-webhooks';

/**
 * Seed 003's WhatsApp config status: `simulator` (no provider set: the embedded simulator answers), `configured` (a
 * provider is set and nothing has reached us through it since it was saved), `connected` (since it was saved, a
 * lead's message, or for voice a call the provider reported, has reached us on the channel).
 */
export const CHANNEL_STATUSES = ['simulator', 'configured', 'connected'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** What seed 003's GET config/whatsapp shows of a channel beside its config: apiUrl, webhookUrl, status, lastSync. */
export interface ChannelConnection {
  api_url: string | null;
  webhook_url: string | null;
  status: ChannelStatus;
  last_sync: Date | null;
}

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** Where the platform calls the channel's provider (the simulator: nowhere). */
function apiUrlOf(provider: ChannelProvider, credentials: Record<string, unknown>): string | null {
  switch (provider) {
    case 'whatsapp_cloud':
      return graphBaseUrl(credentials as unknown as WhatsAppCloudCredentials);
    case 'twilio':
      return text(credentials.base_url) ?? TWILIO_API_ORIGIN;
    case 'telegram':
      return text(credentials.base_url) ?? TELEGRAM_DEFAULT_BASE_URL;
    case 'smtp': {
      const host = text(credentials.host);
      if (!host) return null;
      return `${credentials.secure === true ? 'smtps' : 'smtp'}://${host}:${Number(credentials.port) || 587}`;
    }
    default:
      return null;
  }
}

export function channelConnection(
  row: { channel: Channel; provider: ChannelProvider; updated_at: Date },
  credentials: Record<string, unknown>,
  webhooks: ChannelWebhook[],
  lastSync: Date | null,
): ChannelConnection {
  const status: ChannelStatus =
    row.provider === 'simulator'
      ? 'simulator'
      : lastSync && lastSync >= row.updated_at
        ? 'connected'
        : 'configured';
  return {
    api_url: apiUrlOf(row.provider, credentials),
    webhook_url: webhooks.find((w) => w.purpose === 'inbound')?.url ?? null,
    status,
    last_sync: lastSync,
  };
}
