import { createTenant, createUser, expectValidation, TestTenant, useTestApi } from '@app/testing';

/**
 * A user's own change of a lead (PUT / PATCH leads/:id) is in the activity log as a workflow's update_lead is: one
 * `lead.updated` entry per change that changes something, naming who made it and which fields it changed.
 */
describe('lead updates in the activity log (e2e)', () => {
  const api = useTestApi();
  let t: TestTenant;
  let n = 0;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  async function newLead(): Promise<string> {
    n += 1;
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', phone: `+447911${200500 + n}`, company: 'Acme', tags: ['a'] });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  const entries = async (leadId: string) =>
    (
      (await api.http.get('/api/system/activity?type=lead.updated&limit=100').set(t.admin.headers)).body
        .data as { actor_user_id: string | null; description: string; data: Record<string, unknown> }[]
    ).filter((e) => e.data.lead_id === leadId);

  it('records who changed which fields, once per PATCH or PUT that changes something', async () => {
    const leadId = await newLead();
    const manager = await createUser(api.http, t, 'manager');

    const patched = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(t.admin.headers)
      .send({ company: 'Globex', status: 'qualified', first_name: 'Ada' });
    expect(patched.status).toBe(200);
    expect(await entries(leadId)).toEqual([
      expect.objectContaining({
        description: 'A user updated a lead',
        actor_user_id: t.admin.id,
        data: { lead_id: leadId, fields: expect.arrayContaining(['company', 'status']) },
      }),
    ]);
    expect(((await entries(leadId))[0].data.fields as string[]).sort()).toEqual(['company', 'status']);

    const put = await api.http
      .put(`/api/leads/${leadId}`)
      .set(manager.headers)
      .send({ tags: ['a', 'b'], custom_fields: { plan: 'pro' } });
    expect(put.status).toBe(200);
    const [latest] = await entries(leadId);
    expect(latest).toMatchObject({ actor_user_id: manager.id });
    expect((latest.data.fields as string[]).sort()).toEqual(['custom_fields', 'tags']);
    expect(await entries(leadId)).toHaveLength(2);
  });

  it('writes no entry for an update that changes nothing, nor for one refused', async () => {
    const leadId = await newLead();

    const same = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(t.admin.headers)
      .send({ company: 'Acme', tags: ['a'] });
    expect(same.status).toBe(200);
    const refused = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(t.admin.headers)
      .send({ company: 'Initech', email: 'not an email' });
    expectValidation(refused, ['email']);

    const lead = await api.http.get(`/api/leads/${leadId}`).set(t.admin.headers);
    expect(lead.body.data.company).toBe('Acme');
    expect(await entries(leadId)).toEqual([]);
  });
});
