import { decode } from 'iconv-lite';
import { Readable } from 'node:stream';
import { DataRow, dataRows } from './import-source';
import { byteChunks } from './staging.fixture';

async function read(source: AsyncIterable<Buffer>, delimiter: ',' | ';' = ','): Promise<DataRow[]> {
  const rows: DataRow[] = [];
  for await (const data of dataRows(source, 'utf-8', delimiter)) rows.push(data);
  return rows;
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const BOM = [0xef, 0xbb, 0xbf];

describe('dataRows of a UTF-8 upload', () => {
  // The bytes go to csv-parse as they are: what it reads must be what it read of the text decoded first (iconv-lite,
  // BOM dropped, a byte that is no UTF-8 as U+FFFD), wherever the chunks cut a character, a BOM or a quoted cell.
  it.each([
    [
      'a BOM, 2- to 4-byte characters, quoted delimiters and newlines',
      bytes(BOM, 'Name,Notes\r\nJoão,"Coração, 😀\r\nü"\r\n€,"x""y"\r\n'),
    ],
    [
      'no BOM, and a BOM later (kept: only the first one is dropped)',
      bytes('Name,Notes\nA,b\n', BOM, 'C,d\n'),
    ],
    ['a BOM alone', bytes(BOM)],
    [
      'bytes that are no UTF-8 beside delimiters and quotes',
      bytes(
        'Name,Notes\n',
        [0x78, 0xc3],
        ',',
        [0xe2, 0x82],
        '\n"',
        [0xff],
        '",',
        [0xc0, 0x80],
        '\n',
        [0xed, 0xa0, 0x80],
        ',',
        [0xe3],
        'o\n',
      ),
    ],
    ['a character cut by the end of the file', bytes(BOM, 'Name,Notes\nA,b', [0xf0, 0x9f, 0x98])],
    ['only part of a BOM', bytes([0xef, 0xbb], 'Name,Notes\nA,b\n')],
  ])('reads %s as the decoded text, in chunks of any size', async (_, file) => {
    const decoded = await read(Readable.from([Buffer.from(decode(file, 'utf8'))]));
    for (const size of [1, 2, 3, 5, 7, 4096]) expect(await read(byteChunks(file, size))).toEqual(decoded);
  });

  it('drops the BOM before Excel’s sep= line, which is then no header', async () => {
    const rows = await read(byteChunks(bytes(BOM, 'sep=;\r\nName;Phone\r\nAna;1\r\n'), 2), ';');
    expect(rows).toEqual([{ row: 1, record: ['Ana', '1'] }]);
  });
});
