import { countRows, expectValidation, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { details, type Json, leadImportInputs, NOTHING } from './lead-import-inputs.fixture';

/** Headers, rows and cells past the limits: a header is refused, a row reported on its own. */
describe('CSV import inputs: oversized headers, rows and cells (e2e)', () => {
  let db: DataSource;
  let tenant: TestTenant;
  const { upload, imported, stored, leadsOf } = leadImportInputs((s) => ({ db, tenant } = s));

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
});
