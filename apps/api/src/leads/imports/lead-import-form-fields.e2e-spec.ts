import { expectValidation, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { details, leadImportInputs, NOTHING } from './lead-import-inputs.fixture';

/** The form fields and the header: refused fields name themselves and store nothing; aliases and mappings import what they name. */
describe('CSV import inputs: form fields, header aliases and mappings (e2e)', () => {
  let api: TestApi;
  let tenant: TestTenant;
  const { upload, imported, stored, leadsOf } = leadImportInputs((s) => ({ api, tenant } = s));

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
});
