import { Clock } from '@app/common';
import { createMessagingAdapter, MessagingChannel, MessagingProviderConfig } from '@app/providers';
import { TenantEgress } from '../egress/tenant-egress';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { ChannelConfigView, ResolvedChannel, VoiceChannelConfig } from './channel-config.types';
import { ChannelConfigRow } from './channel-configs.repository';
import { channelConnection } from './channel-connection';
import { ChannelCredentialStore } from './channel-credential-store';
import { maskCredentials, signingSecretOf } from './channel-credentials';
import { channelSenderOf } from './channel-sender';
import { channelWebhooks } from './channel-webhooks';

/** What building a channel's adapter needs: the embedded simulator, the clock, the tenant's egress policy. */
export interface ChannelAdapterDeps {
  simulator: SimulatorRuntime;
  clock: Clock;
  egress: TenantEgress;
}

/** A messaging channel's row built for sending: its provider's adapter, sender, signing secret and settings. */
export function resolvedChannelOf(
  row: ChannelConfigRow,
  store: ChannelCredentialStore,
  deps: ChannelAdapterDeps,
): ResolvedChannel {
  const channel = row.channel as MessagingChannel;
  const credentials = store.credentialsOf(row);
  const from = typeof row.settings.from === 'string' ? row.settings.from : undefined;
  // `settings.from` is the channel's sender (channelSenderOf): on Twilio it goes before the account's numbers.
  const sending =
    row.provider === 'twilio' && from ? { ...credentials, from, whatsapp_from: from } : credentials;
  const port =
    row.provider === 'simulator'
      ? deps.simulator.adapter(row.tenant_id, channel, from)
      : createMessagingAdapter(
          { provider: row.provider, credentials: sending } as unknown as MessagingProviderConfig,
          { now: () => deps.clock.now(), egress: deps.egress },
        );
  return {
    tenantId: row.tenant_id,
    channel,
    provider: row.provider,
    port,
    webhookKey: row.webhook_key,
    sender: channelSenderOf(row.provider, channel, credentials, row.settings),
    signingSecret: signingSecretOf(row.provider, credentials),
    settings: {
      ...row.settings,
      ...(row.provider === 'whatsapp_cloud' ? { verify_token: credentials.verify_token } : {}),
      ...(row.provider === 'smtp' && credentials.mailgun_signing_key
        ? { mailgun_signing_key: credentials.mailgun_signing_key }
        : {}),
    },
  };
}

/** The voice row as the voice domain takes it, unbuilt. */
export function voiceConfigOf(row: ChannelConfigRow, store: ChannelCredentialStore): VoiceChannelConfig {
  const credentials = store.credentialsOf(row);
  return {
    tenantId: row.tenant_id,
    provider: row.provider,
    credentials,
    settings: row.settings,
    webhookKey: row.webhook_key,
    signingSecret: signingSecretOf(row.provider, credentials),
    version: `${row.id}:${row.version}`,
  };
}

/** The row as the API shows it: secrets masked, its webhook URLs, and how its connection stands. */
export function channelConfigViewOf(
  row: ChannelConfigRow,
  store: ChannelCredentialStore,
  publicBaseUrl: string,
  lastSync: Date | null,
): ChannelConfigView {
  const credentials = store.credentialsOf(row);
  const webhooks = channelWebhooks(publicBaseUrl, row.channel, row.provider, row.webhook_key);
  return {
    channel: row.channel,
    provider: row.provider,
    credentials: {
      ...maskCredentials(row.provider, credentials),
      ...(store.onPlatformTwilio(row) ? { platform: true } : {}),
    },
    settings: row.settings,
    webhooks,
    ...channelConnection(row, credentials, webhooks, lastSync),
    updated_at: row.updated_at,
  };
}
