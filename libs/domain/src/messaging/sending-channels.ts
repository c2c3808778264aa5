import type { MessagingChannel, MessagingPort } from '@app/providers';

/** What the sender needs of a tenant's channel config: the provider, its adapter, and the webhook routing key. */
export interface SendingChannel {
  provider: string;
  port: MessagingPort;
  webhookKey: string;
  /** Who sends (number, bot, account): the key of its per-sender rate limit; the provider's name when absent. */
  sender?: string;
}

/**
 * The sender's (and the inbound media fetcher's) view of channel configs; bound to ChannelConfigsService (its
 * `resolve` has this shape), and replaceable in tests by a port of their own.
 */
export abstract class SendingChannels {
  abstract resolve(tenantId: string, channel: MessagingChannel): Promise<SendingChannel>;
  /**
   * The provider the channel would send with, read without making anything (`resolve` makes the tenant's row of a
   * channel nobody configured): what a check of an input that may still be refused asks.
   */
  abstract providerOf(tenantId: string, channel: MessagingChannel): Promise<string>;
}
