import { createTenant, expectValidation, TestTenant, useTestApi } from '@app/testing';
import { type Json, type Lead, leadRequests, leadShape } from './lead-requests.fixture';

/** Seed 001's lead `type` ("carrier"): a free-form label, set and read through every lead route. */
describe('lead type (e2e)', () => {
  const api = useTestApi();

  const { post, getLead, patchLead, putLead, list, createLead, listIds, tenantState } = leadRequests(
    () => api,
  );

  const upload = (tenant: TestTenant, path: string, csv: string, fields: Json = {}) => {
    let req = api.http.post(path).set(tenant.admin.headers);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
    return req.attach('file', Buffer.from(csv), { filename: 'leads.csv', contentType: 'text/csv' });
  };
  const storedTypes = async (tenantId: string) =>
    (await api.db.query(`SELECT email, type FROM leads WHERE tenant_id = $1 ORDER BY email`, [tenantId])).map(
      (r: { email: string; type: string | null }) => [r.email, r.type],
    );

  it('POST one lead stores its type trimmed, and every read of the lead answers it', async () => {
    const tenant = await createTenant(api.http);
    const res = await post(tenant, { name: 'Sara Ahmed', email: 'sara@example.com', type: '  carrier ' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual(
      leadShape(tenant.id, {
        first_name: 'Sara',
        last_name: 'Ahmed',
        name: 'Sara Ahmed',
        email: 'sara@example.com',
        type: 'carrier',
      }),
    );
    const lead = res.body.data as Lead;
    expect((await getLead(tenant, lead.id)).body.data).toEqual(res.body.data);
    expect((await list(tenant)).body.data).toEqual([res.body.data]);
    expect(await storedTypes(tenant.id)).toEqual([['sara@example.com', 'carrier']]);
    // Without one, the lead has none; blank is none.
    expect((await createLead(tenant, { email: 'none@example.com' })).type).toBeNull();
    expect((await createLead(tenant, { email: 'blank@example.com', type: '   ' })).type).toBeNull();
  });

  it('POST an array: each item keeps its own type', async () => {
    const tenant = await createTenant(api.http);
    const res = await post(tenant, [
      { email: 'a@example.com', type: 'shipper' },
      { email: 'b@example.com', type: 'Freight Broker' },
      { email: 'c@example.com' },
      { email: 'd@example.com', type: 'x'.repeat(51) },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total: 4, created: 3, failed: 1 });
    expect((res.body.data.leads as Lead[]).map((l) => [l.email, l.type])).toEqual([
      ['a@example.com', 'shipper'],
      ['b@example.com', 'Freight Broker'],
      ['c@example.com', null],
    ]);
    expect(res.body.data.errors).toEqual([
      {
        index: 3,
        code: 'VALIDATION_ERROR',
        message: expect.any(String),
        details: [expect.objectContaining({ field: 'type' })],
      },
    ]);
    expect(await storedTypes(tenant.id)).toEqual([
      ['a@example.com', 'shipper'],
      ['b@example.com', 'Freight Broker'],
      ['c@example.com', null],
    ]);
  });

  it('PATCH and PUT set, change and clear it (null or blank); other fields stay', async () => {
    const tenant = await createTenant(api.http);
    const lead = await createLead(tenant, { email: 'p@example.com', company: 'Acme' });
    const patched = await patchLead(tenant, lead.id, { type: 'broker' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ type: 'broker', company: 'Acme' });
    const put = await putLead(tenant, lead.id, { type: ' Carrier ' });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ type: 'Carrier', company: 'Acme' });
    expect((await getLead(tenant, lead.id)).body.data.type).toBe('Carrier');
    // A change of something else leaves it.
    expect((await patchLead(tenant, lead.id, { notes: 'n' })).body.data.type).toBe('Carrier');
    expect((await patchLead(tenant, lead.id, { type: '' })).body.data.type).toBeNull();
    await patchLead(tenant, lead.id, { type: 'shipper' });
    expect((await putLead(tenant, lead.id, { type: null })).body.data.type).toBeNull();
    expect(await storedTypes(tenant.id)).toEqual([['p@example.com', null]]);
  });

  it('refuses a type too long or not a string on POST, PATCH and PUT, changing nothing', async () => {
    const tenant = await createTenant(api.http);
    const lead = await createLead(tenant, { email: 'keep@example.com', type: 'carrier' });
    const before = await tenantState(tenant.id);
    // 50 characters fit (an emoji is one); 51 do not.
    const bad: unknown[] = ['x'.repeat(51), '🚚'.repeat(51), 42, true, ['carrier'], { kind: 'carrier' }];
    for (const type of bad) {
      expectValidation(await post(tenant, { email: 'new@example.com', type }), ['type']);
      expectValidation(await patchLead(tenant, lead.id, { type }), ['type']);
      expectValidation(await putLead(tenant, lead.id, { type, notes: 'should not land' }), ['type']);
    }
    expect(await tenantState(tenant.id)).toEqual(before);
    const fits = await patchLead(tenant, lead.id, { type: '🚚'.repeat(50) });
    expect(fits.status).toBe(200);
    expect(fits.body.data.type).toBe('🚚'.repeat(50));
  });

  it('GET leads?type= filters in any case, only within the caller tenant', async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    const carrier = await createLead(tenant, { email: 'c1@example.com', type: 'carrier' });
    const Carrier = await createLead(tenant, { email: 'c2@example.com', type: 'Carrier' });
    await createLead(tenant, { email: 's@example.com', type: 'shipper' });
    await createLead(tenant, { email: 'n@example.com' });
    await createLead(tenant, { email: 'cx@example.com', type: 'carrier x' });
    const theirs = await createLead(other, { email: 'c1@example.com', type: 'carrier' });

    const newestFirst = [Carrier.id, carrier.id];
    expect(await listIds(tenant, 'type=carrier')).toEqual(newestFirst);
    expect(await listIds(tenant, 'type=CARRIER')).toEqual(newestFirst);
    expect(await listIds(tenant, 'type=%20carrier%20')).toEqual(newestFirst);
    expect(await listIds(tenant, 'type=broker')).toEqual([]);
    expect(await listIds(other, 'type=carrier')).toEqual([theirs.id]);
    // With the other filters.
    expect(await listIds(tenant, 'type=carrier&search=c2')).toEqual([Carrier.id]);

    expectValidation(await list(tenant, 'type=%20'), ['type']);
    expectValidation(await list(tenant, `type=${'x'.repeat(51)}`), ['type']);
    expectValidation(await list(tenant, 'type=a&type=b'), ['type']);
  });

  it("a change of type is in the activity log's lead.updated; one that keeps it is not", async () => {
    const tenant = await createTenant(api.http);
    const lead = await createLead(tenant, { email: 'act@example.com', type: 'carrier' });
    const entries = async () =>
      (
        (await api.http.get('/api/system/activity?type=lead.updated&limit=100').set(tenant.admin.headers))
          .body.data as { data: Json }[]
      ).filter((e) => e.data.lead_id === lead.id);
    await patchLead(tenant, lead.id, { type: 'carrier ' });
    expect(await entries()).toEqual([]);
    await patchLead(tenant, lead.id, { type: 'broker' });
    expect((await entries()).map((e) => e.data.fields)).toEqual([['type']]);
  });

  it("a campaign's target filter enrolls the leads of a type, any case", async () => {
    const tenant = await createTenant(api.http);
    const carrier = await createLead(tenant, { phone: '+14155550191', type: 'Carrier' });
    await createLead(tenant, { phone: '+14155550192', type: 'shipper' });
    await createLead(tenant, { phone: '+14155550193' });
    const created = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Carriers', steps: [{ type: 'SMS', content: 'Hi' }] });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const bad = await api.http
      .post(`/api/campaigns/${id}/leads`)
      .set(tenant.admin.headers)
      .send({ target_filter: { type: 'x'.repeat(51) } });
    expectValidation(bad, ['target_filter.type']);
    const res = await api.http
      .post(`/api/campaigns/${id}/leads`)
      .set(tenant.admin.headers)
      .send({ target_filter: { type: 'CARRIER' } });
    expect(res.status).toBe(200);
    expect(res.body.data.enrolled).toBe(1);
    const rows = await api.db.query(`SELECT lead_id FROM campaign_enrollments WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(rows).toEqual([{ lead_id: carrier.id }]);
  });

  it('the export writes the type column and filters by it; the template shows it', async () => {
    const tenant = await createTenant(api.http);
    const other = await createTenant(api.http);
    await createLead(tenant, { email: 'c@example.com', type: 'carrier' });
    await createLead(tenant, { email: 's@example.com', type: '=shipper' });
    await createLead(other, { email: 'o@example.com', type: 'carrier' });
    const download = async (path: string) => {
      const res = await api.http.get(path).set(tenant.admin.headers).buffer(true);
      expect(res.status).toBe(200);
      return (res.text ?? res.body.toString())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
    };
    const [header, ...rows] = await download('/api/leads/export?type=Carrier');
    const column = header.split(',').indexOf('type');
    expect(column).toBeGreaterThan(0);
    expect(rows.map((r) => [r.split(',')[column], r.includes('c@example.com')])).toEqual([['carrier', true]]);
    // Formula-guarded as every text cell is.
    const all = await download('/api/leads/export?sort=created_at&order=asc');
    expect(all.slice(1).map((r) => r.split(',')[column])).toEqual(['carrier', "'=shipper"]);

    const [templateHeader, example] = await download('/api/leads/template/csv');
    const at = templateHeader.split(',').indexOf('type');
    expect(example.split(',')[at]).toBe('carrier');
  });

  describe('CSV import', () => {
    it('reads Type, Lead Type and a mapped column; a cell too long is a row error, the good rows land', async () => {
      const tenant = await createTenant(api.http);
      const csv = [
        'Email,Type',
        'a@example.com,carrier',
        'b@example.com, Shipper ',
        'c@example.com,',
        `d@example.com,${'x'.repeat(51)}`,
      ].join('\n');
      const res = await upload(tenant, '/api/leads/import', csv);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        status: 'completed',
        results: { total: 4, valid: 3, invalid: 1, inserted: 3 },
      });
      expect(res.body.data.errors).toEqual([
        { row: 4, field: 'type', value: 'x'.repeat(51), error: 'is longer than 50 characters' },
      ]);
      expect(await storedTypes(tenant.id)).toEqual([
        ['a@example.com', 'carrier'],
        ['b@example.com', 'Shipper'],
        ['c@example.com', null],
      ]);
      const listed = (await list(tenant, 'type=shipper')).body.data as Lead[];
      expect(listed.map((l) => [l.email, l.type, l.custom_fields])).toEqual([
        ['b@example.com', 'Shipper', {}],
      ]);

      // "Lead Type", through POST /api/leads as multipart (seed 001's upload).
      const other = await createTenant(api.http);
      const viaLeads = await upload(other, '/api/leads', 'email,Lead Type\ne@example.com,broker\n');
      expect(viaLeads.status).toBe(200);
      expect(viaLeads.body.data.results).toMatchObject({ inserted: 1 });
      expect(await storedTypes(other.id)).toEqual([['e@example.com', 'broker']]);

      // A column of another name, mapped to type.
      const mapped = await createTenant(api.http);
      const viaMapping = await upload(mapped, '/api/leads/upload', 'email,Kind\nf@example.com,carrier\n', {
        field_mapping: JSON.stringify({ Kind: 'type' }),
      });
      expect(viaMapping.status).toBe(200);
      expect(await storedTypes(mapped.id)).toEqual([['f@example.com', 'carrier']]);
    });

    it('on_duplicate=update sets the type a row gives and keeps the one a row leaves empty', async () => {
      const tenant = await createTenant(api.http);
      await createLead(tenant, { email: 'a@example.com', type: 'carrier' });
      await createLead(tenant, { email: 'b@example.com', type: 'shipper' });
      const res = await upload(
        tenant,
        '/api/leads/import',
        'email,type\na@example.com,broker\nb@example.com,\n',
        {
          on_duplicate: 'update',
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ updated: 2 });
      expect(await storedTypes(tenant.id)).toEqual([
        ['a@example.com', 'broker'],
        ['b@example.com', 'shipper'],
      ]);
    });

    it('reads back what the export wrote', async () => {
      const tenant = await createTenant(api.http);
      await createLead(tenant, { email: 'a@example.com', type: '-carrier' });
      const exported = await api.http.get('/api/leads/export').set(tenant.admin.headers).buffer(true);
      const copy = await createTenant(api.http);
      const res = await upload(copy, '/api/leads/import', exported.text.replace(/^\uFEFF/, ''));
      expect(res.status).toBe(200);
      expect(res.body.data.results).toMatchObject({ inserted: 1 });
      expect(await storedTypes(copy.id)).toEqual([['a@example.com', '-carrier']]);
    });
  });
});
