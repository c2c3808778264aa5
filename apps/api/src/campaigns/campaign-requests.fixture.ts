import { createTenant, TestApi, TestTenant, TestUser, useTestApi, UUID_PATTERN } from '@app/testing';
import { DataSource } from 'typeorm';

/**
 * Issue 5 item 1: campaigns CRUD in seed 000's and seed 002's forms with seed 001's settings; validation. The
 * campaign-* specs share this setup.
 */

export type Json = Record<string, unknown>;
export type Who = TestTenant | TestUser;

/** Seed 000's campaign: two WhatsApp messages a day apart. */
export const SEED_000 = {
  name: 'Welcome Series',
  target_filter: 'ALL',
  steps: [
    { type: 'WHATSAPP', content: 'Welcome aboard!' },
    { type: 'DELAY', content: '24' },
    { type: 'WHATSAPP', content: 'How are you finding things?' },
  ],
};

/** A campaign step as the API answers it: every key, null unless `fields` says otherwise. */
export const step = (position: number, fields: Json) => ({
  id: expect.stringMatching(UUID_PATTERN),
  position,
  content: null,
  subject: null,
  template_name: null,
  template_language: null,
  delay_minutes: null,
  options: {},
  ...fields,
});

export interface CampaignsState {
  api: TestApi;
  db: DataSource;
  /** One tenant for the file's tests. */
  tenant: TestTenant;
}

/**
 * Starts the API and makes a tenant for the file's tests, hands them to `use` before them and closes the API after;
 * answers the campaign requests and what they change. Call it in the file's describe block.
 */
export function campaignRequests(use: (state: CampaignsState) => void = () => {}) {
  const api = useTestApi();
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    use({ api, db: api.db, tenant });
  });

  const headers = (who: Who) => ('admin' in who ? who.admin.headers : who.headers);
  const post = (who: Who, body: unknown) =>
    api.http
      .post('/api/campaigns')
      .set(headers(who))
      .send(body as object);
  const patch = (who: Who, id: string, body: unknown) =>
    api.http
      .patch(`/api/campaigns/${id}`)
      .set(headers(who))
      .send(body as object);
  const get = (who: Who, id: string) => api.http.get(`/api/campaigns/${id}`).set(headers(who));

  async function created(who: Who, body: Json): Promise<Json & { id: string }> {
    const res = await post(who, body);
    if (res.status !== 201)
      throw new Error(`create campaign answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async function lead(who: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/leads').set(who.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  /** Everything of the tenant a campaign request can change. */
  async function stored(tenantId: string) {
    return {
      campaigns: await api.db.query('SELECT * FROM campaigns WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      steps: await api.db.query('SELECT * FROM campaign_steps WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      enrollments: await api.db.query('SELECT * FROM campaign_enrollments WHERE tenant_id = $1 ORDER BY id', [
        tenantId,
      ]),
    };
  }

  return { headers, post, patch, get, created, lead, stored };
}
