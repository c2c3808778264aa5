import { AppError } from '@app/common';
import { AppConfig } from '@app/config';
import { ImportFields, ImportsService, ImportView, PendingUpload, UploadFacts } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { checkCsv, multipartError, requireMultipart, snake } from '../../uploads/csv-upload';

/**
 * Reads `multipart/form-data` with one `file` part and the import's text fields (in any order), streaming the
 * file into Postgres as it arrives. Shared by POST leads/import, leads/upload and a multipart POST leads.
 */
@Injectable()
export class ImportReceiver {
  constructor(
    private readonly imports: ImportsService,
    private readonly config: AppConfig,
  ) {}

  async receive(auth: AuthContext, req: FastifyRequest): Promise<ImportView> {
    requireMultipart(req);
    const fields: ImportFields = {};
    let upload: PendingUpload | undefined;
    let facts: UploadFacts | undefined;
    let fileName: string | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: this.config.imports.maxBytes } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || upload) {
            throw AppError.field(part.fieldname, 'is not read: send one file, in the part named "file"');
          }
          checkCsv(part);
          fileName = part.filename || null;
          upload = await this.imports.begin(auth);
          facts = await upload.write(part.file);
        } else {
          fields[snake(part.fieldname)] = String(part.value);
        }
      }
      if (!upload || !facts) throw AppError.field('file', 'is required (a multipart part named "file")');
      await this.imports.accept(upload, fileName, facts, fields);
    } catch (err) {
      await upload?.abort();
      throw multipartError(err);
    }
    return this.imports.start(auth, upload.importId, facts.bytes);
  }
}
