import {
  countRows,
  createTenant,
  createTestApi,
  expectError,
  expectValidation,
  getBytes,
  PgSessions,
  TestApi,
  TestTenant,
  useTestApi,
} from '@app/testing';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

/** POST /api/leads/import with the file and form fields given. */
function upload(
  api: TestApi,
  tenant: TestTenant,
  csv: string | Buffer,
  fields: Json = {},
  name = 'leads.csv',
) {
  let req = api.http.post('/api/leads/import').set(tenant.admin.headers);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
  return req.attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv), {
    filename: name,
    contentType: 'text/csv',
  });
}

describe('CSV import (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  beforeEach(async () => {
    tenant = await createTenant(api.http);
  });

  it('imports a small file at once: each row in exactly one outcome, errors with row, field, value and reason', async () => {
    const csv = [
      'First Name,Last Name,E-mail,Phone Number,Company,Plan',
      'Ana,Silva,ana@example.com,+351 912 345 678,Acme,gold',
      'Bob,Lee,bob@example.com,(415) 555-2671,"Lee, Inc.",silver',
      'Cy,Dup,,00351912345678,,',
      'Dee,Bad,dee@example.com,12345,,',
      'Eve,None,,,,',
      '"Multi',
      'line",Name,multi@example.com,,,"a',
      'b"',
      'Fay,Last,fay@example.com,+44 7911 123456,,',
    ].join('\r\n');
    const res = await upload(api, tenant, csv, { default_country: 'US', tags: 'webinar' });
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({
      status: 'completed',
      results: { total: 7, valid: 4, invalid: 2, duplicates: 1, dnc: 0, inserted: 4, updated: 0 },
      progress: { processed: 7 },
      error_count: 2,
    });
    expect(data.errors).toEqual([
      { row: 4, field: 'phone', value: '12345', error: expect.any(String) },
      { row: 5, field: 'phone', value: null, error: 'a phone or an email is required' },
    ]);
    const leads = (
      await api.http.get('/api/leads?limit=50&sort=created_at&order=asc').set(tenant.admin.headers)
    ).body.data as Json[];
    expect(leads.map((l) => [l.first_name, l.phone_normalized, l.email])).toEqual([
      ['Ana', '+351912345678', 'ana@example.com'],
      ['Bob', '+14155552671', 'bob@example.com'],
      ['Multi\r\nline', null, 'multi@example.com'],
      ['Fay', '+447911123456', 'fay@example.com'],
    ]);
    expect(leads[0]).toMatchObject({ company: 'Acme', custom_fields: { Plan: 'gold' }, tags: ['webinar'] });
    expect(leads[1]).toMatchObject({ company: 'Lee, Inc.', country: 'US' });
    expect(leads[2]).toMatchObject({ custom_fields: { Plan: 'a\r\nb' } });

    const status = await api.http.get(`/api/leads/imports/${data.import_id}`).set(tenant.admin.headers);
    expect(status.status).toBe(200);
    expect(status.body.data).toEqual(data);
    expect(await countRows(api.db, 'lead_import_chunks', 'import_id = $1', [data.import_id])).toBe(0);
  });

  it("answers seed 000's stats beside results: imported (valid rows) and skipped (every other row)", async () => {
    await upload(api, tenant, 'phone\n+14155552671\n');
    const csv = ['name,phone', 'Ana,+14155552672', 'Bob,+14155552673', 'Dup,+14155552671', 'Bad,12'].join(
      '\n',
    );
    const res = await upload(api, tenant, csv);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      results: { total: 4, valid: 2, invalid: 1, duplicates: 1 },
      stats: { imported: 2, skipped: 2 },
    });
    const status = await api.http
      .get(`/api/leads/imports/${res.body.data.import_id}`)
      .set(tenant.admin.headers);
    expect(status.body.data.stats).toEqual({ imported: 2, skipped: 2 });
    const listed = await api.http.get('/api/leads/imports?limit=1').set(tenant.admin.headers);
    expect(listed.body.data[0].stats).toEqual({ imported: 2, skipped: 2 });
  });

  it('imports a Salesforce export: a status or priority of its own gives the default and is kept as a custom field', async () => {
    const csv = [
      'First Name,Email,Lead Status,Rating',
      'Ana,ana@example.com,Open - Not Contacted,Hot',
      'Bob,bob@example.com,Qualified,high',
      'Cy,cy@example.com,Working - Contacted,',
    ].join('\n');
    const res = await upload(api, tenant, csv, {
      field_mapping: '{"Lead Status":"status","Rating":"priority"}',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.results).toMatchObject({ total: 3, inserted: 3, invalid: 0 });
    expect(res.body.data.errors).toEqual([]);
    const leads = await api.db.query(
      `SELECT email, status, priority, custom_fields FROM leads WHERE tenant_id = $1 ORDER BY email`,
      [tenant.id],
    );
    expect(leads).toEqual([
      {
        email: 'ana@example.com',
        status: 'new',
        priority: 'normal',
        custom_fields: { 'Lead Status': 'Open - Not Contacted', Rating: 'Hot' },
      },
      { email: 'bob@example.com', status: 'qualified', priority: 'high', custom_fields: {} },
      {
        email: 'cy@example.com',
        status: 'new',
        priority: 'normal',
        custom_fields: { 'Lead Status': 'Working - Contacted' },
      },
    ]);
  });

  it('reports an oversized cell of a long-named custom column as a row error; the other rows land', async () => {
    const header = `Notes about ${'the lead '.repeat(16)}`.trim();
    const csv = [
      `Phone,${header}`,
      '+351912345601,fine',
      `+351912345602,${'x'.repeat(10_001)}`,
      '+351912345603,also fine',
    ].join('\n');
    const res = await upload(api, tenant, csv);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'completed',
      results: { total: 3, invalid: 1, inserted: 2 },
    });
    // The field names the column as far as an error's field is kept (120 characters).
    expect(res.body.data.errors).toEqual([
      {
        row: 2,
        field: `custom_fields.${header}`.slice(0, 120),
        value: expect.stringMatching(/^x+…$/),
        error: 'is longer than 10000 characters',
      },
    ]);
  });

  it('a lead archived while the import reads it is not updated: the row makes a new lead', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Old', email: 'moved@example.com' });
    const oldId = created.body.data.id as string;
    const sessions = new PgSessions(api.db);
    try {
      // The archive holds the lead, its identity released, not committed yet.
      const archive = await sessions.begin();
      await archive.tx.query(`UPDATE leads SET archived_at = now() WHERE id = $1`, [oldId]);
      await archive.tx.query(`DELETE FROM lead_identities WHERE lead_id = $1`, [oldId]);
      const csv = 'First Name,E-mail,Phone\nNew,moved@example.com,+351912345611\n';
      const importing = upload(api, tenant, csv, { on_duplicate: 'update' }).then((res) => res);
      expect(await sessions.doneOrWaiting(importing, [archive.pid])).toHaveLength(1);
      await archive.tx.commitTransaction();
      const res = await importing;
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ inserted: 1, updated: 0 });
    } finally {
      await sessions.close();
    }
    const [old] = await api.db.query(`SELECT first_name, phone_normalized FROM leads WHERE id = $1`, [oldId]);
    expect(old).toEqual({ first_name: 'Old', phone_normalized: null });
    const owners = await api.db.query(
      `SELECT lead_id FROM lead_identities WHERE tenant_id = $1 AND address IN ('moved@example.com', '+351912345611')`,
      [tenant.id],
    );
    expect(owners.map((o: { lead_id: string }) => o.lead_id)).not.toContain(oldId);
    expect(owners).toHaveLength(2);
  });

  it('counts a row the same whatever batch it falls in: an earlier row of the file makes it a duplicate', async () => {
    // Rows 1 and 3 share a phone; row 3's email is an existing lead's. In one batch row 3 is a duplicate of row 1;
    // in batches of two it meets row 1's lead as an existing one, and is a duplicate still, not an error.
    const small = await createTestApi({ env: { IMPORT_BATCH_ROWS: '2' } });
    try {
      const t = await createTenant(small.http);
      const existing = await small.http
        .post('/api/leads')
        .set(t.admin.headers)
        .send({ first_name: 'Old', email: 'old@example.com' });
      expect(existing.status).toBe(201);
      const csv = [
        'First Name,Phone,E-mail',
        'Ann,+351912345621,ann@example.com',
        'Ben,+351912345622,ben@example.com',
        'Ann again,+351912345621,old@example.com',
      ].join('\n');
      const res = await upload(small, t, csv, { on_duplicate: 'update' });
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ inserted: 2, duplicates: 1, invalid: 0, updated: 0 });
      const [old] = await api.db.query(`SELECT first_name FROM leads WHERE id = $1`, [existing.body.data.id]);
      expect(old.first_name).toBe('Old');
    } finally {
      await small.close();
    }
  });

  it("refuses a row whose phone is a lead the file updated and whose email another lead's, whatever batch it falls in", async () => {
    // Row 1 updates lead A; row 2 has A's phone and B's email: an error naming both in one batch, and so in two.
    const small = await createTestApi({ env: { IMPORT_BATCH_ROWS: '1' } });
    try {
      for (const on of [api, small]) {
        const t = await createTenant(on.http);
        const [a, b] = await Promise.all(
          [
            { first_name: 'A', phone: '+351912345631' },
            { first_name: 'B', email: 'b@example.com' },
          ].map(async (lead) => (await on.http.post('/api/leads').set(t.admin.headers).send(lead)).body.data),
        );
        const csv = 'Phone,E-mail,Company\n+351912345631,,First\n+351912345631,b@example.com,Second\n';
        const res = await upload(on, t, csv, { on_duplicate: 'update' });
        expect(res.status).toBe(200);
        expect(res.body.data.results).toMatchObject({ total: 2, updated: 1, invalid: 1, duplicates: 0 });
        expect(res.body.data.errors).toEqual([
          {
            row: 2,
            field: 'email',
            value: 'b@example.com',
            error: `the phone belongs to lead ${a.id} and the email to lead ${b.id}`,
          },
        ]);
      }
    } finally {
      await small.close();
    }
  });

  it('refuses a file that is not a CSV and stores nothing', async () => {
    const res = await upload(api, tenant, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]), {}, 'x.csv');
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await countRows(api.db, 'lead_imports', 'tenant_id = $1', [tenant.id])).toBe(0);
  });

  it("lists the tenant's imports newest first, with counts but without row errors; filters by status", async () => {
    const first = await upload(api, tenant, 'phone\n+14155552671\n12345\n');
    const second = await upload(api, tenant, 'email\nz@example.com\n');
    expect([first.status, second.status]).toEqual([200, 200]);
    const res = await api.http.get('/api/leads/imports?limit=10').set(tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ total: 2, limit: 10, offset: 0 });
    expect(res.body.data.map((i: Json) => i.import_id)).toEqual([
      second.body.data.import_id,
      first.body.data.import_id,
    ]);
    expect(res.body.data[1]).toMatchObject({
      status: 'completed',
      error_count: 1,
      results: { total: 2, invalid: 1 },
    });
    expect(res.body.data[1]).not.toHaveProperty('errors');

    const failed = await api.http.get('/api/leads/imports?status=failed').set(tenant.admin.headers);
    expect(failed.body).toMatchObject({ data: [], meta: { total: 0 } });
    const completed = await api.http.get('/api/leads/imports?status=Completed').set(tenant.admin.headers);
    expect(completed.body).toMatchObject({ meta: { total: 2 } });
    for (const status of ['done', 'DONE']) {
      const bad = await api.http.get(`/api/leads/imports?status=${status}`).set(tenant.admin.headers);
      expectValidation(bad, ['status']);
    }
    const other = await createTenant(api.http);
    const theirs = await api.http.get('/api/leads/imports').set(other.admin.headers);
    expect(theirs.body).toMatchObject({ data: [], meta: { total: 0 } });
  });

  it('pages through all row errors of an import; another tenant gets 404', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `bad-${i}`);
    const res = await upload(api, tenant, `phone\n${rows.join('\n')}\n+14155552671\n`);
    expect(res.body.data).toMatchObject({ error_count: 7, results: { invalid: 7, inserted: 1 } });
    const id = res.body.data.import_id as string;
    const page = await api.http
      .get(`/api/leads/imports/${id}/errors?limit=3&offset=3`)
      .set(tenant.admin.headers);
    expect(page.status).toBe(200);
    expect(page.body.meta).toEqual({ total: 7, limit: 3, offset: 3 });
    expect(page.body.data.map((e: Json) => [e.row, e.field, e.value])).toEqual([
      [4, 'phone', 'bad-3'],
      [5, 'phone', 'bad-4'],
      [6, 'phone', 'bad-5'],
    ]);
    const past = await api.http.get(`/api/leads/imports/${id}/errors?offset=50`).set(tenant.admin.headers);
    expect(past.body).toMatchObject({ data: [], meta: { total: 7 } });
    const other = await createTenant(api.http);
    expectError(
      await api.http.get(`/api/leads/imports/${id}/errors`).set(other.admin.headers),
      404,
      'NOT_FOUND',
    );
  });

  it("hands back every row error as one CSV file, formulas guarded; another tenant's import is a 404", async () => {
    const rows = [...Array.from({ length: 150 }, (_, i) => `bad-${i}`), '=HYPERLINK("x")'];
    const res = await upload(api, tenant, `phone\n${rows.join('\n')}\n+14155552672\n`);
    expect(res.body.data).toMatchObject({ error_count: 151, results: { invalid: 151, inserted: 1 } });
    const id = res.body.data.import_id as string;
    const file = await getBytes(api.http, `/api/leads/imports/${id}/errors/export`, tenant.admin.headers);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="import-${id}-errors.csv"`);
    const records = parse(file.body.toString('utf8'), { bom: true, columns: true }) as Json[];
    expect(records).toHaveLength(151);
    expect(Object.keys(records[0])).toEqual(['row', 'field', 'value', 'reason']);
    expect(records[0]).toMatchObject({
      row: '1',
      field: 'phone',
      value: 'bad-0',
      reason: expect.any(String),
    });
    expect(records[150]).toMatchObject({ row: '151', value: `'=HYPERLINK("x")` });

    const other = await createTenant(api.http);
    expectError(
      await api.http.get(`/api/leads/imports/${id}/errors/export`).set(other.admin.headers),
      404,
      'NOT_FOUND',
    );
    expectError(
      await api.http.get(`/api/leads/imports/${randomUUID()}/errors/export`).set(tenant.admin.headers),
      404,
      'NOT_FOUND',
    );
  });
});
