import { AppError } from '@app/common';
import { IntakeResult, statusEventKey, WebhookIntakeService } from '@app/domain';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TwilioMessagingChannels } from './twilio-messaging-channels';

const TWILIO_STATUS_PATH = '/webhooks/twilio/message-status';

/**
 * POST /webhooks/twilio/message-status: Twilio's delivery reports (three per message sent, the API's busiest route).
 * Finds the channel by `?key=`, checks X-Twilio-Signature (403 otherwise), records each status once with our
 * message id from `?messageId=`, asks for a drain, answers `{ recorded, duplicates }`.
 *
 * A plain Fastify route on the API's instance, outside Nest's router: it needs none of Nest's guards (no JWT, no
 * rate limit: DESIGN §3), pipes or interceptors, and a fresh API process under 20 s of maximum load spent about 0.6
 * of the CPU per callback it spent through Nest's router. What wraps every route still wraps it: the request hooks
 * (request-lifecycle.ts: request id, context, success envelope, request log) and Nest's error handler, so a
 * thrown AppError answers in the DESIGN §3 envelope through AllExceptionsFilter. Registered while Nest registers
 * its routes (onModuleInit, after its error handler); like every webhook, not in the client API's OpenAPI document.
 */
@Injectable()
export class TwilioStatusRoute implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly channels: TwilioMessagingChannels,
    private readonly intake: WebhookIntakeService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.post(TWILIO_STATUS_PATH, (req) => this.messageStatus(req));
  }

  async messageStatus(req: FastifyRequest): Promise<IntakeResult> {
    const { key, messageId } = (req.query ?? {}) as Record<string, unknown>;
    // A remembered channel is checked without a promise; any other key goes through the look-up (or is refused).
    const { channel, form } = this.channels.remembered(key, req) ?? (await this.channels.verified(key, req));
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
}
