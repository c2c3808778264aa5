import { AppError, ErrorCode, FieldIssue, unstorableText, invalidInput } from '@app/common';
import { AppConfig } from '@app/config';
import {
  DncImportService,
  ImportFields,
  ImportsService,
  ImportView,
  PendingUpload,
  ResultsOf,
  UploadFacts,
} from '@app/domain';
import type { DncImportResults, ImportKind } from '@app/db';
import { formFileName } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { checkCsv, multipartError, requireMultipart, snake } from './csv-upload';

type Accept = (
  upload: PendingUpload,
  fileName: string | null,
  facts: UploadFacts,
  fields: ImportFields,
) => Promise<void>;

/**
 * Form text no column can hold (a NUL, a lone surrogate), each named by its field (the file's name by `file`): refused
 * as the validation pipe refuses it in a JSON body, before anything is written with it.
 */
function unstorableForm(fields: ImportFields, fileName: string | null): FieldIssue[] {
  const issues = Object.entries(fields).flatMap(([field, value]) =>
    unstorableText(value).map(({ reason }) => ({ field, reason })),
  );
  for (const { reason } of unstorableText(fileName))
    issues.push({ field: 'file', reason: `has a name that ${reason}` });
  return issues;
}

/**
 * Reads `multipart/form-data` with one `file` part and the import's text fields (in any order), streaming the
 * file into Postgres as it arrives, then runs the import (a small file) or hands it to the worker. Shared by
 * POST leads/import, leads/upload and a multipart POST leads (`leads`), and POST dnc/import (`dnc`).
 */
/** When a refused upload may come back (Retry-After): an upload's slot frees as its last bytes arrive. */
const UPLOAD_RETRY_SECONDS = 5;

@Injectable()
export class ImportReceiver {
  /** Uploads this process is receiving: each holds one of its database connections (IMPORT_UPLOADS_AT_ONCE). */
  private receiving = 0;

  constructor(
    private readonly imports: ImportsService,
    private readonly dncImports: DncImportService,
    private readonly config: AppConfig,
  ) {}

  leads(auth: AuthContext, req: FastifyRequest): Promise<ImportView> {
    return this.receive(auth, req, 'leads', (...args) => this.imports.accept(...args));
  }

  dnc(auth: AuthContext, req: FastifyRequest): Promise<ImportView<DncImportResults>> {
    return this.receive(auth, req, 'dnc', (...args) => this.dncImports.accept(...args, auth.role));
  }

  private async receive<K extends ImportKind>(
    auth: AuthContext,
    req: FastifyRequest,
    kind: K,
    accept: Accept,
  ): Promise<ImportView<ResultsOf<K>>> {
    requireMultipart(req);
    const fields: ImportFields = {};
    let upload: PendingUpload | undefined;
    let facts: UploadFacts | undefined;
    let sentName: string | null = null;
    let holding = false;
    try {
      for await (const part of req.parts({ limits: { fileSize: this.config.imports.maxBytes } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || upload) {
            throw AppError.field(part.fieldname, 'is not read: send one file, in the part named "file"');
          }
          checkCsv(part);
          sentName = part.filename || null;
          if (this.receiving >= this.config.imports.uploadsAtOnce) {
            throw new AppError(
              ErrorCode.SERVICE_UNAVAILABLE,
              'This server is receiving as many uploads as it can: send the file again in a moment',
              { retry_after_seconds: UPLOAD_RETRY_SECONDS },
            );
          }
          this.receiving++;
          holding = true;
          upload = await this.imports.begin(auth, kind);
          facts = await this.written(upload, part.file);
        } else {
          fields[snake(part.fieldname)] = String(part.value);
        }
      }
      if (!upload || !facts) throw AppError.field('file', 'is required (a multipart part named "file")');
      const unstorable = unstorableForm(fields, sentName);
      if (unstorable.length) {
        throw invalidInput(unstorable);
      }
      await accept(upload, formFileName(sentName), facts, fields);
    } catch (err) {
      await upload?.abort();
      throw multipartError(err);
    } finally {
      if (holding) this.receiving--;
    }
    return this.imports.start(auth, upload.importId, facts.bytes, kind);
  }

  /** Writes the file as it arrives; one that stops arriving for IMPORT_UPLOAD_IDLE_MS is dropped (400). */
  private async written(upload: PendingUpload, file: Readable): Promise<UploadFacts> {
    const ms = this.config.imports.uploadIdleMs;
    const idle = setTimeout(
      () => file.destroy(AppError.field('file', `stopped arriving: nothing came for ${ms / 1000} s`)),
      ms,
    );
    try {
      return await upload.write(file, () => idle.refresh());
    } finally {
      clearTimeout(idle);
    }
  }
}
