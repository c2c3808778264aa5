import { Webhook } from '@app/auth';
import { RawResponse } from '@app/common';
import { Controller, HttpCode, Module, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** A webhook-style fixture: no token, no rate limit, no envelope; answers the digest of the exact raw bytes. */
@Controller('webhooks/test')
export class EchoWebhookController {
  @Post('echo')
  @HttpCode(200)
  @Webhook()
  @RawResponse()
  echo(@Req() req: FastifyRequest & { rawBody?: Buffer }) {
    const raw = req.rawBody ?? Buffer.alloc(0);
    return { length: raw.length, sha256: createHash('sha256').update(raw).digest('hex') };
  }
}

/** Mount with `createTestApi({ imports: [EchoWebhookModule] })` to get POST /webhooks/test/echo. */
@Module({ controllers: [EchoWebhookController] })
export class EchoWebhookModule {}
