import {
  countRows,
  createTenant,
  expectError,
  expectValidation,
  uniqueSuffix,
  useTestApi,
} from '@app/testing';
import { type Json, leadRequests, leadShape, SCRIPT_STRING, SQL_STRING } from './lead-requests.fixture';

describe('leads: bad input (e2e)', () => {
  const api = useTestApi();

  const { post, getLead, patchLead, putLead, createLead, listIds, tenantState, leadCount } = leadRequests(
    () => api,
  );

  describe('bad input', () => {
    it('stores SQL-looking and script-looking strings verbatim and returns the same JSON strings', async () => {
      const tenant = await createTenant(api.http);
      const body = {
        first_name: SQL_STRING,
        last_name: SCRIPT_STRING,
        email: 'weird@example.com',
        company: `${SCRIPT_STRING} & "quotes" \\ back`,
        position: "Robert'); DROP TABLE students;--",
        notes: `${SQL_STRING}\n${SCRIPT_STRING}`,
        source: '<img src=x onerror=alert(1)>',
        tags: [SCRIPT_STRING, SQL_STRING],
        custom_fields: { [SCRIPT_STRING]: SQL_STRING, html: '</script><script>x()</script>' },
      };
      const res = await post(tenant, body);
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.data).toMatchObject({ ...body, name: `${SQL_STRING} ${SCRIPT_STRING}` });
      for (const value of [SQL_STRING, SCRIPT_STRING, body.company, body.notes]) {
        expect(res.text).toContain(JSON.stringify(value).slice(1, -1));
      }
      const got = await getLead(tenant, res.body.data.id);
      expect(got.body.data).toEqual(res.body.data);
      const [row] = await api.db.query(
        'SELECT first_name, last_name, company, notes, tags, custom_fields FROM leads WHERE id = $1',
        [res.body.data.id],
      );
      expect(row).toEqual({
        first_name: SQL_STRING,
        last_name: SCRIPT_STRING,
        company: body.company,
        notes: body.notes,
        tags: body.tags,
        custom_fields: body.custom_fields,
      });
      expect(await listIds(tenant, `search=${encodeURIComponent("'; drop")}`)).toEqual([res.body.data.id]);
      expect(await listIds(tenant, `search=${encodeURIComponent('<script>')}`)).toEqual([res.body.data.id]);
      expect(await listIds(tenant, `tag=${encodeURIComponent(SCRIPT_STRING)}`)).toEqual([res.body.data.id]);
      expect(await countRows(api.db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });

    it('answers 400 (never 500) to a NUL byte in any string and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: Json[] = [
        { email: 'nul1@example.com', first_name: 'Ja\u0000ne' },
        { email: 'nul2@example.com', notes: 'line\u0000end' },
        { email: 'nul3@example.com', company: '\u0000' },
        { email: 'nul4@example.com', tags: ['a\u0000b'] },
        { email: 'nul5@example.com', custom_fields: { key: 'v\u0000' } },
        { email: 'nul6@example.com', custom_fields: { 'k\u0000': 'v' } },
        { email: 'nul7@example.com', source: 'web\u0000' },
        { email: 'nul\u00008@example.com' },
        { phone: '+1415555\u00002671' },
      ];
      const answers = [];
      for (const body of cases) {
        const res = await post(tenant, body);
        answers.push({ body, status: res.status, code: res.body.error?.code });
      }
      expect(answers).toEqual(cases.map((body) => ({ body, status: 400, code: 'VALIDATION_ERROR' })));
      expect(await leadCount(tenant.id)).toBe(0);
      expect(await countRows(api.db, 'lead_identities', 'tenant_id = $1', [tenant.id])).toBe(0);

      const lead = await createLead(tenant, { email: 'clean@example.com' });
      const before = await tenantState(tenant.id);
      const patched = await patchLead(tenant, lead.id, { notes: 'x\u0000y' });
      expect({ status: patched.status, code: patched.body.error?.code }).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('reports a NUL byte in one item of an array by its index and still creates the others', async () => {
      const tenant = await createTenant(api.http);
      const res = await post(tenant, [
        { email: 'first@example.com' },
        { email: 'second@example.com', notes: 'bad\u0000note' },
        { email: 'third@example.com' },
      ]);
      const landed = (
        await api.db.query('SELECT email FROM leads WHERE tenant_id = $1 ORDER BY email', [tenant.id])
      ).map((r: { email: string }) => r.email);
      expect({ status: res.status, body: res.body, landed }).toEqual({
        landed: ['first@example.com', 'third@example.com'],
        status: 200,
        body: {
          success: true,
          data: {
            total: 3,
            created: 2,
            failed: 1,
            leads: [
              leadShape(tenant.id, { email: 'first@example.com' }),
              leadShape(tenant.id, { email: 'third@example.com' }),
            ],
            errors: [
              expect.objectContaining({ index: 1, code: 'VALIDATION_ERROR', message: expect.any(String) }),
            ],
          },
        },
      });
      expect(await listIds(tenant)).toHaveLength(2);
    });

    it('refuses out-of-range values with the field named and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [Json, string[]][] = [
        [{ value: 10.555 }, ['value']],
        [{ value: '100' }, ['value']],
        [{ score: 101 }, ['score']],
        [{ score: -1 }, ['score']],
        [{ score: 50.5 }, ['score']],
        [{ tags: Array.from({ length: 60 }, (_, i) => `tag${i}`) }, ['tags']],
        [{ tags: ['x'.repeat(51)] }, ['tags']],
        [{ tags: [1, 2] }, ['tags']],
        [{ custom_fields: { blob: 'x'.repeat(17_000) } }, ['custom_fields']],
        // 9,000 characters, but 18,000 bytes of UTF-8: the limit is 16 KB, not 16,000 characters.
        [{ custom_fields: { blob: 'é'.repeat(9_000) } }, ['custom_fields']],
        [{ custom_fields: 'text' }, ['custom_fields']],
        [{ name: 'x'.repeat(202) }, ['name']],
        // Split into a first name of 150 characters, or a last name of 101: more than their columns hold.
        [{ name: `${'x'.repeat(150)} ${'y'.repeat(50)}` }, ['name']],
        [{ name: `x ${'y'.repeat(101)}` }, ['name']],
        [{ first_name: 'x'.repeat(101) }, ['first_name']],
        [{ notes: 'x'.repeat(10_001) }, ['notes']],
        [{ email: 'not-an-email' }, ['email']],
        [{ status: 'won' }, ['status']],
        [{ priority: 'urgent' }, ['priority']],
        [{ timezone: 'Mars/Olympus' }, ['timezone']],
        [{ country: 'USA' }, ['country']],
        [{ favourite_colour: 'blue' }, ['favourite_colour']],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await post(tenant, { email: `ok-${uniqueSuffix()}@example.com`, ...body });
        answers.push({
          body: Object.keys(body),
          status: res.status,
          code: res.body.error?.code,
          fields: [...new Set((res.body.error?.details ?? []).map((d: { field: string }) => d.field))],
        });
      }
      expect(answers).toEqual(
        cases.map(([body, fields]) => ({
          body: Object.keys(body),
          status: 400,
          code: 'VALIDATION_ERROR',
          fields,
        })),
      );
      expect(await leadCount(tenant.id)).toBe(0);

      // The limits themselves are accepted.
      const edge = await createLead(tenant, {
        email: 'edge@example.com',
        value: 1234.56,
        score: 100,
        tags: Array.from({ length: 50 }, (_, i) => `tag${i}`),
        custom_fields: { blob: 'x'.repeat(16_000) },
      });
      expect(edge).toMatchObject({ value: 1234.56, score: 100 });
      expect(edge.tags).toHaveLength(50);
    });

    it('refuses a name too long to split into first and last name with the name field on PATCH, PUT, an array and contacts', async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { name: 'Ann Lee', email: 'ann@example.com' });
      const before = await tenantState(tenant.id);
      const name = `${'x'.repeat(150)} ${'y'.repeat(50)}`;
      expectValidation(await patchLead(tenant, lead.id, { name }), ['name']);
      expectValidation(await putLead(tenant, lead.id, { name }), ['name']);
      expectValidation(
        await api.http.post('/api/contacts').set(tenant.admin.headers).send({ email: 'c@example.com', name }),
        ['name'],
      );
      const array = await post(tenant, [{ email: 'a@example.com', name }]);
      expect(array.status).toBe(200);
      expect(array.body.data).toMatchObject({ created: 0, failed: 1 });
      expect(array.body.data.errors).toEqual([
        {
          index: 0,
          code: 'VALIDATION_ERROR',
          message: expect.any(String),
          details: [{ field: 'name', reason: expect.stringContaining('100 characters') }],
        },
      ]);
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('refuses a body that is not a lead (malformed JSON, a string, a number) with 400', async () => {
      const tenant = await createTenant(api.http);
      const malformed = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .set('Content-Type', 'application/json')
        .send('{"email": "x@example.com"');
      expectError(malformed, 400, 'VALIDATION_ERROR', 'Malformed JSON body');
      for (const raw of ['"just a string"', '42', 'null', 'true']) {
        const res = await api.http
          .post('/api/leads')
          .set(tenant.admin.headers)
          .set('Content-Type', 'application/json')
          .send(raw);
        expect({ raw, status: res.status, code: res.body.error?.code }).toEqual({
          raw,
          status: 400,
          code: 'VALIDATION_ERROR',
        });
      }
      expect(await leadCount(tenant.id)).toBe(0);
    });
  });
});
