import { Webhook } from '@app/auth';
import { EventToRecord, inboundEventKey, optOutEventKey, WebhookIntakeService } from '@app/domain';
import { headerValue, TELEGRAM_SECRET_HEADER, verifyTelegramSecretToken } from '@app/providers';
import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { WebhookAudience, WebhookChannels } from './webhook-channels';

const TELEGRAM: WebhookAudience = { channels: ['telegram'], providers: ['telegram', 'simulator'] };

/**
 * Telegram's bot webhook (`setWebhook` url `/webhooks/telegram/<key>` with a secret token): the key in the path
 * names the tenant's Telegram config, X-Telegram-Bot-Api-Secret-Token must carry its secret token.
 */
@ApiExcludeController()
@Controller('webhooks/telegram')
export class TelegramWebhooksController {
  constructor(
    private readonly channels: WebhookChannels,
    private readonly intake: WebhookIntakeService,
  ) {}

  @Post(':key')
  @HttpCode(200)
  @Webhook()
  async receive(
    @Param('key') key: string,
    @Req() req: FastifyRequest,
  ): Promise<{ recorded: number; duplicates: number }> {
    const secret = headerValue(req.headers[TELEGRAM_SECRET_HEADER]);
    const channel = await this.channels.byKey(key, TELEGRAM, (c) =>
      verifyTelegramSecretToken(c.signingSecret, secret),
    );
    // A new message or an edit of one is recorded, and a user blocking the bot (their opt-out); other updates
    // (button callbacks, an unblock) are acknowledged and not recorded.
    const events: EventToRecord[] = [
      ...channel.port.parseInbound(req.body).map((message): EventToRecord => ({
        event_key: inboundEventKey(message),
        event: { kind: 'inbound', channel: 'telegram', message, raw: req.body },
      })),
      ...channel.port.parseOptOuts(req.body).map((optOut): EventToRecord => ({
        event_key: optOutEventKey(optOut),
        event: { kind: 'opt_out', channel: 'telegram', opt_out: optOut, raw: req.body },
      })),
    ];
    return this.intake.record(channel.tenantId, channel.provider, events);
  }
}
