import { AppError } from '@app/common';
import { AppConfig } from '@app/config';
import type { ChannelProvider } from '@app/db';
import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
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

/**
 * A webhook's first step (DESIGN §3 key shapes): the routing key in its URL names the tenant's channel config,
 * whose secret the signature is then checked with. Only the key is read before that.
 */
@Injectable()
export class WebhookChannels {
  constructor(
    private readonly channels: ChannelConfigsService,
    private readonly config: AppConfig,
  ) {}

  async byKey(key: unknown, audience: WebhookAudience): Promise<ResolvedChannel> {
    const resolved = typeof key === 'string' && key ? await this.channels.findByWebhookKey(key) : null;
    if (
      !resolved ||
      !resolved.signingSecret ||
      !audience.channels.includes(resolved.channel) ||
      !audience.providers.includes(resolved.provider)
    ) {
      throw webhookRefused();
    }
    return resolved;
  }

  /** The public URL the provider called (what Twilio signs): PUBLIC_BASE_URL and the request's path and query. */
  publicUrl(req: FastifyRequest): string {
    return `${this.config.publicBaseUrl}${req.url}`;
  }
}
