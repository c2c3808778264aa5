import { countRows, TestApi, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * The do-not-contact list (issue 3 item 4, DESIGN §3 key shapes and §7.1): entries by phone (E.164) or email
 * (lower-case), for one channel or all; a lead's do_not_call and opted_out_channels are a projection of the
 * entries that match its phone or email. The dnc-* specs of the list's routes share this setup.
 */

export type Headers = Record<string, string>;

export interface DncJson {
  id: string;
  phone: string | null;
  email: string | null;
  channel: string;
  reason: string;
  created_by_id: string | null;
  created_at: string;
}

export const PHONE_US = '+14155552671';
export const PHONE_US_2 = '+14155552672';
export const PHONE_PT = '+351912345678';

/** A lead's two projected flags when no entry matches it. */
export const clean = { do_not_call: false, opted_out_channels: [] };

export interface DncState {
  api: TestApi;
  db: DataSource;
}

/**
 * Starts the API for the file's tests, hands it to `use` before them and closes it after; answers the list's
 * requests and what they change. Call it in the file's describe block.
 */
export function dncRequests(use: (state: DncState) => void = () => {}) {
  const api = useTestApi();

  beforeAll(async () => {
    use({ api, db: api.db });
  });

  const countEntries = (tenant: TestTenant) =>
    countRows(api.db, 'dnc_entries', 'tenant_id = $1', [tenant.id]);
  const countLeads = (tenant: TestTenant) => countRows(api.db, 'leads', 'tenant_id = $1', [tenant.id]);

  const addDnc = (headers: Headers, body: unknown) =>
    api.http
      .post('/api/dnc')
      .set(headers)
      .send(body as object);

  /** Adds an entry that must be new, and answers it as GET /api/dnc lists it. */
  async function added(headers: Headers, body: Record<string, unknown>): Promise<DncJson> {
    const res = await addDnc(headers, body);
    expect({ status: res.status, created: res.body.data?.created }).toEqual({ status: 201, created: true });
    const { created: _created, taken_over: _takenOver, leads_flagged: _flagged, ...entry } = res.body.data;
    return entry as DncJson;
  }

  async function listDnc(headers: Headers, query = '') {
    const res = await api.http.get(`/api/dnc${query ? `?${query}` : ''}`).set(headers);
    expect(res.status).toBe(200);
    return res.body as {
      success: true;
      data: DncJson[];
      meta: { total: number; limit: number; offset: number };
    };
  }

  const ids = async (headers: Headers, query = '') => (await listDnc(headers, query)).data.map((e) => e.id);

  async function setCountry(tenant: TestTenant, country: string | null) {
    const res = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ default_country: country });
    expect(res.status).toBe(200);
    expect(res.body.data.default_country).toBe(country);
  }

  async function postLead(tenant: TestTenant, body: Record<string, unknown>) {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Lee', last_name: 'Lead', ...body });
    if (res.status !== 201)
      throw new Error(`POST /api/leads answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Record<string, unknown> & { id: string };
  }

  async function getLead(tenant: TestTenant, id: string) {
    const res = await api.http.get(`/api/leads/${id}`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, unknown> & { id: string };
  }

  /** The two projected flags of a lead, read back through the API. */
  async function flags(tenant: TestTenant, id: string) {
    const lead = await getLead(tenant, id);
    return { do_not_call: lead.do_not_call, opted_out_channels: lead.opted_out_channels };
  }

  async function activity(tenant: TestTenant, type: string) {
    const res = await api.http.get(`/api/system/activity?type=${type}`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, unknown>[];
  }

  return {
    countEntries,
    countLeads,
    addDnc,
    added,
    listDnc,
    ids,
    setCountry,
    postLead,
    getLead,
    flags,
    activity,
  };
}
