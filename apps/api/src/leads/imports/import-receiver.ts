import { AppError, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { ImportFields, ImportsService, ImportView, PendingUpload, UploadFacts } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** What a CSV may be sent as: browsers send Excel's type for .csv on Windows, curl octet-stream for unknown files. */
const CSV_TYPES = new Set([
  'text/csv',
  'text/plain',
  'text/x-csv',
  'text/comma-separated-values',
  'text/tab-separated-values',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);
const CSV_EXTENSIONS = /\.(csv|tsv|txt)$/i;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function checkCsv(part: MultipartFile): void {
  const type = part.mimetype.split(';')[0].trim().toLowerCase();
  const named = part.filename ? CSV_EXTENSIONS.test(part.filename) : true;
  if (!CSV_TYPES.has(type) || (!named && type !== 'text/csv')) {
    throw new AppError(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `The file must be a CSV (text/csv, .csv/.tsv/.txt); got ${type}${part.filename ? ` "${part.filename}"` : ''}`,
    );
  }
}

/** A multipart failure as the error envelope: a body cut off or malformed is the client's, never a 500. */
function multipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const { statusCode, code, message } = err as { statusCode?: number; code?: string; message?: string };
  if (statusCode === 413 || code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `The upload is too large (${code ?? 'limit'}: ${message})`,
    );
  }
  if (
    code?.startsWith('FST_') ||
    (statusCode && statusCode < 500) ||
    /form|part|boundary/i.test(message ?? '')
  ) {
    return AppError.validation(`The multipart body is malformed or was cut off: ${message}`, [
      { field: 'file', reason: 'did not arrive whole' },
    ]);
  }
  return err;
}

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
    if (!req.isMultipart()) {
      throw new AppError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the CSV as multipart/form-data with the file in a part named "file"',
      );
    }
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
