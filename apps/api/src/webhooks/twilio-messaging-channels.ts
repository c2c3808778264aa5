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
    const signature = headerValue(req.headers[TWILIO_SIGNATURE_HEADER]);
    const url = this.channels.publicUrl(req);
    const channel = await this.channels.byKey(key, TWILIO, (c) =>
      verifyTwilioSignature(c.signingSecret, signature, url, form),
    );
    return { channel, form };
  }
}
