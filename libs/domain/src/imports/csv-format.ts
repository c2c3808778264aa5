// The staging thread loads this file (import-source.ts): AppError's own files, not @app/common's index, which loads
// Nest and class-validator (stage-thread-modules.spec.ts).
import { AppError } from '../../../common/src/errors/app-error';
import { ErrorCode } from '../../../common/src/errors/error-code';
import { parse } from 'csv-parse/sync';
import { decode } from 'iconv-lite';
import { isUtf8 } from 'node:buffer';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type CsvDelimiter = ',' | ';' | '\t';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** iconv-lite's name of each encoding (its decoders drop a BOM). */
export const ICONV_NAME: Record<CsvEncoding, string> = {
  'utf-8': 'utf8',
  'windows-1252': 'win1252',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
};

/**
 * The encoding a byte-order mark names: UTF-8's, or UTF-16's as Excel's "Unicode text" (tab-separated, little
 * endian) and other tools save it.
 */
function bomEncoding(sample: Buffer): CsvEncoding | undefined {
  if (sample.subarray(0, 3).equals(UTF8_BOM)) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function hasBom(sample: Buffer): boolean {
  return bomEncoding(sample) !== undefined;
}

/**
 * Not text at all: NUL bytes, or more than 1 in 10 of the bytes control characters other than tab, CR and LF.
 * (A spreadsheet saved as .xlsx, an image, a zip.)
 */
export function looksBinary(sample: Buffer): boolean {
  if (sample.includes(0)) return true;
  let control = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  return sample.length > 0 && control / sample.length > 0.1;
}

/**
 * UTF-8 when the sample says so (a BOM, or bytes that decode as UTF-8), else Windows-1252, the encoding Excel
 * on Windows saves "CSV" in. A multi-byte character cut by the end of the sample does not count against UTF-8.
 */
export function detectEncoding(sample: Buffer): CsvEncoding {
  const named = bomEncoding(sample);
  if (named) return named;
  // A truncated trailing character: tried without its bytes.
  for (let cut = 0; cut <= Math.min(3, sample.length); cut++) {
    if (isUtf8(sample.subarray(0, sample.length - cut))) return 'utf-8';
  }
  return 'windows-1252';
}

/** The text of the bytes (a BOM dropped; a UTF-16 unit cut by the end of a sample left out). */
export function decodeText(bytes: Buffer, encoding: CsvEncoding): string {
  if (encoding === 'utf-8') return (hasBom(bytes) ? bytes.subarray(3) : bytes).toString('utf8');
  if (encoding === 'windows-1252') return decode(bytes, 'win1252');
  return decode(bytes.subarray(0, bytes.length - (bytes.length % 2)), ICONV_NAME[encoding]);
}

const DELIMITERS = new Set([',', ';', '\t']);

/**
 * Walks a line as csv-parse (with relax_quotes) reads it: a quote opens a quoted field only at the start of a
 * field, `""` inside one is a literal quote, and a quote anywhere else is an ordinary character (`6" Display`).
 * Calls `visit` with each character outside quotes and its index; stops when `visit` returns true.
 */
function scanUnquoted(text: string, visit: (c: string, i: number) => boolean | void): void {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      continue;
    }
    if (visit(c, i)) return;
    fieldStart = DELIMITERS.has(c) || c === '\n' || c === '\r';
  }
}

/** The delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  scanUnquoted(headerLine, (c) => {
    if (DELIMITERS.has(c)) counts[c as CsvDelimiter]++;
  });
  return (['\t', ';', ','] as CsvDelimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

/** The first line of the text (up to the first newline outside quotes). */
export function firstLine(text: string): string {
  let end = text.length;
  scanUnquoted(text, (c, i) => {
    if (c !== '\n' && c !== '\r') return false;
    end = i;
    return true;
  });
  return text.slice(0, end);
}

/**
 * An empty row as a spreadsheet saves it: cells of nothing but spaces and delimiters (`,,,` from Excel; `;;;` read
 * with a comma is one cell of semicolons). Before the header such rows are skipped, whichever delimiter they use.
 */
export function isBlankRecord(cells: string[]): boolean {
  return cells.every((cell) => /^[\s,;]*$/.test(cell));
}

/**
 * Whether text after the header holds a data row as the row reader (import-source.ts) sees one: a record with a
 * cell that is not blank. The empty rows a spreadsheet saves (`,,,`, `;;;`, `"",""`) are not rows. Text that cannot
 * be read as CSV holds one (the reader reports it as a row error).
 */
export function hasDataRecord(text: string, delimiter: CsvDelimiter): boolean {
  if (!text.trim()) return false;
  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    return records.some((record) => record.some((cell) => cell.trim() !== ''));
  } catch {
    return true;
  }
}

/** Excel's line naming the delimiter (`sep=;`) before the header: how the row reader parses it. */
export function isDelimiterRecord(cells: string[]): boolean {
  return cells.length === 2 && cells[0].toLowerCase() === 'sep=' && cells[1] === '';
}

/** Excel's line naming the delimiter, as written. */
const DELIMITER_LINE = /^sep=(.)$/i;

export interface CsvHead {
  /** The decoded sample from the header line on. */
  text: string;
  /** The header line as written. */
  line: string;
  delimiter: CsvDelimiter;
  headers: string[];
}

function headerCells(line: string, delimiter: CsvDelimiter): string[] {
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch {
    // A quote opened in the header and never closed (it runs on through the whole sample): no header to read.
    throw AppError.field(
      'file',
      'has a header row that cannot be read as CSV (a quoted name is never closed)',
    );
  }
}

/**
 * The header of an uploaded CSV from its first bytes: refuses binary data (415) and an empty file (400), and reads
 * the header's cells with the delimiter they use. Before the header, as the row reader (import-source.ts) does, it
 * skips empty rows (`,,,` as Excel writes an empty first row) and takes Excel's `sep=;` line as the delimiter.
 */
export function readCsvHead(sample: Buffer, encoding: CsvEncoding): CsvHead {
  let text = decodeText(sample, encoding);
  // UTF-16 text is half NUL bytes: its characters are looked at instead.
  if (looksBinary(encoding.startsWith('utf-16') ? Buffer.from(text) : sample)) {
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The file is not a CSV: it holds binary data');
  }
  if (!text.trim()) throw AppError.field('file', 'is empty');
  let declared: CsvDelimiter | undefined;
  let first = true;
  for (;;) {
    const line = firstLine(text);
    const declaration = first ? DELIMITER_LINE.exec(line) : null;
    if (declaration) {
      const [, named] = declaration;
      if (!DELIMITERS.has(named)) {
        throw AppError.field(
          'file',
          `names its delimiter "${named}" (sep=${named}): comma, semicolon and tab are read`,
        );
      }
      declared = named as CsvDelimiter;
      first = false;
    } else {
      const delimiter = declared ?? detectDelimiter(line);
      const headers = headerCells(line, delimiter);
      if (!isBlankRecord(headers)) return { text, line, delimiter, headers };
    }
    text = text.slice(line.length).replace(/^(\r\n|\r|\n)/, '');
    if (!text) throw AppError.field('file', 'has no header row: only empty rows');
  }
}
