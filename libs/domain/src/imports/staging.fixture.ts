import { mapColumns } from './header-mapping';
import type { StageSpec } from './staged-batches';

/** For the staging specs: the bytes in chunks of `size` (cutting rows, quoted cells and multi-byte characters anywhere). */
export async function* byteChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield Buffer.from(bytes.subarray(at, at + size));
}

/** For the staging specs: a semicolon-delimited UTF-8 file of `headers`, numbers read as GB, rows after `after`. */
export function stagingSpec(headers: string[], after: number, limits: StageSpec['limits']): StageSpec {
  return {
    context: {
      columns: mapColumns(headers).columns,
      countries: ['GB', null],
      tags: ['imported'],
      idPrefix: '01234567-89ab-7cde-8f01-23456789',
    },
    encoding: 'utf-8',
    delimiter: ';',
    after,
    limits,
  };
}
