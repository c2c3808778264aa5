import { encode } from 'iconv-lite';
import {
  decodeText,
  detectDelimiter,
  detectEncoding,
  firstLine,
  looksBinary,
  readCsvHead,
} from './csv-format';
import { Readable } from 'node:stream';
import { DataRow, dataRows } from './import-source';

describe('CSV format detection', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const text = 'first_name,city\nJoão,Coração\n';
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(detectEncoding(withBom)).toBe('utf-8');
    expect(decodeText(withBom, 'utf-8')).toBe(text);
    expect(detectEncoding(Buffer.from(text))).toBe('utf-8');
  });

  it('falls back to Windows-1252 for what Excel saves on Windows', () => {
    const bytes = encode('first_name;company\nJoão;Café Ltd — €\n', 'win1252');
    expect(detectEncoding(bytes)).toBe('windows-1252');
    expect(decodeText(bytes, 'windows-1252')).toBe('first_name;company\nJoão;Café Ltd — €\n');
  });

  it('reads UTF-16 by its BOM (little and big endian), a unit cut by the end of the sample left out', () => {
    const text = 'first_name\tcity\r\nJoão\tCoração 😀\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(detectEncoding(le)).toBe('utf-16le');
    expect(detectEncoding(be)).toBe('utf-16be');
    expect(decodeText(le, 'utf-16le')).toBe(text);
    expect(decodeText(be, 'utf-16be')).toBe(text);
    expect(decodeText(le.subarray(0, 9), 'utf-16le')).toBe('fir');
    expect(readCsvHead(le, 'utf-16le')).toMatchObject({ delimiter: '\t', headers: ['first_name', 'city'] });
  });

  it('does not blame UTF-8 for a character cut by the end of the sample', () => {
    const bytes = Buffer.from('name\nJoão');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2))).toBe('utf-8');
  });

  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"Last, First";Phone;Email', ';'],
    ['"a;b",c', ','],
    ['single', ','],
  ])('finds the delimiter of %j', (line, delimiter) => expect(detectDelimiter(line)).toBe(delimiter));

  it('takes the first line, even when a quoted header holds a newline', () => {
    expect(firstLine('a,"b\nc",d\r\n1,2,3')).toBe('a,"b\nc",d');
    expect(firstLine('only')).toBe('only');
    expect(firstLine('Name,Email,6" Display\nAna,a@b.io,yes')).toBe('Name,Email,6" Display');
    expect(firstLine('"say ""hi""\nthere",b\n1,2')).toBe('"say ""hi""\nthere",b');
    expect(detectDelimiter('Name;6" Display;Email')).toBe(';');
  });

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from('PK\u0003\u0004\u0000\u0000zip'))).toBe(true);
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe(true);
    expect(looksBinary(Buffer.from('name,phone\r\nJane,+1 415 555 2671\r\n'))).toBe(false);
    expect(looksBinary(Buffer.from('a\tb\tc\n'))).toBe(false);
  });

  describe('the header, found alike by readCsvHead and the row reader', () => {
    async function read(text: string) {
      const bytes = Buffer.from(text);
      const head = readCsvHead(bytes, 'utf-8');
      const rows: DataRow[] = [];
      for await (const data of dataRows(Readable.from([bytes]), 'utf-8', head.delimiter)) rows.push(data);
      return { delimiter: head.delimiter, headers: head.headers, rows };
    }

    it.each([
      ['Phone,Email\r\n1,a\r\n', ','],
      [',,,\r\nPhone,Email\r\n1,a\r\n', ','],
      ['\r\n  \r\n,, ,\r\n;;\r\nPhone;Email\r\n1;a\r\n', ';'],
      ['sep=;\r\nPhone;Email\r\n1;a\r\n', ';'],
      ['sep=,\nPhone;Email\n1;a\n', ','],
      ['Sep=\t\r\n\t\t\r\nPhone\tEmail\r\n1\ta\r\n', '\t'],
      [',,\nsep=;\n;\nPhone;Email\n1;a\n', ';'],
    ])('finds the header and the rows of %j', async (text, delimiter) => {
      const { rows, ...head } = await read(text);
      const headers =
        delimiter === ',' && text.includes('Phone;Email') ? ['Phone;Email'] : ['Phone', 'Email'];
      expect(head).toEqual({ delimiter, headers });
      expect(rows).toEqual([{ row: 1, record: headers.length === 1 ? ['1;a'] : ['1', 'a'] }]);
    });

    it('takes a sep= line only before the header, and only one', async () => {
      expect(await read('sep=;\nsep=;\nPhone;Email\n1;a\n')).toMatchObject({ headers: ['sep=', ''] });
      expect((await read('Phone,Email\nsep=;\n1,a\n')).rows).toEqual([
        { row: 1, record: ['sep=;'] },
        { row: 2, record: ['1', 'a'] },
      ]);
    });

    it('refuses a delimiter it does not read, and a file of empty rows', () => {
      expect(() => readCsvHead(Buffer.from('sep=|\nPhone|Email\n'), 'utf-8')).toThrow(/sep=\|/);
      expect(() => readCsvHead(Buffer.from(',,\n;;\n'), 'utf-8')).toThrow(/no header row/);
      expect(() => readCsvHead(Buffer.from(' \r\n'), 'utf-8')).toThrow(/is empty/);
    });
  });
});
