import { AppError, BoundedMap, Clock, invalidInput, SecretBox } from '@app/common';
import { AppConfig } from '@app/config';
import { Channel, ChannelProvider, CHANNELS } from '@app/db';
import {
  createMessagingAdapter,
  generateTelegramSecretToken,
  MessagingChannel,
  MessagingPort,
  MessagingProviderConfig,
} from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { AgentGroupsRepository } from '../agents/agent-groups.repository';
import { TenantEgress } from '../egress/tenant-egress';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { ChannelConfigChanges } from './channel-config-changes';
import { ChannelConfigRow, ChannelConfigsRepository } from './channel-configs.repository';
import {
  CHANNEL_PROVIDER_CHOICES,
  maskCredentials,
  signingSecretOf,
  validateCredentials,
} from './channel-credentials';
import { channelConnection, ChannelConnection } from './channel-connection';
import { channelSenderOf } from './channel-sender';
import { channelWebhooks, ChannelWebhook } from './channel-webhooks';
import { validateSettings } from './channel-settings';

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

const MESSAGING: readonly string[] = ['sms', 'whatsapp', 'telegram', 'email'];

/**
 * Tenants' channel configs (DESIGN §3): which provider carries each channel, its credentials sealed with SecretBox
 * (AES-256-GCM), and the routing key of its webhooks. A channel nobody configured runs on the simulator: its row
 * is made on first use, with a random signing secret, so every tenant always has a webhook key and a secret.
 */
@Injectable()
export class ChannelConfigsService {
  private readonly box: SecretBox;
  private readonly built = new BoundedMap<string, ResolvedChannel>(BUILT_CHANNELS_KEPT);
  /**
   * Each tenant's channels as `resolve` last read them (or is reading them: callers at once share one read), by
   * `<tenant>:<channel>`, and when the read began (performance.now()).
   */
  private readonly current = new BoundedMap<string, { channel: Promise<ResolvedChannel>; at: number }>(
    BUILT_CHANNELS_KEPT,
  );

  constructor(
    private readonly configs: ChannelConfigsRepository,
    private readonly simulator: SimulatorRuntime,
    private readonly activity: ActivityService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly db: DataSource,
    private readonly changes: ChannelConfigChanges,
    private readonly agentGroups: AgentGroupsRepository,
    private readonly egress: TenantEgress,
  ) {
    this.box = new SecretBox(config.encryptionKey);
    changes.onChange(() => this.forget());
  }

  /**
   * The tenant's channel as a send uses it. Every send asks (the step that records it, the sender, each of the
   * simulator's callbacks: five reads of the row per campaign send), so the row read is kept for RESOLVED_TTL_MS,
   * and the sends asking while it is read wait for that read: a change (PUT config/channels) is announced to every
   * process (ChannelConfigChanges), which forgets it at once; the TTL bounds a process that missed the announcement.
   */
  async resolve(tenantId: string, channel: MessagingChannel): Promise<ResolvedChannel> {
    const key = `${tenantId}:${channel}`;
    const kept = this.current.get(key);
    if (kept && performance.now() - kept.at < RESOLVED_TTL_MS) return kept.channel;
    const read = {
      channel: this.ensure(tenantId, channel).then((row) => this.toResolved(row)),
      at: performance.now(),
    };
    this.current.set(key, read);
    // A read that failed is not kept: the next caller reads again.
    read.channel.catch(() => this.current.get(key) === read && this.current.delete(key));
    return read.channel;
  }

  /** The channel's provider without making its row: the row's, or (nobody configured it) the one it would get. */
  async providerOf(tenantId: string, channel: MessagingChannel): Promise<ChannelProvider> {
    return (await this.configs.find(tenantId, channel))?.provider ?? this.defaultProvider(channel);
  }

  /**
   * A config changed: every channel kept is read again by the next `resolve` (changes are rare; a read under way
   * answers its callers, and is not kept).
   */
  private forget(): void {
    this.current.clear();
  }

