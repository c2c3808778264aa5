import { createTenant, createUser, expectValidation, TestTenant, useTestApi } from '@app/testing';

/**
 * Seed 002 (line 156): `GET /productContext/recommendations` "suggest new leads or industries based on stored
 * metadata". `leads` lists the tenant's leads to reach next: in an industry the product context names, and nobody
 * reached yet.
 */
describe('product-context recommendations: leads to reach next (e2e)', () => {
  const api = useTestApi();

  async function withContext(t: TestTenant, industries: string[]): Promise<void> {
    await api.db.query(
      `INSERT INTO product_contexts (tenant_id, metadata, status) VALUES ($1, $2, 'confirmed')`,
      [
        t.id,
        JSON.stringify({
          product: 'Fleetwise',
          description: null,
          value_propositions: [],
          industries,
          ideal_customer: null,
          tone: null,
        }),
      ],
    );
  }

  /** Creates the leads through the API; answers their ids by first name. */
  async function leads(t: TestTenant, specs: { name: string; industry?: string; company?: string }[]) {
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send(
        specs.map((s) => ({
          first_name: s.name,
          last_name: 'Lead',
          email: `${s.name.toLowerCase()}-${t.id.slice(0, 8)}@example.test`,
          company: s.company ?? null,
          custom_fields: s.industry ? { industry: s.industry } : {},
        })),
      );
    expect(res.status).toBe(200);
    return Object.fromEntries(
      (res.body.data.leads as { id: string; first_name: string }[]).map((l) => [l.first_name, l.id]),
    ) as Record<string, string>;
  }

  const recommendations = (t: TestTenant, path = '/api/productContext/recommendations') =>
    api.http.get(path).set(t.admin.headers);

  it("suggests the tenant's untouched leads in the product context's industries, the best scored first", async () => {
    const tenant = await createTenant(api.http);
    await withContext(tenant, ['Automotive', ' healthcare ']);
    const ids = await leads(tenant, [
      { name: 'Anna', industry: 'automotive', company: 'Autoteile GmbH' },
      { name: 'Ben', industry: 'Healthcare' },
      { name: 'Cara', industry: 'Retail' },
      { name: 'Dora', industry: 'Automotive' },
      { name: 'Emil', industry: 'Automotive' },
      { name: 'Finn', industry: 'Automotive' },
      { name: 'Gus', industry: 'Automotive' },
      { name: 'Hana', industry: 'Automotive' },
      { name: 'Ivo' },
    ]);
    await api.db.query('UPDATE leads SET score = 40 WHERE tenant_id = $1 AND id = $2', [tenant.id, ids.Anna]);
    // Reached already, one way or another: not suggested.
    await api.db.query(`UPDATE leads SET classification = 'not_now' WHERE tenant_id = $1 AND id = $2`, [
      tenant.id,
      ids.Dora,
    ]);
    await api.db.query(`UPDATE leads SET status = 'contacted' WHERE tenant_id = $1 AND id = $2`, [
      tenant.id,
      ids.Emil,
    ]);
    await api.db.query('UPDATE leads SET do_not_call = true WHERE tenant_id = $1 AND id = $2', [
      tenant.id,
      ids.Finn,
    ]);
    expect((await api.http.delete(`/api/leads/${ids.Gus}`).set(tenant.admin.headers)).status).toBe(200);
    const campaign = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Intro', template: 'Hi {{first_name}}', leadIds: [ids.Hana] });
    expect(campaign.body.data.total_leads).toBe(1);

    for (const path of ['/api/productContext/recommendations', '/api/product-context/recommendations']) {
      const res = await recommendations(tenant, path);
      expect(res.status).toBe(200);
      expect(res.body.data.leads).toEqual([
        {
          id: ids.Anna,
          name: 'Anna Lead',
          email: `anna-${tenant.id.slice(0, 8)}@example.test`,
          company: 'Autoteile GmbH',
          industry: 'automotive',
          score: 40,
          reason: 'Industry automotive is in your product context; not contacted yet',
        },
        {
          id: ids.Ben,
          name: 'Ben Lead',
          email: `ben-${tenant.id.slice(0, 8)}@example.test`,
          company: null,
          industry: 'Healthcare',
          score: 0,
          reason: 'Industry Healthcare is in your product context; not contacted yet',
        },
      ]);
    }
  });

  it('a lead written to is no longer suggested', async () => {
    const tenant = await createTenant(api.http);
    await withContext(tenant, ['Automotive']);
    const ids = await leads(tenant, [{ name: 'Jo', industry: 'Automotive' }]);
    expect((await recommendations(tenant)).body.data.leads.map((l: { id: string }) => l.id)).toEqual([
      ids.Jo,
    ]);

    const sent = await api.http
      .post(`/api/leads/${ids.Jo}/messages`)
      .set(tenant.admin.headers)
      .send({ content: 'Hello Jo', channel: 'email' });
    expect(sent.status).toBe(201);

    expect((await recommendations(tenant)).body.data.leads).toEqual([]);
  });

  it('suggests no lead without industries in the product context', async () => {
    const tenant = await createTenant(api.http);
    await leads(tenant, [{ name: 'Kim', industry: 'Automotive' }]);
    expect((await recommendations(tenant)).body.data.leads).toEqual([]);
  });

  it("another tenant sees none of these leads, even naming the same industry; an agent sees the tenant's", async () => {
    const tenant = await createTenant(api.http);
    await withContext(tenant, ['Automotive']);
    const ids = await leads(tenant, [{ name: 'Lu', industry: 'Automotive' }]);
    const other = await createTenant(api.http);
    await withContext(other, ['Automotive']);

    expect((await recommendations(other)).body.data.leads).toEqual([]);
    const agent = await createUser(api.http, tenant, 'agent');
    const res = await api.http.get('/api/productContext/recommendations').set(agent.headers);
    expect(res.body.data.leads.map((l: { id: string }) => l.id)).toEqual([ids.Lu]);
  });

  it('a bad min_leads is a 400 and suggests nothing', async () => {
    const tenant = await createTenant(api.http);
    await withContext(tenant, ['Automotive']);
    await leads(tenant, [{ name: 'Mo', industry: 'Automotive' }]);
    const res = await api.http
      .get('/api/productContext/recommendations?min_leads=0')
      .set(tenant.admin.headers);
    expectValidation(res, ['min_leads']);
    expect(res.body.data).toBeUndefined();
  });
});
