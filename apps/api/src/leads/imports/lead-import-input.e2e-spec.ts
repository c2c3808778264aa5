import {
  countRows,
  createTenant,
  createTestApi,
  createTestWorker,
  createUser,
  expectError,
  expectValidation,
  TestApi,
  TestTenant,
  TestWorker,
  UUID_PATTERN,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * CSV import inputs (DESIGN §3: "bad input never costs data"; import key shapes): every refused upload answers
 * the error envelope and leaves no import, no stored chunk and no lead behind; odd but valid files (delimiters,
 * encodings, quoted newlines, aliases, mappings) import what they hold; duplicates, do-not-contact entries and
 * concurrent imports of the same people never make a second lead.
 */

type Json = Record<string, unknown>;
type Headers = Record<string, string>;
type Lead = Json & { id: string };

interface UploadOptions {
  /** The route: /api/leads/import unless told. */
  path?: string;
  filename?: string;
  contentType?: string;
}

/** Big enough that every file of this suite (the 1 MB cell too) is imported during the request. */
const INLINE_MAX_BYTES = String(8 * 1024 * 1024);

const SQL_STRING = "Robert'); DROP TABLE leads;--";
const SCRIPT_STRING = '<script>alert(1)</script>';

/** `n` valid UK mobile numbers, +447911100000 upwards. */
const ukMobile = (i: number) => `+447911${String(100000 + i)}`;

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

describe('CSV import inputs (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi({ env: { IMPORT_INLINE_MAX_BYTES: INLINE_MAX_BYTES } });
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
  });
  beforeEach(async () => {
    tenant = await createTenant(api.http);
  });

  /** POST a multipart import: the form fields first, then the file. */
  function upload(
    headers: Headers,
    csv: string | Buffer,
    fields: Json = {},
    options: UploadOptions = {},
    on: TestApi = api,
  ) {
    let req = on.http.post(options.path ?? '/api/leads/import').set(headers);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
    return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), {
      filename: options.filename ?? 'leads.csv',
      contentType: options.contentType ?? 'text/csv',
    });
  }

  /** An import that must have completed during the request: its data. */
  async function imported(csv: string | Buffer, fields: Json = {}, options: UploadOptions = {}) {
    const res = await upload(tenant.admin.headers, csv, fields, options);
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.body.data.status).toBe('completed');
    return res.body.data as Json & {
      import_id: string;
      results: Record<string, number>;
      errors: Json[];
    };
  }

  /** What an import can leave behind in a tenant: imports, stored chunks, row errors, leads and identities. */
  async function stored(tenantId: string) {
    const where = 'tenant_id = $1';
    return {
      imports: await countRows(db, 'lead_imports', where, [tenantId]),
      chunks: await countRows(db, 'lead_import_chunks', where, [tenantId]),
      errors: await countRows(db, 'lead_import_errors', where, [tenantId]),
      leads: await countRows(db, 'leads', where, [tenantId]),
      identities: await countRows(db, 'lead_identities', where, [tenantId]),
    };
  }
  const NOTHING = { imports: 0, chunks: 0, errors: 0, leads: 0, identities: 0 };

  /** The tenant's leads, oldest first. */
  async function leadsOf(who: TestTenant = tenant): Promise<Lead[]> {
    const res = await api.http.get('/api/leads?limit=100&sort=created_at&order=asc').set(who.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Lead[];
  }

  async function getLead(id: string, headers: Headers = tenant.admin.headers): Promise<Lead> {
    const res = await api.http.get(`/api/leads/${id}`).set(headers);
    expect(res.status).toBe(200);
    return res.body.data as Lead;
  }

  async function createLead(body: Json): Promise<Lead> {
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Lead;
  }

  const details = (res: Response) => res.body.error.details as { field: string; reason: string }[];

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

  describe('form fields and mapping: 400 naming the field, nothing stored', () => {
    const CSV = 'First Name,Email,Mobile\nAna,ana@example.com,+351 912 345 678\n';

    it('refuses a field_mapping to an unknown field, listing the valid fields', async () => {
      const res = await upload(tenant.admin.headers, CSV, {
        field_mapping: JSON.stringify({ Mobile: 'cellphone_number' }),
      });
      expectValidation(res, ['field_mapping.Mobile']);
      const [issue] = details(res);
      for (const valid of [
        'first_name',
        'last_name',
        'email',
        'phone',
        'company',
        'custom_fields.<name>',
        'ignore',
      ]) {
        expect(issue.reason).toContain(valid);
      }
      expect(issue.reason).toContain('cellphone_number');
      expect(res.body.error.message).toContain('first_name');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a field_mapping naming a column the file does not have', async () => {
      const res = await upload(tenant.admin.headers, CSV, {
        field_mapping: JSON.stringify({ 'Phone Number': 'phone' }),
      });
      expectValidation(res, ['field_mapping.Phone Number']);
      expect(details(res)[0].reason).toMatch(/column/);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it.each([
      ['field_mapping that is not JSON', { field_mapping: '{Mobile: phone' }, ['field_mapping']],
      ['field_mapping that is a JSON array', { field_mapping: '["phone"]' }, ['field_mapping']],
      ['field_mapping with a non-string target', { field_mapping: '{"Mobile": 1}' }, ['field_mapping']],
      ['on_duplicate=maybe', { on_duplicate: 'maybe' }, ['on_duplicate']],
      ['default_country=ZZ', { default_country: 'ZZ' }, ['default_country']],
      ['default_country=USA', { default_country: 'USA' }, ['default_country']],
      ['an unknown form field', { colour: 'blue' }, ['colour']],
      ['a tag longer than 50 characters', { tags: `ok,${'t'.repeat(51)}` }, ['tags']],
      ['tags that are a JSON array of numbers', { tags: '[1,2]' }, ['tags']],
      ['a campaign_id that names no campaign', { campaign_id: randomUUID() }, ['campaign_id']],
      [
        'several bad fields at once (each named)',
        { on_duplicate: 'maybe', default_country: 'ZZ', colour: 'blue' },
        ['on_duplicate', 'default_country', 'colour'],
      ],
    ])('refuses %s', async (_what, fields, named) => {
      const res = await upload(tenant.admin.headers, CSV, fields);
      expectValidation(res, named);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    // Postgres stores no NUL (nor a lone surrogate, which is no Unicode): text a form field carries into the import's
    // options, columns or name is refused as a JSON body's is, never a 500.
    it.each([
      ['tags holding a NUL', { tags: 'vip,a\u0000b' }, ['tags']],
      ['a JSON array of tags holding an escaped NUL', { tags: JSON.stringify(['ok', 'a\u0000b']) }, ['tags']],
      [
        'a field_mapping to a custom field whose name holds a NUL',
        { field_mapping: JSON.stringify({ 'First Name': 'custom_fields.pl\u0000an' }) },
        ['field_mapping.First Name'],
      ],
      [
        'a field_mapping to a custom field whose name is a lone surrogate',
        { field_mapping: '{"First Name": "custom_fields.\\ud800"}' },
        ['field_mapping.First Name'],
      ],
      [
        'a field_mapping whose column name holds a NUL',
        { field_mapping: JSON.stringify({ 'First\u0000Name': 'first_name' }) },
        ['field_mapping'],
      ],
      [
        'a NUL in default_country and in on_duplicate',
        { default_country: 'G\u0000B', on_duplicate: '\u0000' },
        ['default_country', 'on_duplicate'],
      ],
    ])('refuses %s (400 naming it), storing nothing', async (_what, fields, named) => {
      const res = await upload(tenant.admin.headers, CSV, fields);
      expectValidation(res, named);
      expect(details(res).every((d) => /NUL|surrogate/.test(d.reason))).toBe(true);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a file whose name holds a NUL (400 on file), storing nothing', async () => {
      const res = await upload(tenant.admin.headers, CSV, {}, { filename: 'lea\u0000ds.csv' });
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toMatch(/NUL/);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses the same bad field when it is sent after the file part', async () => {
      const res = await api.http
        .post('/api/leads/import')
        .set(tenant.admin.headers)
        .attach('file', Buffer.from(CSV), { filename: 'leads.csv', contentType: 'text/csv' })
        .field('on_duplicate', 'maybe');
      expectValidation(res, ['on_duplicate']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a file with no phone or email column, naming its columns', async () => {
      const res = await upload(
        tenant.admin.headers,
        'First Name,Company,Reach Me At\nAna,Acme,+351912345678\n',
      );
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toContain('Reach Me At');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a file whose only phone column is mapped to ignore', async () => {
      const res = await upload(tenant.admin.headers, 'First Name,Mobile\nAna,+351912345678\n', {
        field_mapping: JSON.stringify({ Mobile: 'ignore' }),
      });
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('takes the camelCase spellings of the form fields (defaultCountry, onDuplicate, fieldMapping)', async () => {
      const data = await imported('Name,Reach Me At\nAna Silva,(415) 555-2671\n', {
        defaultCountry: 'US',
        onDuplicate: 'update',
        fieldMapping: JSON.stringify({ 'Reach Me At': 'phone' }),
      });
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({
        first_name: 'Ana',
        last_name: 'Silva',
        phone_normalized: '+14155552671',
        country: 'US',
      });
    });
  });

  describe('oversized headers, rows and cells', () => {
    it('refuses a header of 10,000 columns (400 on file) and stores nothing', async () => {
      const header = ['Email', ...Array.from({ length: 9999 }, (_, i) => `col${i}`)].join(',');
      const row = ['a@example.com', ...Array.from({ length: 9999 }, () => 'x')].join(',');
      const res = await upload(tenant.admin.headers, `${header}\n${row}\n`);
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toContain('10000');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('reads a header of 1,000 columns and refuses one of 1,001', async () => {
      const header = ['Email', ...Array.from({ length: 999 }, (_, i) => `c${i}`)].join(',');
      const row = ['a@example.com', ...Array.from({ length: 999 }, (_, i) => `v${i}`)].join(',');
      const refused = await upload(tenant.admin.headers, `${header},one_more\n${row},x\n`);
      expectValidation(refused, ['file']);
      expect(details(refused)[0].reason).toContain('1001');
      expect(await stored(tenant.id)).toEqual(NOTHING);

      const data = await imported(`${header}\n${row}\n`);
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      const [lead] = await leadsOf();
      expect(Object.keys(lead.custom_fields as Json)).toHaveLength(999);
      expect(lead.custom_fields).toMatchObject({ c0: 'v0', c998: 'v998' });
    });

    it('refuses a header line without an end within the first megabyte', async () => {
      const header = `Email,${'h'.repeat(1.5 * 1024 * 1024)}`;
      const res = await upload(tenant.admin.headers, header);
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('reports a data row of 10,000 fields as an error on "row" and imports the other rows', async () => {
      const wide = Array.from({ length: 10_000 }, (_, i) => (i === 0 ? 'wide@example.com' : `v${i}`)).join(
        ',',
      );
      const csv = ['Email,First Name', 'a@example.com,Ana', wide, 'c@example.com,Cy'].join('\n');
      const data = await imported(csv);
      expect(data.results).toEqual({
        total: 3,
        valid: 2,
        invalid: 1,
        duplicates: 0,
        dnc: 0,
        inserted: 2,
        updated: 0,
      });
      expect(data.errors).toEqual([
        { row: 2, field: 'row', value: null, error: expect.stringContaining('10000') },
      ]);
      expect((await leadsOf()).map((l) => l.email)).toEqual(['a@example.com', 'c@example.com']);
    });

    it('reports a 1 MB cell as an error naming its field ("longer than") and imports the rows around it', async () => {
      // Multi-byte characters, so the 1 MB chunks the upload is stored in cut characters in half.
      const big = 'é'.repeat(600_000);
      const csv = [
        'Email,First Name,Notes,Plan',
        'a@example.com,Ana,short note,gold',
        `big@example.com,Big,"${big}",silver`,
        `custom@example.com,Custom,fine,${'p'.repeat(1024 * 1024)}`,
        'jose@example.com,José,après,bronze',
      ].join('\r\n');
      expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * 1024 * 1024);
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 4, invalid: 2, inserted: 2 });
      expect(data.errors).toEqual([
        {
          row: 2,
          field: 'notes',
          value: expect.stringMatching(/^é{200}…$/),
          error: expect.stringContaining('longer than'),
        },
        {
          row: 3,
          field: 'custom_fields.Plan',
          value: expect.stringMatching(/^p{200}…$/),
          error: expect.stringContaining('longer than'),
        },
      ]);
      const leads = await leadsOf();
      expect(leads.map((l) => [l.email, l.first_name, l.notes, l.custom_fields])).toEqual([
        ['a@example.com', 'Ana', 'short note', { Plan: 'gold' }],
        ['jose@example.com', 'José', 'après', { Plan: 'bronze' }],
      ]);
      expect(await countRows(db, 'lead_import_chunks', 'tenant_id = $1', [tenant.id])).toBe(0);
    });

    it('reports a quoted field never closed as an error on that row; the rows before it land', async () => {
      const csv = 'Email,Name\na@example.com,Ana\n"b@example.com,Bo\nc@example.com,Cy\n';
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 2, inserted: 1, invalid: 1 });
      expect(data.errors).toEqual([
        { row: 2, field: 'row', value: null, error: expect.stringContaining('never closed') },
      ]);
      expect((await leadsOf()).map((l) => l.email)).toEqual(['a@example.com']);
    });

    it('reports a NUL character past the first megabyte as an error on that row; the others land', async () => {
      const rows = Array.from({ length: 2000 }, (_, i) => `z${i}@example.com,Plain${i},${'n'.repeat(600)}`);
      const csv = `Email,First Name,Notes\n${rows.join('\n')}\nnul@example.com,Nu\u0000l,x\nafter@example.com,After,x\n`;
      expect(csv.indexOf('\u0000')).toBeGreaterThan(1024 * 1024);
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 2002, inserted: 2001, invalid: 1 });
      expect(data.errors).toEqual([
        { row: 2001, field: 'row', value: null, error: expect.stringContaining('NUL') },
      ]);
      expect(
        await countRows(db, 'leads', "tenant_id = $1 AND email = 'after@example.com'", [tenant.id]),
      ).toBe(1);
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

  describe('the same people imported twice at once', () => {
    it('makes one lead per person: the inserts of both imports add up to the distinct people', async () => {
      const distinct = 260;
      const rows: string[] = [];
      for (let i = 0; i < distinct; i++) {
        // Some people by phone only, some by email only, most by both.
        const email = i % 10 === 3 ? '' : `person${i}@example.com`;
        const phone = i % 10 === 7 ? '' : ukMobile(i);
        rows.push(`Person,${i},${email},${phone}`);
      }
      for (let i = 0; i < 40; i++) {
        // The same people again further down: the email in other case, the phone in national format.
        const j = i * 5;
        rows.push(
          j % 10 === 3 ? `Again,${j},,0${ukMobile(j).slice(3)}` : `Again,${j},PERSON${j}@Example.com,`,
        );
      }
      expect(rows).toHaveLength(300);
      const csv = `First Name,Last Name,Email,Phone\n${rows.join('\n')}\n`;

      const [a, b] = await Promise.all([
        upload(tenant.admin.headers, csv, { default_country: 'GB' }),
        upload(tenant.admin.headers, csv, { default_country: 'GB' }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const [ra, rb] = [a.body.data.results, b.body.data.results] as Record<string, number>[];
      for (const r of [ra, rb]) {
        expect(r).toMatchObject({ total: 300, invalid: 0, dnc: 0, updated: 0 });
        expect(r.inserted + r.duplicates).toBe(300);
      }
      expect(ra.inserted + rb.inserted).toBe(distinct);
      expect([ra.inserted, rb.inserted].sort((x, y) => x - y)).toEqual([0, distinct]);
      expect([ra.duplicates, rb.duplicates].sort((x, y) => x - y)).toEqual([300 - distinct, 300]);

      const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1', [
        tenant.id,
      ])) as { n: number }[];
      expect(n).toBe(distinct);
      const [{ people }] = (await db.query(
        `SELECT count(DISTINCT coalesce(lower(email), phone_normalized))::int AS people
           FROM leads WHERE tenant_id = $1`,
        [tenant.id],
      )) as { people: number }[];
      expect(people).toBe(distinct);
    });
  });

  describe('who may see and start an import', () => {
    it("answers 404 for another tenant's import and for an id that is not a UUID", async () => {
      const data = await imported('Email\na@example.com\n');
      const other = await createTenant(api.http);
      expectError(
        await api.http.get(`/api/leads/imports/${data.import_id}`).set(other.admin.headers),
        404,
        'NOT_FOUND',
      );
      expectError(
        await api.http.get(`/api/leads/imports/${randomUUID()}`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
      );
      for (const bad of ['not-a-uuid', '123', `${data.import_id}x`, "1' OR '1'='1"]) {
        const res = await api.http
          .get(`/api/leads/imports/${encodeURIComponent(bad)}`)
          .set(tenant.admin.headers);
        expect({ bad, status: res.status, code: res.body.error?.code }).toEqual({
          bad,
          status: 404,
          code: 'NOT_FOUND',
        });
      }
      // The owner still sees it, and the other tenant got no lead out of it.
      expect(
        (await api.http.get(`/api/leads/imports/${data.import_id}`).set(tenant.admin.headers)).status,
      ).toBe(200);
      expect(await stored(other.id)).toEqual(NOTHING);
    });

    it('lets an agent read an import but not start one (403 on every import route), storing nothing', async () => {
      const data = await imported('Email\na@example.com\n');
      const agent = await createUser(api.http, tenant, 'agent');
      const seen = await api.http.get(`/api/leads/imports/${data.import_id}`).set(agent.headers);
      expect(seen.status).toBe(200);
      expect(seen.body.data).toMatchObject({ import_id: data.import_id, status: 'completed' });

      const before = await stored(tenant.id);
      for (const path of ['/api/leads/import', '/api/leads/upload', '/api/leads']) {
        const res = await upload(agent.headers, 'Email\nagent@example.com\n', {}, { path });
        expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
          path,
          status: 403,
          code: 'AUTHORIZATION_FAILED',
        });
      }
      expect(await stored(tenant.id)).toEqual(before);
      expect(before).toMatchObject({ imports: 1, leads: 1 });
    });

    it('lets a manager import', async () => {
      const manager = await createUser(api.http, tenant, 'manager');
      const res = await upload(manager.headers, 'Email\nm@example.com\n');
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ inserted: 1 });
    });

    it('answers 401 without a token and stores nothing', async () => {
      const res = await upload({}, 'Email\nanon@example.com\n');
      expectError(res, 401, 'AUTHENTICATION_REQUIRED');
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });
  });

  describe('hostile strings are data', () => {
    it('stores SQL- and script-looking strings, backslashes and tabs verbatim and answers them verbatim', async () => {
      const tricky = {
        first: SQL_STRING,
        last: SCRIPT_STRING,
        company: SCRIPT_STRING,
        position: '=HYPERLINK("http://evil.test","click")',
        notes: 'C:\\new\\table \\N and \\\\ and a\ttab',
        plan: SQL_STRING,
        note2: '\\N',
        quoted: 'He said "hi", then left',
      };
      const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
      const csv = [
        'First Name,Last Name,Email,Company,Position,Notes,Plan,Literal,Quoted,Tags',
        [
          cell(tricky.first),
          cell(tricky.last),
          'bobby@example.com',
          cell(tricky.company),
          cell(tricky.position),
          cell(tricky.notes),
          cell(tricky.plan),
          cell(tricky.note2),
          cell(tricky.quoted),
          cell('vip|"quoted"|{brace}|back\\slash'),
        ].join(','),
      ].join('\n');
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 1, inserted: 1, invalid: 0 });

      const [listed] = await leadsOf();
      const lead = await getLead(listed.id);
      expect(lead).toMatchObject({
        first_name: tricky.first,
        last_name: tricky.last,
        email: 'bobby@example.com',
        company: tricky.company,
        position: tricky.position,
        notes: tricky.notes,
        custom_fields: { Plan: tricky.plan, Literal: '\\N', Quoted: tricky.quoted },
      });
      expect([...(lead.tags as string[])].sort()).toEqual(
        ['"quoted"', 'back\\slash', 'vip', '{brace}'].sort(),
      );
      // The table the string names is still there, with the lead in it.
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });
  });

  describe('delimiters, encodings and quoting', () => {
    it('reads a semicolon-delimited file (quoted semicolons and commas stay in the cell)', async () => {
      const csv = [
        'Name;Email;Phone;Company;Value',
        'Ana Silva;ana@example.com;+351 912 345 678;"Acme; Lda";"1.234,50"',
        'Bo Lee;bo@example.com;;Lee, Inc.;',
      ].join('\r\n');
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
      const leads = await leadsOf();
      expect(leads.map((l) => [l.first_name, l.last_name, l.email, l.phone_normalized, l.company])).toEqual([
        ['Ana', 'Silva', 'ana@example.com', '+351912345678', 'Acme; Lda'],
        ['Bo', 'Lee', 'bo@example.com', null, 'Lee, Inc.'],
      ]);
      expect(Number(leads[0].value)).toBe(1234.5);
    });

    it('reads a tab-delimited file sent as .tsv', async () => {
      const csv = 'Email\tPhone\tCompany\nx@example.com\t+44 7911 123456\tFoo, Bar; Baz\n';
      const data = await imported(
        csv,
        {},
        { filename: 'leads.tsv', contentType: 'text/tab-separated-values' },
      );
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({
        email: 'x@example.com',
        phone_normalized: '+447911123456',
        company: 'Foo, Bar; Baz',
      });
    });

    it('reads a UTF-8 file with a BOM: the first header is recognised, accents survive', async () => {
      const csv = '\uFEFFEmail,First Name,Company\r\nzoe@example.com,Zoë,Café Ñandú\r\n';
      const data = await imported(Buffer.from(csv, 'utf8'));
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({
        email: 'zoe@example.com',
        first_name: 'Zoë',
        company: 'Café Ñandú',
      });
      expect(lead.custom_fields).toEqual({});
    });

    it('reads a Windows-1252 file (Excel on Windows): Jos\\xe9 is José, \\x80 is €', async () => {
      const bytes = Buffer.concat([
        Buffer.from('First Name;Email;Company;Notes\r\n', 'latin1'),
        Buffer.from('Jos\xe9;jose@example.com;Caf\xe9 ', 'latin1'),
        Buffer.from([0x80]),
        Buffer.from(' Ltd;', 'latin1'),
        Buffer.from([0x93]),
        Buffer.from('quoted', 'latin1'),
        Buffer.from([0x94]),
        Buffer.from('\r\nFran\xe7ois;francois@example.com;M\xfcller GmbH;\r\n', 'latin1'),
      ]);
      const data = await imported(bytes);
      expect(data.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
      const leads = await leadsOf();
      expect(leads.map((l) => [l.first_name, l.company, l.notes])).toEqual([
        ['José', 'Café € Ltd', '\u201cquoted\u201d'],
        ['François', 'Müller GmbH', null],
      ]);
    });

    it('reads a UTF-16 file with its BOM (Excel\'s "Unicode text": tab-separated, little endian), and big endian', async () => {
      const text =
        'First Name\tEmail\tCompany\r\nZoë\tzoe16@example.com\tCafé 😀 Ñandú\r\nJosé\tjose16@example.com\t\r\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const data = await imported(le);
      expect(data.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
      const leads = await leadsOf();
      expect(leads.map((l) => [l.first_name, l.email, l.company])).toEqual([
        ['Zoë', 'zoe16@example.com', 'Café 😀 Ñandú'],
        ['José', 'jose16@example.com', null],
      ]);
      const swapped = Buffer.from(text.replace(/16@/g, '16be@'), 'utf16le').swap16();
      const be = await imported(Buffer.concat([Buffer.from([0xfe, 0xff]), swapped]));
      expect(be.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
    });

    it('keeps quoted newlines and delimiters in their cell, and later rows keep their own row numbers', async () => {
      const csv = [
        'First Name,Email,Phone,Notes',
        '"Multi\nLine",a@example.com,,"one, two\r\nthree\n\nfour"',
        '"Bo ""the"" Lee",b@example.com,,"x"',
        'Cy,not-an-email,,"also\nmulti,line"',
        'Di,d@example.com,12345,',
        'Ed,e@example.com,,"tail, end"',
      ].join('\r\n');
      const data = await imported(csv);
      expect(data.results).toEqual({
        total: 5,
        valid: 3,
        invalid: 2,
        duplicates: 0,
        dnc: 0,
        inserted: 3,
        updated: 0,
      });
      expect(data.errors).toEqual([
        { row: 3, field: 'email', value: 'not-an-email', error: expect.any(String) },
        { row: 4, field: 'phone', value: '12345', error: expect.any(String) },
      ]);
      const leads = await leadsOf();
      expect(leads.map((l) => [l.first_name, l.email, l.notes])).toEqual([
        ['Multi\nLine', 'a@example.com', 'one, two\r\nthree\n\nfour'],
        ['Bo "the" Lee', 'b@example.com', 'x'],
        ['Ed', 'e@example.com', 'tail, end'],
      ]);
    });

    it('skips blank lines between rows without counting them as rows', async () => {
      const csv = 'Email,Phone\n\na@example.com,\n\n\nb@example.com,12345\n\n';
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 2, inserted: 1, invalid: 1 });
      expect(data.errors).toEqual([{ row: 2, field: 'phone', value: '12345', error: expect.any(String) }]);
    });

    it('ignores whitespace before the header as the header check does (no phantom data row)', async () => {
      // The upload's header check skips leading whitespace; the rows that are imported must start at the same place.
      const csv = '  \r\n\r\nEmail,First Name\r\nann@example.com,Ann\r\n';
      const data = await imported(csv);
      expect(data.results).toEqual({
        total: 1,
        valid: 1,
        invalid: 0,
        duplicates: 0,
        dnc: 0,
        inserted: 1,
        updated: 0,
      });
      expect(data.errors).toEqual([]);
      expect((await leadsOf()).map((l) => [l.email, l.first_name])).toEqual([['ann@example.com', 'Ann']]);
    });

    it.each([
      ['a first row of empty cells (as Excel saves it)', ',,,\r\nPhone,Email\r\n'],
      ['empty rows of any delimiter before a semicolon header', ';;;\r\n,, ,\r\n\t\r\nPhone;Email\r\n'],
      ["Excel's sep=; line", 'sep=;\r\nPhone;Email\r\n'],
      ["Excel's sep=, line followed by an empty row", 'SEP=,\r\n,,\r\nPhone,Email\r\n'],
      ["Excel's sep= line naming tab", 'sep=\t\r\nPhone\tEmail\r\n'],
    ])('finds the header after %s and numbers rows from it', async (_what, head) => {
      const d = head.includes('\t') && head.startsWith('sep') ? '\t' : head.includes(';Email') ? ';' : ',';
      const rows = [`+447911100001${d}ann@example.com`, `12345${d}bo@example.com`].join('\r\n');
      const data = await imported(`${head}${rows}\r\n`);
      expect(data.results).toMatchObject({ total: 2, inserted: 1, invalid: 1 });
      expect(data.errors).toEqual([{ row: 2, field: 'phone', value: '12345', error: expect.any(String) }]);
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({
        phone_normalized: '+447911100001',
        email: 'ann@example.com',
        custom_fields: {},
      });
    });

    it('refuses a sep= line naming a delimiter it does not read (400 on file), storing nothing', async () => {
      const res = await upload(
        tenant.admin.headers,
        'sep=|\r\nPhone|Email\r\n+447911100001|a@example.com\r\n',
      );
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toMatch(/delimiter "\|" \(sep=\|\)/);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('refuses a file of empty rows only as one without a header (400 on file), storing nothing', async () => {
      const res = await upload(tenant.admin.headers, ',,,\r\n;;\r\n,,,\r\n');
      expectValidation(res, ['file']);
      expect(details(res)[0].reason).toMatch(/no header row/);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });

    it('keeps the empty first name of a tab-delimited header in place (its columns do not shift)', async () => {
      const data = await imported('\tPhone\tEmail\r\nrow one\t+447911100001\tann@example.com\r\n');
      expect(data.results).toMatchObject({ total: 1, inserted: 1, invalid: 0 });
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({ phone_normalized: '+447911100001', email: 'ann@example.com' });
    });

    it('reads a Windows-1252 header: Téléphone is the phone alias, Prénom a custom field named as written', async () => {
      const bytes = Buffer.from('Pr\xe9nom;T\xe9l\xe9phone\r\nAn\xe9;+33 6 12 34 56 78\r\n', 'latin1');
      const data = await imported(bytes);
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      const [lead] = await leadsOf();
      expect(lead.phone_normalized).toBe('+33612345678');
      expect(lead.custom_fields).toEqual({ Prénom: 'Ané' });
    });

    it('reads old Mac line endings (CR only)', async () => {
      const data = await imported('Email,Name\rcr1@example.com,Ana Cr\rcr2@example.com,Bo Cr\r');
      expect(data.results).toMatchObject({ total: 2, inserted: 2 });
      expect((await leadsOf()).map((l) => [l.email, l.last_name])).toEqual([
        ['cr1@example.com', 'Cr'],
        ['cr2@example.com', 'Cr'],
      ]);
    });

    it('reads a header with a stray quote inside a cell (6" Display) like the rows do', async () => {
      // The rows are parsed with relaxed quotes (a quote inside an unquoted cell is a character); the header check
      // must agree, or it takes the whole file for the header.
      const csv = 'Name,Email,6" Display\nAna,ana@example.com,yes\nBo,bo@example.com,no\n';
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
      expect((await leadsOf()).map((l) => [l.email, l.custom_fields])).toEqual([
        ['ana@example.com', { '6" Display': 'yes' }],
        ['bo@example.com', { '6" Display': 'no' }],
      ]);
    });

    it('never turns Windows-1252 bytes past the first megabyte into U+FFFD (data must not be lost silently)', async () => {
      const rows = Array.from({ length: 2000 }, (_, i) => `w${i}@example.com,Plain${i},${'n'.repeat(600)}`);
      const bytes = Buffer.concat([
        Buffer.from(`Email,First Name,Notes\n${rows.join('\n')}\n`),
        Buffer.from('late@example.com,Fran\xe7ois,caf\xe9\n', 'latin1'),
      ]);
      expect(bytes.length).toBeGreaterThan(1024 * 1024);
      const res = await upload(tenant.admin.headers, bytes);
      expect(res.status).toBe(200);
      const late = (await db.query(
        "SELECT first_name, notes FROM leads WHERE tenant_id = $1 AND email = 'late@example.com'",
        [tenant.id],
      )) as { first_name: string; notes: string }[];
      const reported = (res.body.data.errors as { row: number }[]).some((e) => e.row === 2001);
      // Either decoded right, or refused with an error on that row: never stored with replacement characters.
      expect({ late, reported }).toEqual(
        reported ? { late: [], reported } : { late: [{ first_name: 'François', notes: 'café' }], reported },
      );
    });
  });

  describe('header aliases and field_mapping', () => {
    it("reads a country column of names (HubSpot's Country/Region): national numbers are parsed with it", async () => {
      const csv = 'Name,Phone,Country/Region\nAna,912 345 678,Portugal\nBob,(415) 555-2671,United States\n';
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
      expect((await leadsOf()).map((l) => [l.first_name, l.phone_normalized, l.country])).toEqual([
        ['Ana', '+351912345678', 'PT'],
        ['Bob', '+14155552671', 'US'],
      ]);
    });

    it('recognises Mobile, E-mail, First Name and Organisation without a mapping', async () => {
      const csv =
        'Mobile,E-mail,First Name,Organisation,Surname,Job Title\n+44 7911 123456,Kim@Example.com,Kim,Initech,Park,CTO\n';
      const data = await imported(csv);
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({
        phone_normalized: '+447911123456',
        email: 'Kim@Example.com',
        first_name: 'Kim',
        last_name: 'Park',
        company: 'Initech',
        position: 'CTO',
      });
      expect(lead.custom_fields).toEqual({});
    });

    it('maps a custom header to phone, another to custom_fields.plan and one to ignore', async () => {
      const csv = [
        'Full Name,Reach Me At,Plan Tier,Internal Id,Colour',
        'Ana Maria Silva,+351 912 345 678,gold,SECRET-1,blue',
        'Bo Lee,+44 7911 123457,silver,SECRET-2,',
      ].join('\n');
      const data = await imported(csv, {
        field_mapping: JSON.stringify({
          'Reach Me At': 'phone',
          'Plan Tier': 'custom_fields.plan',
          'Internal Id': 'ignore',
        }),
      });
      expect(data.results).toMatchObject({ total: 2, inserted: 2, invalid: 0 });
      const leads = await leadsOf();
      expect(leads.map((l) => [l.first_name, l.last_name, l.phone_normalized, l.custom_fields])).toEqual([
        ['Ana', 'Maria Silva', '+351912345678', { plan: 'gold', Colour: 'blue' }],
        ['Bo', 'Lee', '+447911123457', { plan: 'silver' }],
      ]);
      expect(JSON.stringify(leads)).not.toContain('SECRET');
    });

    it('lets a mapping win over an alias: "Email" mapped to custom_fields.work_email, "Private" to email', async () => {
      const csv = 'Email,Private\nwork@corp.example,me@home.example\n';
      const data = await imported(csv, {
        field_mapping: JSON.stringify({ Email: 'custom_fields.work_email', Private: 'email' }),
      });
      expect(data.results).toMatchObject({ inserted: 1 });
      const [lead] = await leadsOf();
      expect(lead).toMatchObject({
        email: 'me@home.example',
        custom_fields: { work_email: 'work@corp.example' },
      });
    });
  });

  describe('existing leads', () => {
    it('on_duplicate=update updates the existing lead: results.updated 1, company changed, tags merged', async () => {
      const lead = await createLead({
        name: 'Ana Silva',
        email: 'ana@example.com',
        phone: '+351 912 345 678',
        company: 'Old Co',
        tags: ['vip'],
        custom_fields: { tier: 'a' },
      });
      const csv = 'Email,Phone,Company,Tags,Plan\nANA@example.com,,New Co,webinar;vip,gold\n';
      const data = await imported(csv, { on_duplicate: 'update', tags: 'import-2026' });
      expect(data.results).toEqual({
        total: 1,
        valid: 1,
        invalid: 0,
        duplicates: 0,
        dnc: 0,
        inserted: 0,
        updated: 1,
      });
      const after = await getLead(lead.id);
      expect(after).toMatchObject({
        id: lead.id,
        first_name: 'Ana',
        email: 'ana@example.com',
        phone_normalized: '+351912345678',
        company: 'New Co',
        custom_fields: { tier: 'a', Plan: 'gold' },
      });
      expect([...(after.tags as string[])].sort()).toEqual(['import-2026', 'vip', 'webinar']);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });

    it("on_duplicate=update merges tags whatever their case: one of each, the lead's spelling first", async () => {
      const lead = await createLead({ email: 'ana@example.com', tags: ['VIP', 'q4'] });
      const csv = 'Email,Tags\nana@example.com,vip;Webinar;WEBINAR;Q4\nbo@example.com,Hot;hot\n';
      const data = await imported(csv, { on_duplicate: 'update', tags: 'Import,import,hot' });
      expect(data.results).toMatchObject({ inserted: 1, updated: 1, invalid: 0 });
      expect((await getLead(lead.id)).tags).toEqual(['VIP', 'q4', 'Webinar', 'Import', 'hot']);
      const [bo] = (await leadsOf()).filter((l) => l.email === 'bo@example.com');
      expect(bo.tags).toEqual(['Hot', 'Import']);
    });

    it("keeps a lead's tags at 50: on_duplicate=update keeps the lead's own first, a new row the file's first", async () => {
      const own = Array.from({ length: 48 }, (_, i) => `own${i}`);
      const lead = await createLead({ email: 'ana@example.com', tags: own });
      const fileTags = Array.from({ length: 40 }, (_, i) => `file${i}`).join(';');
      const csv = `Email,Tags\nana@example.com,${fileTags}\nbo@example.com,${fileTags}\n`;
      const data = await imported(csv, {
        on_duplicate: 'update',
        tags: Array.from({ length: 20 }, (_, i) => `imp${i}`).join(','),
      });
      expect(data.results).toMatchObject({ inserted: 1, updated: 1, invalid: 0 });
      expect((await getLead(lead.id)).tags).toEqual([...own, 'file0', 'file1']);
      const [bo] = (await leadsOf()).filter((l) => l.email === 'bo@example.com');
      expect(bo.tags).toEqual([
        ...Array.from({ length: 40 }, (_, i) => `file${i}`),
        ...Array.from({ length: 10 }, (_, i) => `imp${i}`),
      ]);
    });

    it('on_duplicate=skip (the default) leaves the existing lead as it was and counts a duplicate', async () => {
      const lead = await createLead({
        name: 'Ana Silva',
        email: 'ana@example.com',
        phone: '+351 912 345 678',
        company: 'Old Co',
        tags: ['vip'],
      });
      const before = await getLead(lead.id);
      const csv = 'Email,Phone,Company,Tags\n,00351 912 345 678,New Co,webinar\nbo@example.com,,Bo Co,\n';
      const data = await imported(csv, { tags: 'import-2026' });
      expect(data.results).toEqual({
        total: 2,
        valid: 1,
        invalid: 0,
        duplicates: 1,
        dnc: 0,
        inserted: 1,
        updated: 0,
      });
      expect(await getLead(lead.id)).toEqual(before);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(2);
    });

    it("refuses a row whose phone is one lead's and email another's, naming both leads", async () => {
      const [a, b] = [
        await createLead({ name: 'A', phone: '+351 912 345 678', email: 'a@example.com' }),
        await createLead({ name: 'B', phone: '+44 7911 123456', email: 'b@example.com' }),
      ];
      const before = [await getLead(a.id), await getLead(b.id)];
      const csv = 'Phone,Email,Company\n+351912345678,B@example.com,Merged\n';
      for (const on_duplicate of ['skip', 'update']) {
        const data = await imported(csv, { on_duplicate });
        expect(data.results).toMatchObject({ total: 1, invalid: 1, inserted: 0, updated: 0, duplicates: 0 });
        expect(data.errors).toHaveLength(1);
        const [error] = data.errors as { row: number; field: string; error: string }[];
        expect(error.row).toBe(1);
        expect(error.error).toContain(a.id);
        expect(error.error).toContain(b.id);
      }
      expect([await getLead(a.id), await getLead(b.id)]).toEqual(before);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(2);
    });

    it('on_duplicate=update: two rows that reach the same lead (one by phone, one by email) update it once', async () => {
      // Every row lands in exactly one outcome and `updated` counts leads updated: the second row that reaches
      // the same lead is a duplicate of the first (as it is when the rows fall in different batches).
      const lead = await createLead({
        name: 'L',
        phone: '+351 912 345 678',
        email: 'l@example.com',
        company: 'Orig',
      });
      const csv = 'Phone,Email,Company\n+351912345678,,First\n,L@example.com,Second\n';
      const data = await imported(csv, { on_duplicate: 'update' });
      expect(data.results).toEqual({
        total: 2,
        valid: 1,
        invalid: 0,
        duplicates: 1,
        dnc: 0,
        inserted: 0,
        updated: 1,
      });
      expect((await getLead(lead.id)).company).toBe('First');
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });

    it("on_duplicate=update keeps the lead's phone and the country it goes with when the row brings another number", async () => {
      const lead = await createLead({ name: 'Pt', phone: '+351 912 345 678', email: 'pt@example.com' });
      const data = await imported('Email,Phone,Company\npt@example.com,+1 415 555 2671,Moved\n', {
        on_duplicate: 'update',
      });
      expect(data.results).toMatchObject({ total: 1, updated: 1 });
      expect(await getLead(lead.id)).toMatchObject({
        company: 'Moved',
        phone_normalized: '+351912345678',
        country: 'PT',
      });
    });

    it('on_duplicate=update fills in an email the lead lacked, and a later row with that email is a duplicate', async () => {
      const lead = await createLead({ name: 'P', phone: '+44 7911 123456' });
      const csv = 'Phone,Email,Company\n07911 123456,new@example.com,Filled\n,NEW@example.com,Again\n';
      const data = await imported(csv, { on_duplicate: 'update', default_country: 'GB' });
      expect(data.results).toMatchObject({ total: 2, updated: 1, duplicates: 1, inserted: 0 });
      expect(await getLead(lead.id)).toMatchObject({ email: 'new@example.com', company: 'Filled' });
      // The filled-in email is now the lead's identity: importing it again finds the same lead.
      const again = await imported('Email\nnew@example.com\n');
      expect(again.results).toMatchObject({ duplicates: 1, inserted: 0 });
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });
  });

  describe('do-not-contact', () => {
    async function addDnc(body: Json) {
      const res = await api.http.post('/api/dnc').set(tenant.admin.headers).send(body);
      expect(res.status).toBe(201);
    }

    it('counts an all-channel entry as dnc (no lead) and creates a channel-only one opted out of that channel', async () => {
      await addDnc({ phone: '+1 415 555 2671', channel: 'all', reason: 'manual' });
      await addDnc({ phone: '+1 415 555 2672', channel: 'sms', reason: 'manual' });
      await addDnc({ email: 'Blocked@Example.com', channel: 'all', reason: 'complaint' });
      const csv = [
        'Name,Phone,Email',
        'All Blocked,(415) 555-2671,',
        'Sms Only,(415) 555-2672,sms@example.com',
        'Mail Blocked,,blocked@example.COM',
        'Fine,(415) 555-2673,',
      ].join('\n');
      const data = await imported(csv, { default_country: 'US' });
      expect(data.results).toEqual({
        total: 4,
        valid: 2,
        invalid: 0,
        duplicates: 0,
        dnc: 2,
        inserted: 2,
        updated: 0,
      });
      const leads = await leadsOf();
      expect(
        leads.map((l) => [l.first_name, l.phone_normalized, l.opted_out_channels, l.do_not_call]),
      ).toEqual([
        ['Sms', '+14155552672', ['sms'], false],
        ['Fine', '+14155552673', [], false],
      ]);
    });

    it('opts a new lead out of every channel entry that matches its phone or its email', async () => {
      await addDnc({ phone: '+44 7911 123456', channel: 'whatsapp' });
      await addDnc({ email: 'multi@example.com', channel: 'email' });
      const data = await imported('Phone,Email\n+447911123456,Multi@Example.com\n');
      expect(data.results).toMatchObject({ total: 1, inserted: 1, dnc: 0 });
      const [lead] = await leadsOf();
      expect([...(lead.opted_out_channels as string[])].sort()).toEqual(['email', 'whatsapp']);
      expect(lead.do_not_call).toBe(false);
    });

    it('an update that fills in a phone or email a channel entry names opts the lead out of that channel', async () => {
      const byEmail = await createLead({ name: 'Mail', email: 'fill@example.com' });
      const byPhone = await createLead({ name: 'Phone', phone: '+44 7911 123457' });
      await addDnc({ phone: '+44 7911 123458', channel: 'whatsapp' });
      await addDnc({ email: 'later@example.com', channel: 'email' });
      const csv = 'Phone,Email\n07911 123458,fill@example.com\n07911 123457,later@example.com\n';
      const data = await imported(csv, { on_duplicate: 'update', default_country: 'GB' });
      expect(data.results).toMatchObject({ total: 2, updated: 2, inserted: 0, dnc: 0 });
      expect(await getLead(byEmail.id)).toMatchObject({
        phone_normalized: '+447911123458',
        opted_out_channels: ['whatsapp'],
        do_not_call: false,
      });
      expect(await getLead(byPhone.id)).toMatchObject({
        email: 'later@example.com',
        opted_out_channels: ['email'],
        do_not_call: false,
      });
    });
  });

  describe('POST /api/leads with a multipart CSV (seed 002)', () => {
    it('imports exactly as POST /api/leads/import: 200 with results', async () => {
      const data = await imported(
        'Name,Email\nSeed Two,seed2@example.com\nBad,nope\n',
        {},
        { path: '/api/leads' },
      );
      expect(data).toMatchObject({
        import_id: expect.stringMatching(UUID_PATTERN),
        status: 'completed',
        results: { total: 2, inserted: 1, invalid: 1 },
        errors: [{ row: 2, field: 'email', value: 'nope', error: expect.any(String) }],
      });
      const seen = await api.http.get(`/api/leads/imports/${data.import_id}`).set(tenant.admin.headers);
      expect(seen.body.data).toEqual(data);
      expect((await leadsOf()).map((l) => l.email)).toEqual(['seed2@example.com']);
    });

    it('imports through the POST /api/leads/upload alias', async () => {
      const data = await imported('Email\nalias@example.com\n', {}, { path: '/api/leads/upload' });
      expect(data.results).toMatchObject({ total: 1, inserted: 1 });
    });

    it('refuses a multipart POST /api/leads without a file like the import route, storing nothing', async () => {
      const res = await api.http.post('/api/leads').set(tenant.admin.headers).field('on_duplicate', 'skip');
      expectValidation(res, ['file']);
      expect(await stored(tenant.id)).toEqual(NOTHING);
    });
  });

  describe('a large file: queued, run by the worker, reported live', () => {
    let queuedApi: TestApi;
    let worker: TestWorker;

    beforeAll(async () => {
      queuedApi = await createTestApi({ env: { IMPORT_INLINE_MAX_BYTES: '0', IMPORT_BATCH_ROWS: '40' } });
      worker = await createTestWorker({ config: queuedApi.config });
    });
    afterAll(async () => {
      await worker?.close();
      await queuedApi?.close();
    });

    function connect(token: string): Promise<Socket> {
      const socket = io(queuedApi.url, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }

    it('answers 202 queued; the worker completes it with the right results and events', async () => {
      const owner = await createTenant(queuedApi.http);
      const socket = await connect(owner.admin.token);
      const progress: Json[] = [];
      const created: Json[] = [];
      socket.on('import:progress', (p: Json) => progress.push(p));
      socket.on('lead.created', (p: Json) => created.push(p));
      await new Promise((r) => setTimeout(r, 100));

      const rows = Array.from({ length: 150 }, (_, i) => `Person ${i},q${i}@example.com,${ukMobile(i)}`);
      rows.push('Dup,q0@example.com,', 'Bad,not-an-email,');
      const csv = `Name,Email,Phone\n${rows.join('\n')}\n`;
      const res = await upload(owner.admin.headers, csv, { tags: 'bulk' }, {}, queuedApi);
      expect(res.status).toBe(202);
      expect(res.body.data).toMatchObject({
        import_id: expect.stringMatching(UUID_PATTERN),
        status: 'queued',
      });
      const importId = res.body.data.import_id as string;

      const done = await waitFor(
        async () => {
          const seen = await queuedApi.http.get(`/api/leads/imports/${importId}`).set(owner.admin.headers);
          return seen.body.data?.status === 'completed' ? (seen.body.data as Json) : undefined;
        },
        20_000,
        'the queued import to complete',
      );
      const results = {
        total: 152,
        valid: 150,
        invalid: 1,
        duplicates: 1,
        dnc: 0,
        inserted: 150,
        updated: 0,
      };
      expect(done).toMatchObject({
        import_id: importId,
        progress: { processed: 152 },
        results,
        errors: [{ row: 152, field: 'email', value: 'not-an-email', error: expect.any(String) }],
        error_count: 1,
      });
      const leadsDb = queuedApi.app.get(DataSource);
      expect(await countRows(leadsDb, 'leads', 'tenant_id = $1', [owner.id])).toBe(150);
      expect(await countRows(leadsDb, 'lead_import_chunks', 'import_id = $1', [importId])).toBe(0);

      await waitFor(
        () => (progress.some((p) => p.status === 'completed') ? true : undefined),
        10_000,
        'the completed import:progress event',
      );
      expect(progress.every((p) => p.import_id === importId)).toBe(true);
      expect(progress.filter((p) => p.status === 'running').length).toBeGreaterThanOrEqual(2);
      expect(progress[progress.length - 1]).toMatchObject({
        import_id: importId,
        status: 'completed',
        results,
      });
      const processed = progress.map((p) => p.processed as number);
      expect(processed).toEqual([...processed].sort((x, y) => x - y));

      await waitFor(
        () => (created.reduce((n, p) => n + (p.count as number), 0) >= 150 ? true : undefined),
        10_000,
        'lead.created events for 150 leads',
      );
      expect(created.every((p) => p.import_id === importId)).toBe(true);
      expect(created.reduce((n, p) => n + (p.count as number), 0)).toBe(150);
      expect((created[0].leads as Json[])[0]).toMatchObject({ name: 'Person 0', email: 'q0@example.com' });
    });
  });
});
