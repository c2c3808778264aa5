import { Webhook } from '@app/auth';
import { AppError, RawResponse } from '@app/common';
import { inboundEventKey, statusEventKey, WebhookIntakeService } from '@app/domain';
import { headerValue, TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from '@app/providers';
import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formOf } from './twilio-form';
import { WebhookAudience, WebhookChannels } from './webhook-channels';

const TWILIO: WebhookAudience = { channels: ['sms', 'whatsapp'], providers: ['twilio', 'simulator'] };
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * Twilio's messaging webhooks (SMS and WhatsApp; the simulator posts the same): find the channel by `?key=`,
 * check X-Twilio-Signature against PUBLIC_BASE_URL + path + query with its auth token, record, queue, answer.
 */
@ApiExcludeController()
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(
    private readonly channels: WebhookChannels,
    private readonly intake: WebhookIntakeService,
  ) {}

  @Post('messaging')
  @HttpCode(200)
  @Webhook()
  @RawResponse()
  async messaging(
    @Query('key') key: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { channel, form } = await this.verified(key, req);
    const messages = channel.port.parseInbound(form);
    if (!messages.length) throw AppError.field('MessageSid', 'and From, To are required');
    await this.intake.record(
      channel.tenantId,
      channel.provider,
      messages.map((message) => ({
        event_key: inboundEventKey(message),
        event: { kind: 'inbound', channel: message.channel, message, raw: form },
      })),
    );
    void reply.header('content-type', 'text/xml; charset=utf-8');
    return EMPTY_TWIML;
  }

  @Post('message-status')
  @HttpCode(200)
  @Webhook()
  async messageStatus(
    @Query('key') key: unknown,
    @Query('messageId') messageId: unknown,
    @Req() req: FastifyRequest,
  ): Promise<{ recorded: number; duplicates: number }> {
    const { channel, form } = await this.verified(key, req);
    const updates = channel.port.parseStatus(form);
    if (!updates.length) throw AppError.field('MessageStatus', 'and MessageSid are required');
    return this.intake.record(
      channel.tenantId,
      channel.provider,
      updates.map((update) => ({
        event_key: statusEventKey(update),
        event: {
          kind: 'status',
          message_id: typeof messageId === 'string' ? messageId : null,
          update,
          raw: form,
        },
      })),
    );
  }

  private async verified(key: unknown, req: FastifyRequest) {
    const form = formOf(req.body);
    const signature = headerValue(req.headers[TWILIO_SIGNATURE_HEADER]);
    const url = this.channels.publicUrl(req);
    const channel = await this.channels.byKey(key, TWILIO, (c) =>
      verifyTwilioSignature(c.signingSecret, signature, url, form),
    );
    return { channel, form };
  }
}