  /** The channel a webhook's `?key=` names, on any tenant; null for an unknown key (answer 403). */
  async findByWebhookKey(webhookKey: string): Promise<ResolvedChannel | null> {
    if (typeof webhookKey !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(webhookKey)) return null;
    const row = await this.configs.findByWebhookKey(webhookKey);
    return row && MESSAGING.includes(row.channel) ? this.toResolved(row) : null;
  }

  /** The tenant's voice config (made on the simulator when there is none yet). */
  async voice(tenantId: string): Promise<VoiceChannelConfig> {
    return this.toVoice(await this.ensure(tenantId, 'voice'));
  }

  /** The voice config a voice webhook's `?key=` names, on any tenant; null for an unknown key (answer 403). */
  async findVoiceByWebhookKey(webhookKey: string): Promise<VoiceChannelConfig | null> {
    if (typeof webhookKey !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(webhookKey)) return null;
    const row = await this.configs.findByWebhookKey(webhookKey);
    return row && row.channel === 'voice' ? this.toVoice(row) : null;
  }

  async view(auth: AuthContext, channel: Channel): Promise<ChannelConfigView> {
    return this.toView(await this.ensure(auth.tenantId, channel));
  }

  async update(auth: AuthContext, channel: Channel, input: ChannelConfigInput): Promise<ChannelConfigView> {
    const choices = CHANNEL_PROVIDER_CHOICES[channel];
    if (!choices.includes(input.provider)) {
      throw invalidField('provider', `must be one of ${choices.join(', ')} for ${channel}`);
    }
    // Checked before anything is written (read without making the row): a rejected PUT leaves the tenant's configs
    // exactly as they were.
    const { settings } = this.compose(channel, input, await this.configs.find(auth.tenantId, channel));
    await this.checkAgentGroup(auth.tenantId, settings);
    await this.ensure(auth.tenantId, channel);
    const updated = await this.db.transaction(async (tx) => {
      // Composed again from the row under its lock: a secret this PUT leaves out or masked keeps what a concurrent
      // PUT stored, never the copy read before it.
      const current = await this.configs.find(auth.tenantId, channel, tx, true);
      if (!current) throw new Error(`The ${channel} config vanished while being updated`);
      const { credentials, settings } = this.compose(channel, input, current);
      const row = await this.configs.update(tx, auth.tenantId, channel, {
        provider: input.provider,
        credentialsSealed: this.box.encrypt(JSON.stringify(credentials)),
        settings,
      });
      if (!row) throw new Error(`The ${channel} config vanished while being updated`);
      await this.activity.record(
        auth.tenantId,
        auth,
        {
          type: 'channel_config.updated',
          description: `${channel} now uses ${input.provider}`,
          data: { channel, provider: input.provider, previous_provider: current.provider },
        },
        tx,
      );
      return row;
    });
    await this.changes.announce(updated.webhook_key);
    return this.toView(updated);
  }

  /** Inbound calls go to `settings.agent_group_id`: a group of this tenant (another tenant's is as unknown). */
  private async checkAgentGroup(tenantId: string, settings: Record<string, unknown>): Promise<void> {
    const groupId = settings.agent_group_id;
    if (typeof groupId === 'string' && !(await this.agentGroups.exists(tenantId, groupId)))
      throw invalidField('settings.agent_group_id', 'is not an agent group of this tenant');
  }

