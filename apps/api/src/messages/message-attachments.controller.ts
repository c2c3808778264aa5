import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiErrors, AppError, ErrorCode, RawResponse, UuidPipe } from '@app/common';
import { InboundAttachments } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

const messageId = new UuidPipe('Message');
const attachmentId = new UuidPipe('Attachment');

/** The files of messages (an email's attachments, a WhatsApp photo, a file an agent sent), as `attachments` lists them. */
@ApiTags('messages')
@Controller('messages/:id/attachments')
@Authenticated()
export class MessageAttachmentsController {
  constructor(private readonly attachments: InboundAttachments) {}

  @Get(':attachmentId')
  @Roles('agent')
  @RawResponse()
  @ApiOperation({
    summary: 'Download a file of a message (its `attachments[].url`)',
    description:
      'The bytes as they came, with their type, always as a download (`Content-Disposition: attachment` with the file name, and `X-Content-Type-Options: nosniff`): a file is never shown as a page of ours.',
  })
  @ApiOkResponse({
    description: 'The file, with its own Content-Type (Content-Disposition: attachment)',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(ErrorCode.NOT_FOUND)
  async download(
    @CurrentAuth() auth: AuthContext,
    @Param('id', messageId) id: string,
    @Param('attachmentId', attachmentId) fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    // An agent reads the files of the conversations assigned to them only, as they read their messages.
    const assignedTo = auth.role === 'agent' ? auth.userId : undefined;
    const file = await this.attachments.read(auth.tenantId, id, fileId, assignedTo);
    if (!file) throw AppError.notFound('Attachment');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('cache-control', 'private, max-age=0');
    return new StreamableFile(file.content, {
      type: file.content_type,
      length: file.content.length,
      disposition: contentDisposition(file.filename ?? 'attachment'),
    });
  }
}
