import { Webhook } from '@app/auth';
import { AppError, RawResponse } from '@app/common';
import { inboundEventKey, WebhookIntakeService } from '@app/domain';
import { Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TwilioMessagingChannels } from './twilio-messaging-channels';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * Twilio's inbound messages (SMS and WhatsApp; the simulator posts the same): find the channel by `?key=`, check
 * X-Twilio-Signature, record, queue, answer empty TwiML. Their status callbacks: TwilioStatusRoute.
 */
@ApiExcludeController()
@Controller('webhooks/twilio')
export class TwilioWebhooksController {
  constructor(
    private readonly channels: TwilioMessagingChannels,
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
    const { channel, form } = await this.channels.verified(key, req);
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
}
