import { countRows, ISO_TIMESTAMP, TestApi, TestTenant, UUID_PATTERN } from '@app/testing';
import { DataSource } from 'typeorm';

export type Json = Record<string, unknown>;
export type Lead = Json & { id: string };
/** Who sends a request: a tenant (its admin) or anything with headers (a user, an API key). */
export type Caller = TestTenant | { headers: Record<string, string> };

/** The keys DESIGN §3 promises on every lead. */
export const DESIGN_LEAD_KEYS = [
  'id',
  'tenant_id',
  'first_name',
  'last_name',
  'name',
  'email',
  'phone',
  'phone_normalized',
  'country',
  'timezone',
  'company',
  'position',
  'source',
  'value',
  'status',
  'score',
  'classification',
  'qualification_status',
  'tags',
  'custom_fields',
  'notes',
  'owner_id',
  'do_not_call',
  'opted_out_channels',
  'created_at',
  'updated_at',
];

/** A lead as the API answers it: every key, with the values of a bare lead unless `fields` says otherwise. */
export function leadShape(tenantId: string, fields: Json = {}): Json {
  return {
    id: expect.stringMatching(UUID_PATTERN),
    tenant_id: tenantId,
    first_name: null,
    last_name: null,
    name: null,
    email: null,
    phone: null,
    phone_normalized: null,
    country: null,
    timezone: null,
    timezones: [],
    company: null,
    position: null,
    source: null,
    type: null,
    value: null,
    priority: 'normal',
    status: 'new',
    score: 0,
    classification: null,
    qualification_status: null,
    classification_confidence: null,
    classification_reason: null,
    classified_at: null,
    classification_overridden: false,
    score_overridden: false,
    meeting_requested_at: null,
    tags: [],
    custom_fields: {},
    notes: null,
    owner_id: null,
    do_not_call: false,
    opted_out_channels: [],
    call_attempts: 0,
    last_call_at: null,
    next_call_at: null,
    call_locked_until: null,
    archived_at: null,
    created_at: expect.stringMatching(ISO_TIMESTAMP),
    updated_at: expect.stringMatching(ISO_TIMESTAMP),
    ...fields,
  };
}

export const SQL_STRING = "'; DROP TABLE leads; --";
export const SCRIPT_STRING = '<script>alert(1)</script>';

/**
 * The lead routes and the tenant state they can change, for the leads e2e specs. `getApi` is read at each call, so
 * a spec can take these before its beforeAll has started the API.
 */
export function leadRequests(getApi: () => TestApi) {
  const http = () => getApi().http;
  const db = () => getApi().app.get(DataSource);
  const headersOf = (who: Caller) => ('admin' in who ? who.admin.headers : who.headers);
  const post = (who: Caller, body: unknown) =>
    http()
      .post('/api/leads')
      .set(headersOf(who))
      .send(body as object);
  const getLead = (who: Caller, id: string) => http().get(`/api/leads/${id}`).set(headersOf(who));
  const patchLead = (who: Caller, id: string, body: unknown) =>
    http()
      .patch(`/api/leads/${id}`)
      .set(headersOf(who))
      .send(body as object);
  const putLead = (who: Caller, id: string, body: unknown) =>
    http()
      .put(`/api/leads/${id}`)
      .set(headersOf(who))
      .send(body as object);
  const list = (who: Caller, query = '') =>
    http()
      .get(`/api/leads${query ? `?${query}` : ''}`)
      .set(headersOf(who));

  /** POST one lead, which must answer 201; answers its JSON. */
  async function createLead(who: Caller, body: Json): Promise<Lead> {
    const res = await post(who, body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Lead;
  }

  /** The ids a list answers, after checking its envelope and that meta.total counts them all. */
  async function listIds(who: Caller, query = '') {
    const res = await list(who, query);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    expect(res.body).toEqual({
      success: true,
      data: expect.any(Array),
      meta: { total: res.body.data.length, limit: 50, offset: 0 },
    });
    return (res.body.data as Lead[]).map((l) => l.id);
  }

  /** Everything of the tenant that a lead request can change: its leads, identities and do-not-contact list. */
  async function tenantState(tenantId: string) {
    return {
      leads: await db().query('SELECT * FROM leads WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      identities: await db().query(
        'SELECT lead_id, channel, address FROM lead_identities WHERE tenant_id = $1 ORDER BY channel, address',
        [tenantId],
      ),
      dnc: await db().query(
        'SELECT phone_normalized, email, channel, reason FROM dnc_entries WHERE tenant_id = $1 ORDER BY id',
        [tenantId],
      ),
    };
  }
  const leadCount = (tenantId: string) => countRows(db(), 'leads', 'tenant_id = $1', [tenantId]);
  const setDefaultCountry = async (tenant: TestTenant, country: string | null) => {
    const res = await http()
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ default_country: country });
    expect(res.status).toBe(200);
    expect(res.body.data.default_country).toBe(country);
  };
  const addDnc = async (tenant: TestTenant, body: Json) => {
    const res = await http().post('/api/dnc').set(tenant.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data as Json & { id: string };
  };
  const conflictDetail = (field: string, leadId: string) => ({
    field,
    reason: `belongs to lead ${leadId}`,
    existing_lead_id: leadId,
  });

  return {
    post,
    getLead,
    patchLead,
    putLead,
    list,
    createLead,
    listIds,
    tenantState,
    leadCount,
    setDefaultCountry,
    addDnc,
    conflictDetail,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
