import { AppError, ErrorCode } from '@app/common';
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

export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function checkCsv(part: MultipartFile): void {
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
export function multipartError(err: unknown): unknown {
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
    return AppError.validation(
      `Invalid input: file did not arrive whole (the multipart body is malformed or was cut off: ${message})`,
      [{ field: 'file', reason: 'did not arrive whole' }],
    );
  }
  return err;
}

export function requireMultipart(req: FastifyRequest): void {
  if (!req.isMultipart()) {
    throw new AppError(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'Send the CSV as multipart/form-data with the file in a part named "file"',
    );
  }
}
