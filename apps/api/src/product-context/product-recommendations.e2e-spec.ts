import {
  createTenant,
  createUser,
  expectValidation,
  TestTenant,
  TestUser,
  uniqueSuffix,
  useTestApi,
} from '@app/testing';

/**
 * `GET product-context/recommendations` (issue 7 item 4, seed 002's optional recommendations): industries from the
 * metadata and from the tenant's own leads, and lead segments ranked by their share of interested, meeting-request
 * or qualified leads, computed from known leads.
 */

type Json = Record<string, unknown>;

interface LeadSpec {
  industry?: string;
  source: string;
  position?: string;
  company_size?: string;
  /** How the lead answered (set in the database, as the classifier would). */
  outcome?: 'interested' | 'meeting_request' | 'qualified' | 'converted' | 'not_interested';
}

/** `n` leads like `spec`, the first `positive` of them with `outcome`. */
const group = (n: number, positive: number, spec: LeadSpec, outcome: LeadSpec['outcome']): LeadSpec[] =>
  Array.from({ length: n }, (_, i) => ({ ...spec, outcome: i < positive ? outcome : 'not_interested' }));

describe('product-context recommendations (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let rep: TestUser;

  async function createLeads(t: TestTenant, specs: LeadSpec[]): Promise<void> {
    const body = specs.map((s, i) => ({
      first_name: `Lead${i}`,
      email: `lead-${i}-${uniqueSuffix()}@example.test`,
      country: 'DE',
      source: s.source,
      ...(s.position ? { position: s.position } : {}),
      custom_fields: {
        ...(s.industry ? { industry: s.industry } : {}),
        ...(s.company_size ? { company_size: s.company_size } : {}),
      },
    }));
    const res = await api.http.post('/api/leads').set(t.admin.headers).send(body);
    if (res.status !== 200 || res.body.data.created !== specs.length)
      throw new Error(
        `POST /api/leads answered ${res.status}: ${JSON.stringify(res.body.data?.errors ?? res.body)}`,
      );
    const ids = (res.body.data.leads as Json[]).map((l) => l.id as string);
    for (const [i, spec] of specs.entries()) {
      const set =
        spec.outcome === 'qualified'
          ? `qualification_status = 'qualified'`
          : spec.outcome === 'converted'
            ? `status = 'converted'`
            : `classification = '${spec.outcome}'`;
      await api.db.query(`UPDATE leads SET ${set} WHERE tenant_id = $1 AND id = $2`, [t.id, ids[i]]);
    }
  }

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    rep = await createUser(api.http, tenant, 'agent');
    await api.db.query(
      `INSERT INTO product_contexts (tenant_id, metadata, status) VALUES ($1, $2, 'confirmed')`,
      [
        tenant.id,
        JSON.stringify({
          product: 'Fleetwise',
          description: null,
          value_propositions: ['Fewer late shipments'],
          industries: ['Automotive', 'Healthcare', 'insurance'],
          ideal_customer: 'Operations Manager at logistics companies in Germany',
          tone: null,
        }),
      ],
    );
    await createLeads(tenant, [
      // Automotive: 6 leads, 3 positive (0.5), all 51-200 employees.
      ...group(6, 2, { industry: 'Automotive', source: 'import', company_size: '51-200' }, 'interested'),
      // (the third positive Automotive lead qualified by score)
    ]);
    await api.db.query(
      `UPDATE leads SET qualification_status = 'qualified'
        WHERE id = (SELECT id FROM leads WHERE tenant_id = $1 AND classification = 'not_interested' LIMIT 1)`,
      [tenant.id],
    );
    await createLeads(tenant, [
      // Logistics (not in the industries, but the ideal customer names it): 5 leads, 4 positive (0.8).
      ...group(
        5,
        4,
        { industry: 'logistics', source: 'referral', position: 'Operations Manager' },
        'meeting_request',
      ),
      // Retail: 5 leads, none positive: not recommended.
      ...group(5, 0, { industry: 'Retail', source: 'import' }, 'interested'),
      // Fintech: 5 leads, 1 converted (0.2): recommended from the data.
      ...group(5, 1, { industry: 'Fintech', source: 'import' }, 'converted'),
      // Insurance: 2 leads, 1 positive: too few to judge.
      ...group(2, 1, { industry: 'Insurance', source: 'import' }, 'interested'),
    ]);
  });

  it('ranks industries and segments from the metadata and the leads, under both spellings', async () => {
    const expected = {
      industries: [
        {
          name: 'logistics',
          reason: 'Your ideal customer mentions it; 4 of 5 leads (80%) are interested or qualified',
          leads: 5,
          qualified_rate: 0.8,
          in_product_context: true,
        },
        {
          name: 'Automotive',
          reason: 'In your product context; 3 of 6 leads (50%) are interested or qualified',
          leads: 6,
          qualified_rate: 0.5,
          in_product_context: true,
        },
        {
          name: 'Fintech',
          reason: 'Not in your product context yet, but 1 of 5 leads (20%) are interested or qualified',
          leads: 5,
          qualified_rate: 0.2,
          in_product_context: false,
        },
        {
          name: 'Insurance',
          reason: 'In your product context; only 2 lead(s) so far: import more to judge it',
          leads: 2,
          qualified_rate: 0.5,
          in_product_context: true,
        },
        {
          name: 'Healthcare',
          reason: 'In your product context; no leads yet: import some',
          leads: 0,
          qualified_rate: null,
          in_product_context: true,
        },
      ],
      segments: [
        {
          field: 'position',
          value: 'Operations Manager',
          leads: 5,
          interested_or_qualified: 4,
          rate: 0.8,
          matches_ideal_customer: true,
        },
        {
          field: 'source',
          value: 'referral',
          leads: 5,
          interested_or_qualified: 4,
          rate: 0.8,
          matches_ideal_customer: false,
        },
        {
          field: 'custom_fields.company_size',
          value: '51-200',
          leads: 6,
          interested_or_qualified: 3,
          rate: 0.5,
          matches_ideal_customer: false,
        },
        {
          field: 'country',
          value: 'DE',
          leads: 23,
          interested_or_qualified: 9,
          rate: 0.3913,
          matches_ideal_customer: false,
        },
        {
          field: 'source',
          value: 'import',
          leads: 18,
          interested_or_qualified: 5,
          rate: 0.2778,
          matches_ideal_customer: false,
        },
      ],
      // Every lead here answered (is classified): none is a lead to reach next.
      leads: [],
      based_on: { metadata_status: 'confirmed', leads: 23, min_leads: 5 },
    };
    for (const path of ['/api/product-context/recommendations', '/api/productContext/recommendations']) {
      const res = await api.http.get(path).set(rep.headers);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 200,
        body: { success: true, data: expected },
      });
    }
  });

  it('min_leads sets the smallest group judged', async () => {
    const res = await api.http.get('/api/product-context/recommendations?min_leads=2').set(rep.headers);
    expect(res.status).toBe(200);
    expect(res.body.data.based_on.min_leads).toBe(2);
    expect(res.body.data.industries.find((i: Json) => i.name === 'Insurance')).toEqual({
      name: 'Insurance',
      reason: 'In your product context; 1 of 2 leads (50%) are interested or qualified',
      leads: 2,
      qualified_rate: 0.5,
      in_product_context: true,
    });
    // Insurance (0.5, 2 leads) now ranks among the judged, after Automotive (0.5, 6 leads).
    expect(res.body.data.industries.map((i: Json) => i.name)).toEqual([
      'logistics',
      'Automotive',
      'Insurance',
      'Fintech',
      'Healthcare',
    ]);
  });

  it('archived leads do not count', async () => {
    const archivedTenant = await createTenant(api.http);
    await createLeads(archivedTenant, group(5, 5, { industry: 'Mining', source: 'import' }, 'interested'));
    await api.db.query('UPDATE leads SET archived_at = now() WHERE tenant_id = $1', [archivedTenant.id]);
    const res = await api.http.get('/api/product-context/recommendations').set(archivedTenant.admin.headers);
    expect(res.body.data).toEqual({
      industries: [],
      segments: [],
      leads: [],
      based_on: { metadata_status: 'empty', leads: 0, min_leads: 5 },
    });
  });

  it.each([['0'], ['1001'], ['many']])('min_leads=%s is a 400', async (value) => {
    const res = await api.http
      .get(`/api/product-context/recommendations?min_leads=${value}`)
      .set(rep.headers);
    expectValidation(res, ['min_leads']);
  });

  it("another tenant's recommendations use none of these leads or metadata", async () => {
    const other = await createTenant(api.http);
    const res = await api.http.get('/api/productContext/recommendations').set(other.admin.headers);
    expect(res.body.data).toEqual({
      industries: [],
      segments: [],
      leads: [],
      based_on: { metadata_status: 'empty', leads: 0, min_leads: 5 },
    });
  });
});
