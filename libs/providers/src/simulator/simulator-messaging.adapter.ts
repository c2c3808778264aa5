import {
  InboundMessage,
  MessagingChannel,
  MessagingPort,
  OutboundMessage,
  SendResult,
  SentLookup,
  SentLookupQuery,
  StatusUpdate,
  ProviderOptOut,
} from '../messaging.port';
import { systemNow, type Now } from '../now';
import { ProviderError } from '../provider-error';
import { countSmsSegments } from '../sms/sms-segments';
import { parseInboundEmail } from '../smtp/inbound-email.parser';
import { angleMessageId } from '../smtp/smtp-credentials';
import { parseTelegramBlock, parseTelegramUpdate } from '../telegram/telegram-update.parser';
import { parseTwilioInbound, parseTwilioStatusCallback } from '../twilio/twilio-webhook.parser';
import { SimulatorLedger } from './simulator-ledger';
import { SimulatorSettings, simulatedProviderId, simulatorPlan } from './simulator-plan';
import { SimulatorRateLimit, simulatorRateLimited } from './simulator-rate-limit';
import { scheduleSimulatorStep, SimulatorScheduler } from './simulator-scheduler';

/** The simulator's own addresses when the channel config's settings name none. */
export const SIMULATOR_DEFAULT_SENDERS: Record<MessagingChannel, string> = {
  sms: '+15005550006',
  whatsapp: '+15005550006',
  telegram: '5000000001',
  email: 'inbox@simulator.reachline.test',
};

export interface SimulatorAdapterOptions {
  tenantId: string;
  /** The channel this adapter carries (one adapter per tenant and channel, as a channel config is). */
  channel: MessagingChannel;
  settings: SimulatorSettings;
  ledger: SimulatorLedger;
  scheduler: SimulatorScheduler;
  /** The sender when a message names none (the channel config's `settings.from`). */
  from?: string;
  /** The provider's per-sender rate limit (SIMULATOR_RATE_LIMIT_PER_SECOND); none when absent. */
  rateLimit?: SimulatorRateLimit;
  now?: Now;
}

/**
 * The embedded provider (DESIGN §2) for SMS, WhatsApp, Telegram and email: a send gets a provider id that follows
 * from the seed and our message id, is remembered in Redis (for `lookupSent`), and schedules its callbacks on the
 * `simulator` queue: Twilio's statuses, then maybe the lead's reply, delivered to our own webhook routes by the
 * `simulator.deliver` handler, signed as the real provider signs them. Holds no state of its own.
 */
export class SimulatorMessagingAdapter extends MessagingPort {
  readonly provider = 'simulator' as const;
  private readonly now: Now;

  constructor(private readonly options: SimulatorAdapterOptions) {
    super();
    this.now = options.now ?? systemNow;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const { channel, tenantId, settings } = this.options;
    if (message.channel !== channel) {
      throw ProviderError.unsupported(
        'simulator',
        `This channel config carries ${channel}, not ${message.channel}`,
      );
    }
    if (!message.to?.trim()) throw ProviderError.unsupported('simulator', 'A message needs a recipient');
    if (!message.body && !message.template && !message.media_urls?.length && !message.html) {
      throw ProviderError.unsupported('simulator', 'A message needs a body, a template or media');
    }
    const providerId =
      channel === 'email' && message.threading?.message_id
        ? angleMessageId(message.threading.message_id)
        : simulatedProviderId(settings.seed, channel, message.message_id);
    const status = channel === 'sms' || channel === 'whatsapp' ? 'queued' : 'sent';
    const from = message.from ?? this.options.from ?? SIMULATOR_DEFAULT_SENDERS[channel];
    const sentAt = this.now();
    const { rateLimit } = this.options;
    if (rateLimit) {
      // Over the sender's limit in this second: refused like Twilio's 429, nothing recorded, no callback.
      const wait = await rateLimit.take(tenantId, channel, from, sentAt);
      if (wait > 0) throw simulatorRateLimited(rateLimit.perSecond, from, wait);
    }
    const recorded = await this.options.ledger.record({
      tenant_id: tenantId,
      channel,
      provider_message_id: providerId,
      message_id: message.message_id,
      to: message.to,
      from,
      ...(message.body !== undefined ? { body: message.body } : {}),
      ...(message.subject !== undefined ? { subject: message.subject } : {}),
      status,
      sent_at: sentAt.toISOString(),
    });
    // A message accepted before scheduled its callbacks the first time: none again.
    if (recorded && simulatorPlan(settings, channel, message.message_id).length) {
      await scheduleSimulatorStep(
        this.options.scheduler,
        { tenant_id: tenantId, channel, provider_message_id: providerId, step: 0 },
        settings.delayMs,
      );
    }
    const segments = channel === 'sms' && message.body ? countSmsSegments(message.body).segments : undefined;
    return { provider_message_id: providerId, status, ...(segments ? { segments } : {}) };
  }

  /** The simulator's status callbacks are Twilio's (SMS and WhatsApp); Telegram and email have none. */
  parseStatus(payload: unknown): StatusUpdate[] {
    const { channel } = this.options;
    return channel === 'sms' || channel === 'whatsapp' ? parseTwilioStatusCallback(payload, this.now()) : [];
  }

  /** Its replies speak the channel's provider protocol: a Twilio form, a Telegram Update, an inbound-email body. */
  parseInbound(payload: unknown): InboundMessage[] {
    const now = this.now();
    switch (this.options.channel) {
      case 'sms':
      case 'whatsapp':
        return parseTwilioInbound(payload, now);
      case 'telegram':
        return parseTelegramUpdate(payload, this.options.from ?? SIMULATOR_DEFAULT_SENDERS.telegram, now);
      case 'email':
        return parseInboundEmail(payload, now);
    }
  }

  /** A Telegram user blocking the bot, as Telegram tells it (`my_chat_member`); the other channels tell none. */
  override parseOptOuts(payload: unknown): ProviderOptOut[] {
    if (this.options.channel !== 'telegram') return [];
    return parseTelegramBlock(payload, this.options.from ?? SIMULATOR_DEFAULT_SENDERS.telegram, this.now());
  }

  async lookupSent(query: SentLookupQuery): Promise<SentLookup[]> {
    const sends = await this.options.ledger.sentTo(
      this.options.tenantId,
      query.channel,
      query.to,
      query.since,
    );
    return sends
      .filter((s) => !query.from || s.from === query.from)
      .map((s) => ({
        provider_message_id: s.provider_message_id,
        to: s.to,
        from: s.from,
        ...(s.body !== undefined ? { body: s.body } : {}),
        status: s.status,
        ...(s.error_code ? { error_code: s.error_code } : {}),
        sent_at: s.sent_at,
      }));
  }
}
