import { BoundedMap, Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { TelephonyPort, TwilioVoiceAdapter } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { ChannelConfigsService, VoiceChannelConfig } from '../channels/channel-configs.service';
import { SimulatorRuntime } from '../simulator/simulator-runtime';
import { VoiceUrls } from './voice-urls';

/** A tenant's voice channel, ready to call with. */
export interface VoiceChannel {
  tenantId: string;
  provider: VoiceChannelConfig['provider'];
  port: TelephonyPort;
  webhookKey: string;
  /** What the provider signs its webhooks with (Twilio's auth token, the simulator's secret). */
  signingSecret: string;
  urls: VoiceUrls;
  /** The default caller id (settings.from). */
  from: string | null;
  /** The account's calls per second (settings.cps, default 1): no dialer ever places more. */
  cps: number;
  /** Who takes calls to the tenant's number (settings.agent_group_id); null: any agent. */
  inboundGroupId: string | null;
  /** How long an inbound caller waits for an agent before voicemail (settings.inbound_ring_seconds, default 20). */
  inboundRingSeconds: number;
}

const KEPT = 1_000;

/**
 * The tenant's voice config as a telephony port (the Twilio voice adapter, or the telephony simulator when no
 * credentials are set), built once per version of the config row.
 */
@Injectable()
export class VoiceChannelsService {
  private readonly built = new BoundedMap<string, VoiceChannel>(KEPT);

  constructor(
    private readonly channels: ChannelConfigsService,
    private readonly simulator: SimulatorRuntime,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async resolve(tenantId: string): Promise<VoiceChannel> {
    return this.toChannel(await this.channels.voice(tenantId));
  }

  /** The voice channel a webhook's `?key=` names; null for an unknown key. */
  async findByWebhookKey(key: string): Promise<VoiceChannel | null> {
    const config = await this.channels.findVoiceByWebhookKey(key);
    return config ? this.toChannel(config) : null;
  }

  private toChannel(config: VoiceChannelConfig): VoiceChannel {
    const cached = this.built.get(config.version);
    if (cached) return cached;
    const settings = config.settings;
    const channel: VoiceChannel = {
      tenantId: config.tenantId,
      provider: config.provider,
      port: this.port(config),
      webhookKey: config.webhookKey,
      signingSecret: config.signingSecret,
      urls: new VoiceUrls(this.config.publicBaseUrl, config.webhookKey),
      from: callerIdOf(config),
      cps: typeof settings.cps === 'number' && settings.cps > 0 ? settings.cps : 1,
      inboundGroupId: typeof settings.agent_group_id === 'string' ? settings.agent_group_id : null,
      inboundRingSeconds:
        typeof settings.inbound_ring_seconds === 'number' && settings.inbound_ring_seconds > 0
          ? settings.inbound_ring_seconds
          : 20,
    };
    this.built.set(config.version, channel);
    return channel;
  }

  private port(config: VoiceChannelConfig): TelephonyPort {
    if (config.provider === 'simulator')
      return this.simulator.telephony(config.tenantId, config.signingSecret);
    const { account_sid, auth_token, base_url } = config.credentials;
    return new TwilioVoiceAdapter(
      {
        account_sid: String(account_sid),
        auth_token: String(auth_token),
        // The platform's Twilio account's base URL (TWILIO config; a tenant's credentials never carry one).
        ...(typeof base_url === 'string' && base_url ? { base_url } : {}),
      },
      { now: () => this.clock.now() },
    );
  }
}

/** The simulator's own number, the caller id of a simulated account that names none. */
const SIMULATOR_CALLER_ID = '+15005550006';

/**
 * The account's caller id: the voice settings' `from`, else the Twilio account's `from` number (the one the config
 * was saved with), else for the simulator its own number; null when the account has none (a Twilio config with a
 * messaging service only), and then no call is placed from another number.
 */
function callerIdOf(config: VoiceChannelConfig): string | null {
  if (typeof config.settings.from === 'string') return config.settings.from;
  const { from } = config.credentials;
  if (config.provider === 'twilio' && typeof from === 'string' && from.startsWith('+')) return from;
  return config.provider === 'simulator' ? SIMULATOR_CALLER_ID : null;
}
