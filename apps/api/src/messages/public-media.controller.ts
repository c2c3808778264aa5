import { Webhook } from '@app/auth';
import { isUuid } from '@app/common';
import { MessageUploads } from '@app/domain';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/** Types a browser shows without running anything (SVG is a document: it can hold scripts). */
const SHOWN_INLINE = /^(image\/(png|jpeg|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/i;

/**
 * The files our messages send, at the public links the providers fetch them from (`?t=` is an HMAC of the file
 * id: MessageFileLinks). A bad link, or a file that is not an outbound message's, answers 404.
 */
@ApiExcludeController()
@Controller('webhooks/media')
export class PublicMediaController {
  constructor(private readonly uploads: MessageUploads) {}

  // The name is a wildcard: a parameter is capped at the router's maxParamLength (200), shorter than a kept name.
  @Get(':id/*')
  @Webhook()
  async file(@Param('id') id: string, @Query('t') token: unknown, @Res() reply: FastifyReply): Promise<void> {
    const file = isUuid(id) ? await this.uploads.readPublic(id.toLowerCase(), token) : null;
    if (!file) {
      await reply
        .status(404)
        .type('application/json')
        .send({ success: false, error: { code: 'NOT_FOUND', message: 'File not found' } });
      return;
    }
    // Any file an agent uploaded, at a link of our origin: never run as a page (HTML, SVG), only pictures and sound
    // shown inline.
    const shown = SHOWN_INLINE.test(file.content_type);
    await reply
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, max-age=3600')
      .header(
        'content-disposition',
        contentDisposition(file.filename ?? 'file', { type: shown ? 'inline' : 'attachment' }),
      )
      .type(file.content_type)
      .status(200)
      .send(file.content);
  }
}
