import { AppError, BoundedMap } from '@app/common';
import { AppConfig } from '@app/config';
import type { ChannelProvider } from '@app/db';
import { ChannelConfigChanges, ChannelConfigsService, ResolvedChannel } from '@app/domain';
import type { MessagingChannel } from '@app/providers';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Which channel configs a webhook route serves: the channels and the providers that call it. */
export interface WebhookAudience {
  channels: readonly MessagingChannel[];
  providers: readonly ChannelProvider[];
}

/** The one answer to an unknown key and a missing or wrong signature alike (DESIGN §7.7): 403, nothing read. */
export function webhookRefused(): AppError {
  return AppError.forbidden('The webhook signature or key is not valid');
}

/** How long a channel that passed its signature check is trusted without reading its config again. */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_KEPT = 10_000;

/**
 * Channels by webhook key that passed a signature check, remembered for a minute, so a provider's stream of
 * callbacks does not read its config for each one. A request the remembered channel does not verify is checked
 * again against the stored config (`load`) before it is refused, so a rotated secret works at once. A change of the
 * config makes every process forget the key (ChannelConfigChanges), so the old secret stops working at once too;
 * the minute bounds it only in a process that missed the announcement.
 */
export class VerifiedChannels<C> {
  private readonly verified = new BoundedMap<string, { channel: C; at: number }>(VERIFIED_KEPT);
  /** Raised by each forget: a load begun before one may have read the old config, and is not remembered. */
  private forgets = 0;

  constructor(changes: ChannelConfigChanges) {
    changes.onChange((key) => this.forget(key));
  }

  /** The channel remembered for `key` if it is still trusted and verifies this request; else undefined (no look-up). */
  remembered(key: string, verify: (channel: C) => boolean): C | undefined {
    const remembered = this.verified.get(key);
    return remembered && Date.now() - remembered.at < VERIFIED_TTL_MS && verify(remembered.channel)
      ? remembered.channel
      : undefined;
  }

  async find(key: string, load: (key: string) => Promise<C | null>, verify: (channel: C) => boolean) {
    const remembered = this.remembered(key, verify);
    if (remembered) return remembered;
    const forgetsBefore = this.forgets;
    const channel = await load(key);
    if (!channel || !verify(channel)) return null;
    if (this.forgets === forgetsBefore) this.verified.set(key, { channel, at: Date.now() });
    return channel;
  }

  private forget(key: string): void {
    this.forgets++;
    this.verified.delete(key);
  }
}

/** Whether a channel config has a secret to check signatures with and is one the route serves. */
function serves(audience: WebhookAudience, channel: ResolvedChannel): boolean {
  return (
    !!channel.signingSecret &&
    audience.channels.includes(channel.channel) &&
    audience.providers.includes(channel.provider)
  );
}

/**
 * A webhook's first step (DESIGN §3 key shapes): the routing key in its URL names the tenant's channel config,
 * whose secret the signature is then checked with (`verify`). Only the key is read before that; a channel that
 * verified is remembered (VerifiedChannels).
 */
@Injectable()
export class WebhookChannels {
  private readonly verified: VerifiedChannels<ResolvedChannel>;

  constructor(
    private readonly channels: ChannelConfigsService,
    private readonly config: AppConfig,
    changes: ChannelConfigChanges,
  ) {
    this.verified = new VerifiedChannels(changes);
  }

  async byKey(
    key: unknown,
    audience: WebhookAudience,
    verify: (channel: ResolvedChannel) => boolean,
  ): Promise<ResolvedChannel> {
    if (typeof key !== 'string' || !key) throw webhookRefused();
    const channel = await this.verified.find(
      key,
      (k) => this.channels.findByWebhookKey(k),
      (c) => serves(audience, c) && verify(c),
    );
    if (!channel) throw webhookRefused();
    return channel;
  }

  /**
   * byKey's answer when the channel of `key` is remembered and verifies this request, found without a look-up or a
   * promise (a provider's stream of callbacks); else undefined, and byKey decides.
   */
  rememberedByKey(
    key: unknown,
    audience: WebhookAudience,
    verify: (channel: ResolvedChannel) => boolean,
  ): ResolvedChannel | undefined {
    if (typeof key !== 'string' || !key) return undefined;
    return this.verified.remembered(key, (c) => serves(audience, c) && verify(c));
  }

  /** The public URL the provider called (what Twilio signs): PUBLIC_BASE_URL and the request's path and query. */
  publicUrl(req: FastifyRequest): string {
    return `${this.config.publicBaseUrl}${req.url}`;
  }
}