  /** The credentials and settings a PUT makes of the stored config (kept where it sends none, or masked ones). */
  private compose(
    channel: Channel,
    input: ChannelConfigInput,
    current: ChannelConfigRow | null,
  ): { credentials: Record<string, unknown>; settings: Record<string, unknown> } {
    // The platform's Twilio account is no tenant's to keep: a tenant's own Twilio config sends all of its own.
    const same = current?.provider === input.provider && !this.onPlatformTwilio(current);
    const stored = current && same ? this.credentialsOf(current) : null;
    let credentials: Record<string, unknown>;
    if (input.provider === 'simulator') {
      const given = Object.keys(input.credentials ?? {});
      if (given.length) throw invalidField(`credentials.${given[0]}`, 'is not a credential of simulator');
      credentials = stored ?? { signing_secret: newSecret() };
    } else {
      const sent = input.keepCredentials && stored ? { ...stored, ...input.credentials } : input.credentials;
      credentials = validateCredentials(channel, input.provider, sent ?? {}, stored);
      // Our servers connect to a tenant's SMTP host: never to an internal one (the policy checks again at the send).
      const refused = input.provider === 'smtp' ? this.egress.hostRefusal(String(credentials.host)) : null;
      if (refused) throw invalidField('credentials.host', refused);
    }
    const settings =
      input.settings === undefined
        ? current && same
          ? current.settings
          : {}
        : validateSettings(input.settings, channel, input.provider);
    return { credentials, settings };
  }

  /**
   * For system/status: a state per provider the tenant's channels use, and per channel (one nobody configured runs
   * on the simulator). The simulator is online; another provider is configured.
   */
  async states(tenantId: string): Promise<{
    providers: Record<string, ProviderState>;
    channels: Record<Channel, ProviderState>;
  }> {
    const stateOf = (provider: string): ProviderState => (provider === 'simulator' ? 'online' : 'configured');
    // Each channel's provider, a row's or (no row yet) its default: the platform's Twilio has its line at once.
    const used = await this.channelProviders(tenantId);
    const providers: Record<string, ProviderState> = {};
    for (const provider of Object.values(used)) providers[provider] = stateOf(provider);
    const channels = Object.fromEntries(CHANNELS.map((c) => [c, stateOf(used[c])])) as Record<
      Channel,
      ProviderState
    >;
    return { providers, channels };
  }

  /** Each channel's provider (a channel nobody configured runs on the platform's Twilio, else the simulator). */
  async channelProviders(tenantId: string): Promise<Record<Channel, string>> {
    const rows = await this.configs.list(tenantId);
    const providers = Object.fromEntries(CHANNELS.map((c) => [c, this.defaultProvider(c)])) as Record<
      Channel,
      string
    >;
    for (const row of rows) providers[row.channel] = row.provider;
    return providers;
  }

