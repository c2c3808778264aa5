import { createTenant, createUser, expectError, TestTenant, useTestApi } from '@app/testing';

type Json = Record<string, unknown>;

/**
 * Seed 002: `GET /campaigns/:campId` retrieves "campaign details (metadata, lead list, status)". The detail holds
 * the first 10 enrollments (each lead with its enrollment status) and the link to the rest; another tenant's
 * campaign answers 404.
 */
describe('campaign detail: its lead list (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    [tenant, other] = await Promise.all([createTenant(api.http), createTenant(api.http)]);
  });

  async function campaignWith(who: TestTenant, leads: number): Promise<{ id: string; leadIds: string[] }> {
    const body = Array.from({ length: leads }, (_, i) => ({
      first_name: `Lead${i}`,
      last_name: 'Preview',
      email: `preview-${i}-${Math.random().toString(36).slice(2, 8)}@example.test`,
    }));
    const leadIds: string[] = [];
    if (leads) {
      const created = await api.http.post('/api/leads').set(who.admin.headers).send(body);
      expect(created.status).toBe(200);
      leadIds.push(...(created.body.data.leads as { id: string }[]).map((l) => l.id));
    }
    const campaign = await api.http
      .post('/api/campaigns')
      .set(who.admin.headers)
      .send({ name: 'Preview', steps: [{ type: 'EMAIL', subject: 'Hi', content: 'Hello {{first_name}}' }] });
    expect(campaign.status).toBe(201);
    const id = campaign.body.data.id as string;
    if (leadIds.length) {
      const enrolled = await api.http
        .post(`/api/campaigns/${id}/leads`)
        .set(who.admin.headers)
        .send({ lead_ids: leadIds });
      expect(enrolled.body.data.enrolled).toBe(leads);
    }
    return { id, leadIds };
  }

  it('shows the first 10 enrolled leads with their enrollment status, and links to the rest', async () => {
    const { id, leadIds } = await campaignWith(tenant, 12);
    const res = await api.http.get(`/api/campaigns/${id}`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    const leads = res.body.data.leads as { items: Json[]; total: number; limit: number; next: string };
    expect(leads).toEqual({
      items: expect.any(Array),
      total: 12,
      limit: 10,
      next: `/api/campaigns/${id}/leads?offset=10`,
    });
    expect(leads.items).toHaveLength(10);
    expect(leads.items[0]).toMatchObject({
      campaign_id: id,
      lead_id: expect.any(String),
      name: expect.stringMatching(/^Lead\d+ Preview$/),
      status: 'pending',
      current_step: 0,
    });
    const firstPage = await api.http.get(`/api/campaigns/${id}/leads?limit=10`).set(tenant.admin.headers);
    expect(leads.items).toEqual(firstPage.body.data);
    const rest = await api.http.get(leads.next).set(tenant.admin.headers);
    expect(rest.status).toBe(200);
    const seen = [...leads.items, ...rest.body.data].map((e) => (e as Json).lead_id);
    expect(seen.sort()).toEqual([...leadIds].sort());
  });

  it('an agent reads it too; a campaign with few leads has no next link, one with none an empty list', async () => {
    const agent = await createUser(api.http, tenant, 'agent');
    const few = await campaignWith(tenant, 2);
    const res = await api.http.get(`/api/campaigns/${few.id}`).set(agent.headers);
    expect(res.status).toBe(200);
    expect(res.body.data.leads).toMatchObject({ total: 2, limit: 10, next: null });
    expect(res.body.data.leads.items.map((e: Json) => e.lead_id).sort()).toEqual([...few.leadIds].sort());
    const none = await campaignWith(tenant, 0);
    const empty = await api.http.get(`/api/campaigns/${none.id}`).set(agent.headers);
    expect(empty.body.data.leads).toEqual({ items: [], total: 0, limit: 10, next: null });
  });

  it('updates answer the same detail: a PATCH shows the enrollments with their status', async () => {
    const { id } = await campaignWith(tenant, 1);
    const res = await api.http
      .patch(`/api/campaigns/${id}`)
      .set(tenant.admin.headers)
      .send({ name: 'Renamed' });
    expect(res.status).toBe(200);
    expect(res.body.data.leads).toMatchObject({ total: 1, items: [{ status: 'pending' }] });
  });

  it("another tenant's token gets 404 and sees none of the leads", async () => {
    const { id } = await campaignWith(tenant, 3);
    expectError(await api.http.get(`/api/campaigns/${id}`).set(other.admin.headers), 404, 'NOT_FOUND');
    expectError(await api.http.get(`/api/campaigns/${id}/leads`).set(other.admin.headers), 404, 'NOT_FOUND');
    const own = await campaignWith(other, 0);
    const res = await api.http.get(`/api/campaigns/${own.id}`).set(other.admin.headers);
    expect(res.body.data.leads).toEqual({ items: [], total: 0, limit: 10, next: null });
  });
});
