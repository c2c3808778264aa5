import { Webhook } from '@app/auth';
import { AppError } from '@app/common';
import { inboundEventKey, WebhookIntakeService } from '@app/domain';
import { safeEqual } from '@app/providers';
import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { WebhookAudience, WebhookChannels } from './webhook-channels';

const EMAIL: WebhookAudience = { channels: ['email'], providers: ['smtp', 'simulator'] };

/**
 * Inbound email from a mail relay (or the simulator): `?key=` names the tenant's email config and `&secret=` must
 * be its inbound secret; the JSON body is an InboundEmailPayload (libs/providers smtp).
 */
@ApiExcludeController()
@Controller('webhooks/email-inbound')
export class EmailInboundWebhooksController {
  constructor(
    private readonly channels: WebhookChannels,
    private readonly intake: WebhookIntakeService,
  ) {}

  @Post()
  @HttpCode(200)
  @Webhook()
  async receive(
    @Query('key') key: unknown,
    @Query('secret') secret: unknown,
    @Req() req: FastifyRequest,
  ): Promise<{ recorded: number; duplicates: number }> {
    const channel = await this.channels.byKey(
      key,
      EMAIL,
      (c) => typeof secret === 'string' && safeEqual(c.signingSecret, secret),
    );
    const messages = channel.port.parseInbound(req.body);
    if (!messages.length) {
      throw AppError.validation('An inbound email needs from and message_id', [
        { field: 'from', reason: 'is required' },
        { field: 'message_id', reason: 'is required' },
      ]);
    }
    return this.intake.record(
      channel.tenantId,
      channel.provider,
      messages.map((message) => ({
        event_key: inboundEventKey(message),
        event: { kind: 'inbound', channel: 'email', message, raw: null },
      })),
    );
  }
}
