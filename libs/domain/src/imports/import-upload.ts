import { AppError, ErrorCode, invalidInput } from '@app/common';
import type { DncImportOptions, ImportOptions } from '@app/db';
import type { PoolClient } from 'pg';
import type { Readable } from 'node:stream';
import { CsvDelimiter, CsvEncoding, detectEncoding, hasBom, hasDataRecord, readCsvHead } from './csv-format';
import { ColumnTarget, mapColumns } from './header-mapping';
import { copyUploadChunk } from './upload-chunk-copy';
import { Utf8Check } from './utf8-check';

const CHUNK_BYTES = 1024 * 1024;
/** The header must end within this many bytes; it is also how much is sniffed for encoding and binary data. */
const HEADER_WINDOW = 1024 * 1024;
const MAX_COLUMNS = 1000;

export interface UploadFacts {
  bytes: number;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  headers: string[];
  /** Whether a data row, not only blank or empty rows, follows the header (known when the whole file fit in the window). */
  hasDataRows: boolean;
}

/**
 * One upload on its way into Postgres: the file is written in 1 MB chunks inside one transaction as it arrives,
 * and only the first megabyte is kept in memory (to read the header, encoding and delimiter). Nothing is visible
 * until `commit`; `abort` leaves no trace.
 */
export class PendingUpload {
  private seq = 0;
  private bytes = 0;
  private window: Buffer[] = [];
  private windowBytes = 0;
  /**
   * The chunk being filled, one buffer for the whole upload: what arrives is copied in, so the socket's buffers die
   * young (a scavenge frees them) instead of outliving the chunk's wait into the old generation.
   */
  private chunk: Buffer | undefined;
  private chunkBytes = 0;
  private closed = false;
  /** Whether every byte so far is UTF-8: a Windows-1252 byte past the first megabyte still decides the encoding. */
  private readonly utf8 = new Utf8Check();
  private validUtf8 = true;

  constructor(
    private readonly client: PoolClient,
    readonly tenantId: string,
    readonly importId: string,
    private readonly release: () => void,
  ) {}

  /**
   * Stores the file's bytes; refuses binary data (415) before storing more than the first chunk. `arrived` hears
   * each chunk as it comes (the receiver's idle watch).
   */
  async write(file: Readable, arrived: () => void = () => undefined): Promise<UploadFacts> {
    for await (const data of file as AsyncIterable<Buffer>) {
      arrived();
      this.bytes += data.length;
      this.validUtf8 = this.utf8.push(data);
      if (this.windowBytes < HEADER_WINDOW) {
        const take = data.subarray(0, HEADER_WINDOW - this.windowBytes);
        this.window.push(take);
        this.windowBytes += take.length;
      }
      for (let at = 0; at < data.length;) {
        this.chunk ??= Buffer.allocUnsafe(CHUNK_BYTES);
        const copied = data.copy(this.chunk, this.chunkBytes, at);
        this.chunkBytes += copied;
        at += copied;
        if (this.chunkBytes === CHUNK_BYTES) {
          if (this.seq === 0) this.sniff(false);
          await this.flush();
        }
      }
    }
    if ((file as { truncated?: boolean }).truncated) {
      throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The file is larger than this server accepts');
    }
    this.validUtf8 = this.utf8.end();
    const facts = this.sniff(true);
    await this.flush();
    return facts;
  }

  async commit(
    fileName: string | null,
    columns: ColumnTarget[],
    options: ImportOptions | DncImportOptions,
    facts: UploadFacts,
  ): Promise<void> {
    await this.client.query(
      `UPDATE lead_imports SET file_name = $3, file_bytes = $4, encoding = $5, delimiter = $6, columns = $7,
              options = $8, status = 'queued', updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        this.tenantId,
        this.importId,
        fileName?.slice(0, 255) ?? null,
        facts.bytes,
        facts.encoding,
        facts.delimiter,
        JSON.stringify(columns),
        options,
      ],
    );
    await this.client.query('COMMIT');
    this.close();
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    await this.client.query('ROLLBACK').catch(() => undefined);
    this.close();
  }

  private close(): void {
    this.closed = true;
    this.release();
  }

  private async flush(): Promise<void> {
    if (!this.chunk || !this.chunkBytes) return;
    const data = this.chunk.subarray(0, this.chunkBytes);
    this.chunkBytes = 0;
    await copyUploadChunk(
      this.client,
      { tenantId: this.tenantId, importId: this.importId, seq: this.seq++ },
      data,
    );
  }

  /** Reads the header from the first megabyte; `complete` when the whole file has arrived. */
  private sniff(complete: boolean): UploadFacts {
    const sample = Buffer.concat(this.window, this.windowBytes);
    const encoding: CsvEncoding =
      complete && !hasBom(sample) ? (this.validUtf8 ? 'utf-8' : 'windows-1252') : detectEncoding(sample);
    const { text, line, delimiter, headers } = readCsvHead(sample, encoding);
    const wholeInWindow = complete && this.bytes <= HEADER_WINDOW;
    if (line.length === text.length && !wholeInWindow) {
      throw AppError.field('file', `has a header line longer than ${HEADER_WINDOW / 1024 / 1024} MB`);
    }
    if (headers.length > MAX_COLUMNS) {
      throw AppError.field('file', `has ${headers.length} columns; at most ${MAX_COLUMNS} are read`);
    }
    const afterHeader = text.slice(line.length);
    return {
      bytes: this.bytes,
      encoding,
      delimiter,
      headers,
      hasDataRows: !wholeInWindow || hasDataRecord(afterHeader, delimiter),
    };
  }
}

/** The columns an upload's header maps to, or a 400 naming what is wrong (an unknown target lists the valid ones). */
export function columnsFor(headers: string[], mapping: Record<string, string>): ColumnTarget[] {
  const { columns, errors } = mapColumns(headers, mapping);
  if (errors.length) {
    throw invalidInput(errors);
  }
  const reaches = columns.some((c) => c.kind === 'field' && (c.field === 'phone' || c.field === 'email'));
  if (!reaches) {
    throw AppError.field(
      'file',
      `has no phone or email column (columns: ${headers.join(', ')}; map one with field_mapping)`,
    );
  }
  return columns;
}
