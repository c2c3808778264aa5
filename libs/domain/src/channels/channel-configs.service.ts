import { BoundedMap, Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { Channel, ChannelProvider, CHANNELS } from '@app/db';
import { MessagingChannel } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { AgentGroupsRepository } from '../agents/agent-groups.repository';
import { TenantEgress } from '../egress/tenant-egress';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { ChannelConfigChanges } from './channel-config-changes';
import { composeChannelConfig, invalidField } from './channel-config-input';
import { channelConfigViewOf, resolvedChannelOf, voiceConfigOf } from './channel-config-views';
import {
  ChannelConfigInput,
  ChannelConfigView,
  ProviderState,
  ResolvedChannel,
  VoiceChannelConfig,
} from './channel-config.types';
import { ChannelConfigRow, ChannelConfigsRepository } from './channel-configs.repository';
import { CHANNEL_PROVIDER_CHOICES } from './channel-credentials';
import { ChannelCredentialStore, newSecret } from './channel-credential-store';

// The shapes the service answers and takes, importable with it.
export * from './channel-config.types';

const MESSAGING: readonly string[] = ['sms', 'whatsapp', 'telegram', 'email'];

/**
 * Tenants' channel configs (DESIGN §3): which provider carries each channel, its credentials sealed with SecretBox
 * (AES-256-GCM), and the routing key of its webhooks. A channel nobody configured runs on the simulator: its row
 * is made on first use, with a random signing secret, so every tenant always has a webhook key and a secret.
 */
@Injectable()
export class ChannelConfigsService {
  private readonly store: ChannelCredentialStore;
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
    this.store = new ChannelCredentialStore(config);
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
    return (await this.configs.find(tenantId, channel))?.provider ?? this.store.defaultProvider(channel);
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
    return voiceConfigOf(await this.ensure(tenantId, 'voice'), this.store);
  }

  /** The voice config a voice webhook's `?key=` names, on any tenant; null for an unknown key (answer 403). */
  async findVoiceByWebhookKey(webhookKey: string): Promise<VoiceChannelConfig | null> {
    if (typeof webhookKey !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(webhookKey)) return null;
    const row = await this.configs.findByWebhookKey(webhookKey);
    return row && row.channel === 'voice' ? voiceConfigOf(row, this.store) : null;
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
    const stored = await this.configs.find(auth.tenantId, channel);
    const { settings } = composeChannelConfig(channel, input, stored, this.store, this.egress);
    await this.checkAgentGroup(auth.tenantId, settings);
    await this.ensure(auth.tenantId, channel);
    const updated = await this.db.transaction(async (tx) => {
      // Composed again from the row under its lock: a secret this PUT leaves out or masked keeps what a concurrent
      // PUT stored, never the copy read before it.
      const current = await this.configs.find(auth.tenantId, channel, tx, true);
      if (!current) throw new Error(`The ${channel} config vanished while being updated`);
      const { credentials, settings } = composeChannelConfig(
        channel,
        input,
        current,
        this.store,
        this.egress,
      );
      const row = await this.configs.update(tx, auth.tenantId, channel, {
        provider: input.provider,
        credentialsSealed: this.store.seal(credentials),
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
    const providers = Object.fromEntries(CHANNELS.map((c) => [c, this.store.defaultProvider(c)])) as Record<
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
      const provider = this.store.defaultProvider(channel);
      // A concurrent request may insert first (then this one does nothing); a webhook-key collision is retried.
      await this.configs.insertIfMissing(
        tenantId,
        channel,
        {
          provider,
          credentialsSealed: this.store.seal(this.store.initialCredentials(provider)),
          settings: {},
        },
        newSecret(),
      );
    }
    throw new Error(`Could not create the ${channel} config of tenant ${tenantId}`);
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
    const resolved = resolvedChannelOf(row, this.store, {
      simulator: this.simulator,
      clock: this.clock,
      egress: this.egress,
    });
    this.built.set(key, resolved);
    return resolved;
  }

  private async toView(row: ChannelConfigRow): Promise<ChannelConfigView> {
    const lastSync = await this.configs.lastSync(row.tenant_id, row.channel);
    return channelConfigViewOf(row, this.store, this.config.publicBaseUrl, lastSync);
  }
}

/** Resolved channels kept per process (an adapter and its credentials each). */
const BUILT_CHANNELS_KEPT = 1_000;
/** How long `resolve` uses a channel it read without reading it again (an announced change is forgotten at once). */
export const RESOLVED_TTL_MS = 1000;
