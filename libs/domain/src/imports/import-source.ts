import { parse } from 'csv-parse';
import { decodeStream } from 'iconv-lite';
import { pipeline, Readable } from 'node:stream';
import type { Pool } from 'pg';
import { CsvDelimiter, CsvEncoding, ICONV_NAME, isBlankRecord, isDelimiterRecord } from './csv-format';

/**
 * One record may not exceed this (a row with a 1 MB cell is fine). csv-parse counts the record's finished fields in
 * UTF-16 units and the field it is reading in bytes (1-4 per UTF-8 character), so multi-byte text meets it earlier.
 */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;
const CHUNKS_PER_READ = 4;

export type DataRow = { row: number; record: string[] } | { row: number; error: string };

/** The stored upload, chunk by chunk, a few chunks per query: never the whole file in memory. */
export async function* storedChunks(pool: Pool, tenantId: string, importId: string): AsyncGenerator<Buffer> {
  let next = 0;
  for (;;) {
    const { rows } = await pool.query<{ seq: number; data: Buffer }>(
      `SELECT seq, data FROM lead_import_chunks
        WHERE tenant_id = $1 AND import_id = $2 AND seq >= $3 ORDER BY seq LIMIT ${CHUNKS_PER_READ}`,
      [tenantId, importId, next],
    );
    if (!rows.length) return;
    for (const r of rows) yield r.data;
    next = rows[rows.length - 1].seq + 1;
  }
}

function parseFailure(err: unknown): string {
  const code = (err as { code?: string }).code;
  const rest = 'the rest of the file was not read';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted field is never closed: ${rest}`;
  if (code === 'CSV_MAX_RECORD_SIZE') return `is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB: ${rest}`;
  return `cannot be read as CSV (${code ?? (err as Error).message}): ${rest}`;
}

/**
 * The data rows of a CSV (header skipped, found as readCsvHead finds it), numbered from 1: quoted fields may hold
 * delimiters and newlines (a row keeps its number however many lines it spans); blank lines are not rows. A
 * malformed row ends the file with an error on that row.
 */
export async function* dataRows(
  source: AsyncIterable<Buffer>,
  encoding: CsvEncoding,
  delimiter: CsvDelimiter,
): AsyncGenerator<DataRow> {
  const utf8 = encoding === 'utf-8';
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    bom: utf8,
  });
  // Errors reach the loop below through the parser.
  const done = () => undefined;
  // The parser reads bytes (text written to it is encoded to UTF-8 on its way in) and decodes each cell: UTF-8 is
  // given to it as it is, with its BOM dropped by the parser (`bom`); other encodings are decoded first, their BOM
  // dropped by iconv-lite (Windows-1252 has none).
  if (utf8) pipeline(Readable.from(source), parser, done);
  else pipeline(Readable.from(source), decodeStream(ICONV_NAME[encoding]), parser, done);
  let row = 0;
  let header = true;
  let declaration = true;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header) {
        // Where readCsvHead found the header: after empty rows (of any delimiter) and Excel's sep= line.
        if (isBlankRecord(record)) continue;
        if (declaration && isDelimiterRecord(record)) {
          declaration = false;
          continue;
        }
        header = false;
        continue;
      }
      // Lines of spaces (or only delimiters) are not rows.
      if (record.every((cell) => cell.trim() === '')) continue;
      row += 1;
      yield { row, record };
    }
  } catch (err) {
    yield { row: row + 1, error: parseFailure(err) };
  }
}
