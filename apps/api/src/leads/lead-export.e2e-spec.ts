import { createTenant, createUser, useTestApi } from '@app/testing';
import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, embedded commas and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('lead CSV template and export (e2e)', () => {
  const api = useTestApi();

  const download = (path: string, headers: Record<string, string>) =>
    api.http
      .get(path)
      .set(headers)
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => done(null, body));
      });

  it('serves a CSV template the import understands', async () => {
    const tenant = await createTenant(api.http);
    const res = await download('/api/leads/template/csv', tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="leads-template.csv"');
    const [row] = records(res.body as string);
    expect(Object.keys(row)).toEqual(
      expect.arrayContaining(['first_name', 'last_name', 'email', 'phone', 'tags', 'notes']),
    );
    expect(row).toMatchObject({ first_name: 'Jane', email: 'jane@example.com', tags: 'vip, q4' });
  });

  it("streams the caller's filtered leads, every column, formulas neutralised", async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    await api.http
      .post('/api/leads')
      .set(other.admin.headers)
      .send({ name: 'Other Tenant', email: 'other@example.com', tags: ['vip'] })
      .expect(201);
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send([
        {
          name: 'Jane Doe',
          phone: '+1 415 555 2671',
          tags: ['vip', 'q4'],
          company: '=HYPERLINK("http://evil")',
          custom_fields: { plan: 'a, "b"' },
        },
        { name: 'Bob Lee', email: 'bob@example.com', tags: ['vip'], notes: 'line one\nline two' },
        { name: 'Cy Nope', email: 'cy@example.com', tags: ['cold'] },
      ])
      .expect(200);
    expect(created.body.data.created).toBe(3);

    const res = await download('/api/leads/export?tag=vip&sort=name&order=asc', tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="leads.csv"');
    const rows = records(res.body as string);
    expect(rows.map((r) => r.first_name)).toEqual(['Bob', 'Jane']);
    const [bob, jane] = rows;
    expect(jane).toMatchObject({
      last_name: 'Doe',
      phone: '+1 415 555 2671',
      phone_normalized: '+14155552671',
      country: 'US',
      company: `'=HYPERLINK("http://evil")`,
      tags: 'vip, q4',
      custom_fields: JSON.stringify({ plan: 'a, "b"' }),
      do_not_call: 'false',
      status: 'new',
    });
    expect(bob).toMatchObject({ email: 'bob@example.com', notes: 'line one\nline two', phone: '' });
    expect(res.body as string).not.toContain('other@example.com');
  });

  it('guards a phone kept as written that starts as a formula does; the import reads it back as it was', async () => {
    const tenant = await createTenant(api.http);
    await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ name: 'Eq Phone', phone: '=+1 415 555 2671' })
      .expect(201);
    const res = await download('/api/leads/export', tenant.admin.headers);
    const [row] = records(res.body as string);
    expect(row).toMatchObject({ phone: "'=+1 415 555 2671", phone_normalized: '+14155552671' });
    const csv = (res.body as string).replace(/^\uFEFF/, '');
    const back = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('on_duplicate', 'update')
      .attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' });
    expect(back.body.data.results).toMatchObject({ total: 1, updated: 1 });
    const lead = (await api.http.get('/api/leads').set(tenant.admin.headers)).body.data[0];
    expect(lead.phone).toBe('=+1 415 555 2671');
  });

  it('an export edited and imported back updates the leads: its platform columns are left out, its custom fields come back one by one', async () => {
    const tenant = await createTenant(api.http);
    await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send([
        { name: 'Jane Doe', phone: '+1 415 555 2671', custom_fields: { plan: 'gold', seats: 12 } },
        { name: 'Bob Lee', email: 'bob@example.com' },
      ])
      .expect(200);
    const exported = (await download('/api/leads/export?sort=name&order=asc', tenant.admin.headers))
      .body as string;
    const edited = exported.replace('Jane,Doe', 'Janet,Doe');
    expect(edited).not.toBe(exported);
    const res = await api.http
      .post('/api/leads/import')
      .set(tenant.admin.headers)
      .field('on_duplicate', 'update')
      .attach('file', Buffer.from(edited), { filename: 'leads.csv', contentType: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.data.results).toMatchObject({ total: 2, updated: 2, inserted: 0, invalid: 0 });
    const leads = await api.http.get('/api/leads?sort=name&order=asc').set(tenant.admin.headers);
    const byEmail = (e: string | null) =>
      leads.body.data.find((l: { email: string | null }) => l.email === e);
    expect(byEmail(null)).toMatchObject({
      first_name: 'Janet',
      custom_fields: { plan: 'gold', seats: 12 },
    });
    expect(byEmail('bob@example.com').custom_fields).toEqual({});
  });

  it('is for managers: an agent gets the 403 envelope, not a file', async () => {
    const tenant = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    const res = await api.http.get('/api/leads/export').set(agent.headers);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      success: false,
      error: { code: 'AUTHORIZATION_FAILED', message: 'This needs the manager role', details: null },
    });
  });

  it('refuses a bad filter before streaming anything', async () => {
    const tenant = await createTenant(api.http);
    const res = await api.http.get('/api/leads/export?score_min=500').set(tenant.admin.headers);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'score_min', reason: expect.any(String) }]);
  });

  it("refuses the list's paging, which the export does not apply: every matching lead is streamed", async () => {
    const tenant = await createTenant(api.http);
    for (const param of ['limit=10', 'offset=5', 'page=2']) {
      const res = await api.http.get(`/api/leads/export?${param}`).set(tenant.admin.headers);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ field: param.split('=')[0], reason: expect.any(String) }],
      });
    }
  });

  it('streams many rows, and gives its connection back when the client goes away mid-download', async () => {
    const tenant = await createTenant(api.http);
    const db = api.app.get(DataSource);
    await db.query(
      `INSERT INTO leads (tenant_id, first_name, email, notes)
       SELECT $1, 'Lead ' || g, 'lead' || g || '@example.com', repeat('x', 2000) FROM generate_series(1, 5000) g`,
      [tenant.id],
    );
    const full = await download('/api/leads/export', tenant.admin.headers);
    expect(records(full.body as string)).toHaveLength(5000);

    // More aborted downloads than the pool has connections: a leak would starve the next request.
    const poolSize = api.config.database.poolSize;
    for (let i = 0; i < poolSize + 2; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${api.url}/api/leads/export`, { headers: tenant.admin.headers }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) =>
          (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err),
        );
        req.end();
      });
    }
    const after = await api.http.get('/api/leads?limit=1').set(tenant.admin.headers).timeout(5000);
    expect(after.status).toBe(200);
    expect(after.body.meta.total).toBe(5000);
  });
});
