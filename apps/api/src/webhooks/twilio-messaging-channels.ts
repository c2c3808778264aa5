import type { ResolvedChannel } from '@app/domain';
import {
  headerValue,
  TWILIO_SIGNATURE_HEADER,
  TwilioWebhookParams,
  verifyTwilioSignature,
} from '@app/providers';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formOf } from './twilio-form';
import { WebhookAudience, WebhookChannels } from './webhook-channels';

const TWILIO: WebhookAudience = { channels: ['sms', 'whatsapp'], providers: ['twilio', 'simulator'] };

/**
 * The first step of Twilio's messaging webhooks (SMS and WhatsApp; the simulator posts the same): find the channel
 * by `?key=`, check X-Twilio-Signature against PUBLIC_BASE_URL + path + query with its auth token (403 otherwise).
 */
@Injectable()
export class TwilioMessagingChannels {
  constructor(private readonly channels: WebhookChannels) {}

  async verified(
    key: unknown,
    req: FastifyRequest,
  ): Promise<{ channel: ResolvedChannel; form: TwilioWebhookParams }> {
    const form = formOf(req.body);
    const channel = await this.channels.byKey(key, TWILIO, this.signed(req, form));
    return { channel, form };
  }

  /**
   * `verified` without a look-up or a promise when the channel of `key` is remembered and this request's signature
   * checks out with it; else undefined (then `verified` decides, and refuses).
   */
  remembered(
    key: unknown,
    req: FastifyRequest,
  ): { channel: ResolvedChannel; form: TwilioWebhookParams } | undefined {
    const form = formOf(req.body);
    const channel = this.channels.rememberedByKey(key, TWILIO, this.signed(req, form));
    return channel && { channel, form };
  }

  /** Whether the request's X-Twilio-Signature is a channel's signature of its public URL and form. */
  private signed(req: FastifyRequest, form: TwilioWebhookParams): (channel: ResolvedChannel) => boolean {
    const signature = headerValue(req.headers[TWILIO_SIGNATURE_HEADER]);
    const url = this.channels.publicUrl(req);
    return (c) => verifyTwilioSignature(c.signingSecret, signature, url, form);
  }
}