  /**
   * The tenant's row for the channel, made when there is none yet: on the platform's Twilio account for SMS,
   * WhatsApp and voice when the platform has one (its credentials read from the platform's config at each use,
   * never copied), else on the simulator.
   */
  private async ensure(tenantId: string, channel: Channel): Promise<ChannelConfigRow> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.configs.find(tenantId, channel);
      if (row) return row;
      const platform = this.defaultProvider(channel) === 'twilio';
      // A concurrent request may insert first (then this one does nothing); a webhook-key collision is retried.
      await this.configs.insertIfMissing(
        tenantId,
        channel,
        {
          provider: platform ? 'twilio' : 'simulator',
          credentialsSealed: this.box.encrypt(
            JSON.stringify(platform ? { [PLATFORM_TWILIO]: true } : { signing_secret: newSecret() }),
          ),
          settings: {},
        },
        newSecret(),
      );
    }
    throw new Error(`Could not create the ${channel} config of tenant ${tenantId}`);
  }

  /** The provider of a channel nobody configured: the platform's Twilio for SMS, WhatsApp and voice, if any. */
  private defaultProvider(channel: Channel): ChannelProvider {
    return this.config.twilio && PLATFORM_TWILIO_CHANNELS.includes(channel) ? 'twilio' : 'simulator';
  }

  private sealedCredentials(row: ChannelConfigRow): Record<string, unknown> {
    return row.credentials_sealed
      ? (JSON.parse(this.box.decrypt(row.credentials_sealed)) as Record<string, unknown>)
      : {};
  }

  /** The row runs on the platform's Twilio account (made so by `ensure`). */
  private onPlatformTwilio(row: ChannelConfigRow): boolean {
    return row.provider === 'twilio' && this.sealedCredentials(row)[PLATFORM_TWILIO] === true;
  }

  /** The row's credentials; the platform's Twilio account's as the platform's config has them now. */
  private credentialsOf(row: ChannelConfigRow): Record<string, unknown> {
    const sealed = this.sealedCredentials(row);
    if (sealed[PLATFORM_TWILIO] !== true) return sealed;
    const twilio = this.config.twilio;
    // The platform's account was removed from the config after the row was made: no credentials to send with.
    if (!twilio) return {};
    return {
      account_sid: twilio.accountSid,
      auth_token: twilio.authToken,
      ...(twilio.from ? { from: twilio.from } : {}),
      ...(twilio.whatsappFrom ? { whatsapp_from: twilio.whatsappFrom } : {}),
      ...(twilio.baseUrl ? { base_url: twilio.baseUrl } : {}),
    };
  }

  /**
   * A row's resolved channel, built once per version of the row (its id and version, which every change raises:
   * never a timestamp, which two changes can share): adapters and decrypted credentials are kept by version, never
   * shared mutable state.
   */
  private toResolved(row: ChannelConfigRow): ResolvedChannel {
    const key = `${row.id}:${row.version}`;
    const cached = this.built.get(key);
    if (cached) return cached;
    const resolved = this.build(row);
    this.built.set(key, resolved);
    return resolved;
  }

  private build(row: ChannelConfigRow): ResolvedChannel {
    const channel = row.channel as MessagingChannel;
    const credentials = this.credentialsOf(row);
    const from = typeof row.settings.from === 'string' ? row.settings.from : undefined;
    // `settings.from` is the channel's sender (channelSenderOf): on Twilio it goes before the account's numbers.
    const sending =
      row.provider === 'twilio' && from ? { ...credentials, from, whatsapp_from: from } : credentials;
    const port =
      row.provider === 'simulator'
        ? this.simulator.adapter(row.tenant_id, channel, from)
        : createMessagingAdapter(
            { provider: row.provider, credentials: sending } as unknown as MessagingProviderConfig,
            { now: () => this.clock.now(), egress: this.egress },
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

  private toVoice(row: ChannelConfigRow): VoiceChannelConfig {
    const credentials = this.credentialsOf(row);
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

  private async toView(row: ChannelConfigRow): Promise<ChannelConfigView> {
    const credentials = this.credentialsOf(row);
    const webhooks = channelWebhooks(this.config.publicBaseUrl, row.channel, row.provider, row.webhook_key);
    const lastSync = await this.configs.lastSync(row.tenant_id, row.channel);
    return {
      channel: row.channel,
      provider: row.provider,
      credentials: {
        ...maskCredentials(row.provider, credentials),
        ...(this.onPlatformTwilio(row) ? { platform: true } : {}),
      },
      settings: row.settings,
      webhooks,
      ...channelConnection(row, credentials, webhooks, lastSync),
      updated_at: row.updated_at,
    };
  }
}

/** A refused field of a PUT, worded as every refused input is ("Invalid input: provider ..."). */
const invalidField = (field: string, reason: string): AppError => invalidInput([{ field, reason }]);

/** The sealed credentials' mark of a row on the platform's Twilio account (AppConfig.twilio). */
const PLATFORM_TWILIO = 'platform_twilio';
const PLATFORM_TWILIO_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'voice'];

/** Resolved channels kept per process (an adapter and its credentials each). */
const BUILT_CHANNELS_KEPT = 1_000;
/** How long `resolve` uses a channel it read without reading it again (an announced change is forgotten at once). */
export const RESOLVED_TTL_MS = 1000;

/** 43 url-safe characters: a webhook routing key, or a simulator signing secret (valid as a Telegram token). */
function newSecret(): string {
  return generateTelegramSecretToken();
}
