import { Authenticated, CurrentAuth, RateLimit, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, AppError, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { MessageUploads } from '@app/domain';
import { attachmentType, formFileName } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { multipartError } from '../uploads/csv-upload';
import { MessageUploadDto, MessageUploadFormDto } from './dto/message-upload.dto';

/** Files to send: uploaded here, then named by a send's `attachment_ids`. */
@ApiTags('messages')
@Controller('messages/attachments')
@Authenticated()
export class MessageUploadsController {
  constructor(
    private readonly uploads: MessageUploads,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('agent')
  @RateLimit('messages')
  @ApiOperation({
    summary: 'Upload a file to send with a message',
    description:
      'multipart/form-data with the file in `file` (at most MEDIA_MAX_BYTES). Send it by naming its id in a message’s `attachment_ids`; it goes out once, with that message. One never sent is deleted after 7 days.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: MessageUploadFormDto })
  @ApiEnvelope(MessageUploadDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE)
  async upload(@CurrentAuth() auth: AuthContext, @Req() req: FastifyRequest): Promise<MessageUploadDto> {
    if (!req.isMultipart())
      throw new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the file as multipart/form-data, in a part named "file"',
      );
    const max = this.config.mediaMaxBytes;
    let file: { filename: string | null; content_type: string; content: Buffer } | undefined;
    try {
      for await (const part of req.parts({ limits: { fileSize: max, files: 1 } })) {
        if (part.type !== 'file' || part.fieldname !== 'file' || file)
          throw AppError.field(part.fieldname, 'is not read: send one file, in the part named "file"');
        const content = await part.toBuffer();
        if (part.file.truncated)
          throw new AppError(
            ErrorCode.PAYLOAD_TOO_LARGE,
            `The file is larger than MEDIA_MAX_BYTES (${max} bytes)`,
          );
        if (!content.length) throw AppError.field('file', 'is empty');
        file = {
          filename: formFileName(part.filename),
          content_type: attachmentType(part.mimetype),
          content,
        };
      }
    } catch (err) {
      // A second file is no larger upload: the client sent what this route does not take.
      if ((err as { code?: string }).code === 'FST_FILES_LIMIT')
        throw AppError.field('file', 'is one file: send each file in an upload of its own');
      throw multipartError(err);
    }
    if (!file) throw AppError.field('file', 'is required (a multipart part named "file")');
    return this.uploads.upload(auth.tenantId, file);
  }
}
