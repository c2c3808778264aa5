import { createTenant, expectValidation, TestTenant, uniqueSuffix, useTestApi } from '@app/testing';

/**
 * Every field that takes a time zone takes it in any case and stores its canonical IANA spelling, as appointments
 * do: the tenant's default, a lead's (by body and by import), a campaign's schedule zone and an agent's. A zone
 * that is none is a 400 on the field and changes nothing.
 */
describe('time zones in their canonical spelling (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const storedZone = async (table: string, id: string): Promise<string | null> =>
    (await api.db.query(`SELECT timezone FROM ${table} WHERE id = $1`, [id]))[0].timezone;

  const send = (method: 'post' | 'patch', path: string, body: object) =>
    api.http[method](path).set(t.admin.headers).send(body);

  /** A route family: where a row is created (from a fresh body) and patched, and which table keeps it. */
  const families = [
    {
      name: 'leads',
      path: '/api/leads',
      table: 'leads',
      body: () => ({ email: `zone-${uniqueSuffix()}@example.com` }),
    },
    {
      name: 'campaigns',
      path: '/api/campaigns',
      table: 'campaigns',
      body: () => ({ name: 'Zones', target_filter: 'ALL', steps: [{ type: 'SMS', content: 'Hi' }] }),
    },
    { name: 'agents', path: '/api/agents', table: 'agents', body: () => ({ name: 'Zed Agent' }) },
  ] as const;

  describe.each(families)('$name', ({ path, table, body }) => {
    it('stores and answers a zone sent in any case or as an alias in its canonical spelling', async () => {
      const created = await send('post', path, { ...body(), timezone: 'america/new_york' });
      expect(created.status).toBe(201);
      const id = created.body.data.id as string;
      expect(created.body.data.timezone).toBe('America/New_York');
      expect(await storedZone(table, id)).toBe('America/New_York');

      for (const [typed, canonical] of [
        ['asia/kolkata', 'Asia/Kolkata'],
        ['US/Pacific', 'America/Los_Angeles'],
      ]) {
        const patched = await send('patch', `${path}/${id}`, { timezone: typed });
        expect(patched.status).toBe(200);
        expect(patched.body.data.timezone).toBe(canonical);
        expect(await storedZone(table, id)).toBe(canonical);
      }
      const got = await api.http.get(`${path}/${id}`).set(t.admin.headers);
      expect(got.body.data.timezone).toBe('America/Los_Angeles');
    });

    it('refuses a zone that is none with a 400 on timezone, creating and changing nothing', async () => {
      const id = (await send('post', path, { ...body(), timezone: 'Europe/Lisbon' })).body.data.id as string;
      const before = (await api.db.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0];
      const count = async () =>
        Number((await api.db.query(`SELECT count(*) FROM ${table} WHERE tenant_id = $1`, [t.id]))[0].count);
      const rows = await count();

      expectValidation(await send('post', path, { ...body(), timezone: 'mars/olympus' }), ['timezone']);
      expectValidation(await send('patch', `${path}/${id}`, { timezone: 'europe/nowhere' }), ['timezone']);
      expect(await count()).toBe(rows);
      expect((await api.db.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0]).toEqual(before);
    });
  });

  describe('tenant', () => {
    it("stores the tenant's default zone in its canonical spelling, and refuses a zone that is none", async () => {
      const tenant = await createTenant(api.http);
      const res = await api.http
        .patch('/api/tenant')
        .set(tenant.admin.headers)
        .send({ timezone: 'asia/kolkata' });
      expect(res.status).toBe(200);
      expect(res.body.data.timezone).toBe('Asia/Kolkata');
      expect(await storedZone('tenants', tenant.id)).toBe('Asia/Kolkata');

      const before = (await api.db.query(`SELECT * FROM tenants WHERE id = $1`, [tenant.id]))[0];
      const bad = await api.http
        .patch('/api/tenant')
        .set(tenant.admin.headers)
        .send({ timezone: 'asia/atlantis', name: 'Renamed' });
      expectValidation(bad, ['timezone']);
      expect((await api.db.query(`SELECT * FROM tenants WHERE id = $1`, [tenant.id]))[0]).toEqual(before);
    });
  });

  describe('lead import', () => {
    it("stores a row's zone in its canonical spelling and reports a zone that is none by row, landing nothing of it", async () => {
      const csv = 'email,timezone\nin-a@example.com,america/chicago\nin-b@example.com,mars/olympus\n';
      const res = await api.http
        .post('/api/leads/import')
        .set(t.admin.headers)
        .attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ total: 2, inserted: 1, invalid: 1 });
      expect(res.body.data.errors).toEqual([
        { row: 2, field: 'timezone', value: 'mars/olympus', error: 'is not an IANA time zone' },
      ]);
      const stored = await api.db.query(
        `SELECT email, timezone FROM leads WHERE tenant_id = $1 AND email LIKE 'in-_@example.com'`,
        [t.id],
      );
      expect(stored).toEqual([{ email: 'in-a@example.com', timezone: 'America/Chicago' }]);
    });
  });
});
