import { Webhook } from '@app/auth';
import { EmailOpensService, EmailUnsubscribeService } from '@app/domain';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Email open pixel and tracked links, each carrying an HMAC token of the message id (and the link). A good token
 * records the open or click; a bad one answers 403 and records nothing (a link with it goes nowhere).
 */
@ApiExcludeController()
@Controller('webhooks/email')
export class EmailTrackingController {
  constructor(
    private readonly opens: EmailOpensService,
    private readonly unsubscribes: EmailUnsubscribeService,
  ) {}

  /**
   * RFC 8058 one-click: the mail client posts `List-Unsubscribe=One-Click` to the link; the lead is opted out of
   * email. Answered 200 with no body.
   */
  @Post('unsubscribe/:messageId')
  @HttpCode(200)
  @Webhook()
  async unsubscribeOneClick(
    @Param('messageId') messageId: string,
    @Query('t') token: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!UUID.test(messageId) || !(await this.unsubscribes.unsubscribe(messageId.toLowerCase(), token))) {
      await refuse(reply);
      return;
    }
    await reply.header('Cache-Control', 'no-store').status(200).send();
  }

  /**
   * The link opened in a browser: a page whose button posts the one-click form, so a mail scanner that follows
   * every link unsubscribes nobody.
   */
  @Get('unsubscribe/:messageId')
  @Webhook()
  async unsubscribePage(
    @Param('messageId') messageId: string,
    @Query('t') token: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!UUID.test(messageId) || !this.opens.tracking.verifyUnsubscribe(messageId.toLowerCase(), token)) {
      await refuse(reply);
      return;
    }
    const action = `/webhooks/email/unsubscribe/${messageId.toLowerCase()}?t=${encodeURIComponent(String(token))}`;
    await reply
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', "default-src 'none'; form-action 'self'; style-src 'unsafe-inline'")
      .type('text/html; charset=utf-8')
      .send(unsubscribePage(action));
  }

  /** A HEAD (a link checker or proxy probing the URL, as GET routes answer it too) records nothing. */
  @Get('open/:messageId')
  @Webhook()
  async open(
    @Param('messageId') messageId: string,
    @Query('t') token: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!UUID.test(messageId) || !this.opens.tracking.verify(messageId.toLowerCase(), token)) {
      await refuse(reply);
      return;
    }
    if (req.method !== 'HEAD') await this.opens.opened(messageId.toLowerCase(), token);
    await reply.header('Cache-Control', 'no-store, max-age=0').type('image/gif').status(200).send(PIXEL);
  }

  @Get('click/:messageId')
  @Webhook()
  async click(
    @Param('messageId') messageId: string,
    @Query('u') url: unknown,
    @Query('t') token: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const to = UUID.test(messageId)
      ? await this.opens.clicked(messageId.toLowerCase(), url, token, req.method !== 'HEAD')
      : null;
    if (!to) {
      await refuse(reply);
      return;
    }
    // As a URL encodes it: a path in another script (/каталог) cannot go in a header as written.
    await reply.header('Cache-Control', 'no-store').redirect(new URL(to).href, 302);
  }
}

function unsubscribePage(action: string): string {
  const href = action.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Unsubscribe</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto">
<h1>Unsubscribe</h1><p>Stop receiving these emails?</p>
<form method="post" action="${href}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form></body></html>`;
}

function refuse(reply: FastifyReply) {
  return reply
    .status(403)
    .type('application/json')
    .send({ success: false, error: { code: 'AUTHORIZATION_FAILED', message: 'This link is not valid' } });
}
