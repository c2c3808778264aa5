import { Channel, ChannelProvider } from '@app/db';
import { MessagingChannel, MessagingPort } from '@app/providers';
import { ChannelConnection } from './channel-connection';
import { ChannelWebhook } from './channel-webhooks';

/** How system/status shows a provider: the embedded simulator is online, a vendor's is configured. */
export type ProviderState = 'online' | 'configured';

/** A tenant's channel, ready to use: its provider's adapter and what its webhooks are checked with. */
export interface ResolvedChannel {
  tenantId: string;
  channel: MessagingChannel;
  provider: ChannelProvider;
  port: MessagingPort;
  /** The routing key in the webhook URLs the provider calls. */
  webhookKey: string;
  /** The sender providers count rate limits by (number, phone_number_id, bot, account): channelSenderOf. */
  sender: string;
  /**
   * What the provider signs its webhooks with: the Twilio auth token, the Meta app secret, the Telegram secret
   * token, the inbound-email secret, or the simulator's own secret.
   */
  signingSecret: string;
  /**
   * The config's settings; for WhatsApp Cloud also `verify_token` (Meta's handshake), for SMTP also
   * `mailgun_signing_key` when set (inbound posts must then carry Mailgun's signature).
   */
  settings: Record<string, unknown>;
}

/** The tenant's voice config, unbuilt: the voice domain makes its telephony port from it. */
export interface VoiceChannelConfig {
  tenantId: string;
  provider: ChannelProvider;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  webhookKey: string;
  signingSecret: string;
  /** Changes with every change of the row (its id and version): what a built port is cached by. */
  version: string;
}

/** A channel config as the API shows it. */
export interface ChannelConfigView extends ChannelConnection {
  channel: Channel;
  provider: ChannelProvider;
  /** Secrets masked. */
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  webhooks: ChannelWebhook[];
  updated_at: Date;
}

export interface ChannelConfigInput {
  provider: ChannelProvider;
  credentials?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  /**
   * Credentials left out keep their stored values while the provider stays, identifiers too (not only secrets):
   * seed 003's PUT config/whatsapp sends the access token alone.
   */
  keepCredentials?: boolean;
}
