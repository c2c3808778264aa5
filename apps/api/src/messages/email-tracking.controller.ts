import { Webhook } from '@app/auth';
import { EmailOpensService } from '@app/domain';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Email open pixel and tracked links, each carrying an HMAC token of the message id (and the link). A good token
 * records the open or click; a bad one answers 403 and records nothing (a link with it goes nowhere).
 */
@ApiExcludeController()
@Controller('webhooks/email')
export class EmailTrackingController {
  constructor(private readonly opens: EmailOpensService) {}

  @Get('open/:messageId')
  @Webhook()
  async open(
    @Param('messageId') messageId: string,
    @Query('t') token: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!UUID.test(messageId) || !this.opens.tracking.verify(messageId.toLowerCase(), token)) {
      await refuse(reply);
      return;
    }
    await this.opens.opened(messageId.toLowerCase(), token);
    await reply.header('Cache-Control', 'no-store, max-age=0').type('image/gif').status(200).send(PIXEL);
  }

  @Get('click/:messageId')
  @Webhook()
  async click(
    @Param('messageId') messageId: string,
    @Query('u') url: unknown,
    @Query('t') token: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const to = UUID.test(messageId) ? await this.opens.clicked(messageId.toLowerCase(), url, token) : null;
    if (!to) {
      await refuse(reply);
      return;
    }
    // As a URL encodes it: a path in another script (/каталог) cannot go in a header as written.
    await reply.header('Cache-Control', 'no-store').redirect(new URL(to).href, 302);
  }
}

function refuse(reply: FastifyReply) {
  return reply
    .status(403)
    .type('application/json')
    .send({ success: false, error: { code: 'AUTHORIZATION_FAILED', message: 'This link is not valid' } });
}
