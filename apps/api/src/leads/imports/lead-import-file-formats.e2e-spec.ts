import { countRows, expectValidation, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { details, leadImportInputs, NOTHING, SCRIPT_STRING, SQL_STRING } from './lead-import-inputs.fixture';

/** Odd but valid files import what they hold; hostile strings are stored as they are. */
describe('CSV import inputs: delimiters, encodings, quoting and hostile strings (e2e)', () => {
  let db: DataSource;
  let tenant: TestTenant;
  const { upload, imported, stored, leadsOf, getLead } = leadImportInputs((s) => ({ db, tenant } = s));

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
});
