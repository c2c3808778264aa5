import {
  createTenant,
  createTestApi,
  expectError,
  expectValidation,
  TestApi,
  TestTenant,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { details, leadImportInputs, NOTHING, type UploadOptions } from './lead-import-inputs.fixture';

/** A multipart body cut off before its closing boundary (as a dropped connection or a killed client leaves it). */
function truncatedMultipart(boundary: string, csv: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\n` +
        'Content-Disposition: form-data; name="on_duplicate"\r\n\r\n' +
        'skip\r\n' +
        `--${boundary}\r\n` +
        'Content-Disposition: form-data; name="file"; filename="leads.csv"\r\n' +
        'Content-Type: text/csv\r\n\r\n',
    ),
    csv,
  ]);
}

/** A file that is not a CSV, missing or empty, or a multipart body cut off: refused, nothing stored. */
describe('CSV import inputs: refused files (e2e)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const { upload, imported, stored, leadsOf } = leadImportInputs((s) => ({ api, tenant } = s));

  describe('not a CSV: 415, nothing stored', () => {
    const zip = Buffer.concat([
      Buffer.from('504b0304140006000800000021006a', 'hex'),
      Buffer.from('[Content_Types].xml'),
      Buffer.from([0, 0, 0, 0, 0x8a, 0x13, 0, 0]),
      Buffer.from('xl/workbook.xml'),
    ]);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from('IHDR'),
      Buffer.from([0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]),
    ]);
    /** No NUL at all, but mostly control characters (a binary format without zero bytes). */
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : 1 + (i % 8))));

    it.each([
      ['a PNG named leads.csv', png],
      ['a zip / xlsx named leads.csv', zip],
      ['control bytes without NUL named leads.csv', controls],
    ])('refuses %s (binary content with a CSV name and type)', async (_what, bytes) => {
      const res = await upload(tenant.admin.headers, bytes);
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it.each([
      ['content type application/pdf', { filename: 'leads.csv', contentType: 'application/pdf' }],
      ['content type image/png', { filename: 'leads.csv', contentType: 'image/png' }],
      [
        'x.xlsx with the xlsx content type',
        {
          filename: 'x.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ],
      [
        'x.xlsx sent as application/octet-stream',
        { filename: 'x.xlsx', contentType: 'application/octet-stream' },
      ],
      [
        'x.pdf sent as application/vnd.ms-excel',
        { filename: 'x.pdf', contentType: 'application/vnd.ms-excel' },
      ],
    ])('refuses a part with %s even when its bytes are CSV text', async (_what, options) => {
      const res = await upload(tenant.admin.headers, 'email\na@example.com\n', {}, options);
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).toContain('CSV');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a JSON body on POST /api/leads/import (415) and on POST /api/leads/upload', async () => {
      for (const path of ['/api/leads/import', '/api/leads/upload']) {
        const res = await api.http
          .post(path)
          .set(tenant.admin.headers)
          .send({ file: 'email\na@example.com\n', on_duplicate: 'skip' });
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      }
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a raw text/csv body (not multipart) with 415', async () => {
      const res = await api.http
        .post('/api/leads/import')
        .set(tenant.admin.headers)
        .set('Content-Type', 'text/csv')
        .send('email\na@example.com\n');
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('accepts the CSV types browsers and curl send (.csv as vnd.ms-excel, octet-stream, text/plain .txt)', async () => {
      const cases: [UploadOptions, string][] = [
        [{ filename: 'a.csv', contentType: 'application/vnd.ms-excel' }, 'a@example.com'],
        [{ filename: 'b.csv', contentType: 'application/octet-stream' }, 'b@example.com'],
        [{ filename: 'c.txt', contentType: 'text/plain' }, 'c@example.com'],
      ];
      for (const [options, email] of cases) {
        const data = await imported(`email\n${email}\n`, {}, options);
        expect(data).toMatchObject({ file_name: options.filename, results: { inserted: 1 } });
      }
      expect((await leadsOf()).map((l) => l.email)).toEqual(cases.map(([, email]) => email));
    });

    it('keeps the file name as the user sees it: quotes a browser writes as %22 read back', async () => {
      const data = await imported(
        'email\nq@example.com\n',
        {},
        { filename: 'leads %22march%22.csv', contentType: 'text/csv' },
      );
      expect(data).toMatchObject({ file_name: 'leads "march".csv', results: { inserted: 1 } });
    });

    it('refuses a file larger than IMPORT_MAX_BYTES with 413 and stores nothing', async () => {
      const small = await createTestApi({ env: { IMPORT_MAX_BYTES: '4096' } });
      try {
        const owner = await createTenant(small.http);
        const csv = `Email\n${Array.from({ length: 500 }, (_, i) => `big${i}@example.com`).join('\n')}\n`;
        expect(Buffer.byteLength(csv)).toBeGreaterThan(4096);
        const res = await upload(owner.admin.headers, csv, {}, {}, small);
        expectError(res, 413, 'PAYLOAD_TOO_LARGE');
        expect(await stored(owner.id)).toEqual(NOTHING);
        // Under the limit the same server imports.
        const ok = await upload(owner.admin.headers, 'Email\nfits@example.com\n', {}, {}, small);
        expect(ok.status).toBe(200);
        expect(await stored(owner.id)).toMatchObject({ imports: 1, leads: 1 });
      } finally {
        await small.close();
      }
    });
  });

  describe('missing or empty file: 400 on field file, nothing stored', () => {
    it('refuses a multipart body without a file part', async () => {
      const res = await api.http
        .post('/api/leads/import')
        .set(tenant.admin.headers)
        .field('on_duplicate', 'skip')
        .field('default_country', 'US');
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a file sent in a part not named "file", naming that part', async () => {
      const res = await api.http
        .post('/api/leads/import')
        .set(tenant.admin.headers)
        .attach('upload', Buffer.from('email\na@example.com\n'), {
          filename: 'leads.csv',
          contentType: 'text/csv',
        });
      expectValidation(res, ['upload']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses two file parts with 400 on file (send one file), not 413, and stores nothing', async () => {
      // The receiver means a second file to be a 400 naming the part; two small files are not "too large".
      const res = await api.http
        .post('/api/leads/import')
        .set(tenant.admin.headers)
        .attach('file', Buffer.from('Email\none@example.com\n'), {
          filename: 'a.csv',
          contentType: 'text/csv',
        })
        .attach('file', Buffer.from('Email\ntwo@example.com\n'), {
          filename: 'b.csv',
          contentType: 'text/csv',
        });
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it.each([
      ['an empty file (0 bytes)', ''],
      ['a file of spaces and newlines', '   \r\n\n\t \n  '],
      ['a UTF-8 BOM and nothing else', '\uFEFF'],
      ['a header only, no trailing newline', 'First Name,Email,Phone'],
      ['a header only, with a trailing newline', 'First Name,Email,Phone\n'],
      ['a header followed by blank lines', 'First Name,Email,Phone\r\n\r\n   \r\n\n'],
      [
        'a header followed by the empty rows a spreadsheet saves',
        'First Name,Email,Phone\r\n,,\r\n, ,""\r\n',
      ],
      ['a semicolon header followed by empty rows', 'Vorname;E-Mail;Telefon\n;;\n;;\n'],
      ['a header whose quoted name is never closed', '"Email,Name\na@example.com,Ana\n'],
    ])('refuses %s', async (_what, csv) => {
      const res = await upload(tenant.admin.headers, csv);
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });
  });

  describe('a multipart body cut off: 400, nothing stored', () => {
    const send = (body: Buffer, boundary: string) =>
      api.http
        .post('/api/leads/import')
        .set(tenant.admin.headers)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(body);

    it('refuses a body without its closing boundary (a few rows)', async () => {
      const boundary = `----reachline${randomUUID().replace(/-/g, '')}`;
      const body = truncatedMultipart(
        boundary,
        Buffer.from('Email,First Name\r\na@example.com,Ana\r\nb@example.com,Bo'),
      );
      const res = await send(body, boundary);
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toBe('did not arrive whole');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a body cut off after megabytes of rows (chunks already written are rolled back)', async () => {
      const boundary = `----reachline${randomUUID().replace(/-/g, '')}`;
      const rows = Array.from(
        { length: 40_000 },
        (_, i) => `p${i}@example.com,Person ${i},${'n'.repeat(40)}`,
      );
      const csv = Buffer.from(`Email,First Name,Notes\r\n${rows.join('\r\n')}\r\n`);
      expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
      const res = await send(truncatedMultipart(boundary, csv), boundary);
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toBe('did not arrive whole');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('still answers the next, whole upload after a cut-off one', async () => {
      const boundary = `----reachline${randomUUID().replace(/-/g, '')}`;
      expect(
        (await send(truncatedMultipart(boundary, Buffer.from('Email\r\nx@example.com')), boundary)).status,
      ).toBe(400);
      const data = await imported('Email\r\nwhole@example.com\r\n');
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      expect(await stored(tenant.id)).toMatchObject({ imports: 1, chunks: 0, leads: 1 });
    });
  });
});
