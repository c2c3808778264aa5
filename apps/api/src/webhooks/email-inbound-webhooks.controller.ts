import { Webhook } from '@app/auth';
import { invalidInput } from '@app/common';
import { InboundAttachments, inboundEventKey, WebhookIntakeService } from '@app/domain';
import { AppConfig } from '@app/config';
import { relayEmailPayload, safeEqual, verifyMailgunSignature } from '@app/providers';
import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { relayPostOf } from './email-inbound-body';
import { MailgunReplays } from './mailgun-replays';
import { WebhookAudience, WebhookChannels, webhookRefused } from './webhook-channels';

const EMAIL: WebhookAudience = { channels: ['email'], providers: ['smtp', 'simulator'] };

/**
 * Inbound email from a mail relay (or the simulator): `?key=` names the tenant's email config and `&secret=` must
 * be its inbound secret; with a Mailgun signing key in the config, the post must also carry Mailgun's signature,
 * fresh and not seen with another email (MailgunReplays).
 * The body is the InboundEmailPayload JSON (libs/providers smtp), a raw message (`message/rfc822`), SendGrid's
 * Inbound Parse, a Mailgun route's forward() (a route to a URL ending in `mime` posts the raw message:
 * `/webhooks/email-inbound/mime`) or Postmark's inbound JSON (relayEmailPayload). Its attachments are kept
 * (InboundAttachments) and listed on the message.
 */
@ApiExcludeController()
@Controller('webhooks/email-inbound')
export class EmailInboundWebhooksController {
  constructor(
    private readonly channels: WebhookChannels,
    private readonly intake: WebhookIntakeService,
    private readonly attachments: InboundAttachments,
    private readonly config: AppConfig,
    private readonly mailgunReplays: MailgunReplays,
  ) {}

  @Post(['', 'mime'])
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
    const post = await relayPostOf(req, this.config.inboundEmailMaxBytes);
    // With Mailgun's signing key set, only Mailgun's signed posts are taken (its signature is in the form).
    const mailgunKey = channel.settings.mailgun_signing_key;
    if (typeof mailgunKey === 'string' && !(post.form && verifyMailgunSignature(mailgunKey, post.form)))
      throw webhookRefused();
    const payload = await relayEmailPayload(post.body);
    const parsed = channel.port.parseInbound(payload);
    if (!parsed.length) {
      throw invalidInput([{ field: 'from', reason: 'is required: an email address' }]);
    }
    if (typeof mailgunKey === 'string')
      await this.mailgunReplays.check(
        channel.tenantId,
        post.form ?? {},
        parsed.map((m) => m.provider_message_id),
      );
    // The files are stored first: the event recorded for the worker names them without their bytes.
    const messages = await this.attachments.store(channel.tenantId, channel.provider, parsed);
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
