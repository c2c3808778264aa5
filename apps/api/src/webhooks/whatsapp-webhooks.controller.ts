import { Webhook } from '@app/auth';
import { RawResponse } from '@app/common';
import {
  EventToRecord,
  inboundEventKey,
  ResolvedChannel,
  statusEventKey,
  WebhookIntakeService,
} from '@app/domain';
import {
  answerMetaVerification,
  headerValue,
  META_SIGNATURE_HEADER,
  verifyMetaSignature,
} from '@app/providers';
import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WebhookAudience, WebhookChannels } from './webhook-channels';

const META: WebhookAudience = { channels: ['whatsapp'], providers: ['whatsapp_cloud'] };

/**
 * Meta's WhatsApp Cloud API webhook: the verify-token handshake (GET) and signed events (POST, X-Hub-Signature-256
 * over the raw body with the app secret). `?key=` names the tenant's WhatsApp config.
 */
@ApiExcludeController()
@Controller('webhooks/whatsapp')
export class WhatsAppWebhooksController {
  constructor(
    private readonly channels: WebhookChannels,
    private readonly intake: WebhookIntakeService,
  ) {}

  @Get()
  @Webhook()
  @RawResponse()
  async verify(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const answer = (c: ResolvedChannel) => {
      const verifyToken = c.settings.verify_token;
      return answerMetaVerification(typeof verifyToken === 'string' ? verifyToken : '', query);
    };
    const channel = await this.channels.byKey(query.key, META, (c) => answer(c) !== undefined);
    const challenge = answer(channel) as string;
    void reply.header('content-type', 'text/plain; charset=utf-8');
    return challenge;
  }

  @Post()
  @HttpCode(200)
  @Webhook()
  async receive(
    @Query('key') key: unknown,
    @Req() req: FastifyRequest & { rawBody?: Buffer },
  ): Promise<{ recorded: number; duplicates: number }> {
    const signature = headerValue(req.headers[META_SIGNATURE_HEADER]);
    const raw = req.rawBody;
    const channel = await this.channels.byKey(
      key,
      META,
      (c) => Boolean(raw) && verifyMetaSignature(c.signingSecret, raw as Buffer, signature),
    );
    const events: EventToRecord[] = [
      ...channel.port.parseStatus(req.body).map((update): EventToRecord => ({
        event_key: statusEventKey(update),
        // Our id, as the send attached it (biz_opaque_callback_data): it finds the row as Twilio's URL id does.
        event: { kind: 'status', message_id: update.callback_data ?? null, update, raw: null },
      })),
      ...channel.port.parseInbound(req.body).map((message): EventToRecord => ({
        event_key: inboundEventKey(message),
        event: { kind: 'inbound', channel: 'whatsapp', message, raw: null },
      })),
    ];
    // Other fields Meta may send (account updates, template reviews) hold no events: acknowledged, not recorded.
    return this.intake.record(channel.tenantId, channel.provider, events);
  }
}
