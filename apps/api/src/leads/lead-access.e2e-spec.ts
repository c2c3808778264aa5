import { countRows, createApiKey, createTenant, createUser, expectError, useTestApi } from '@app/testing';
import { type Lead, leadRequests } from './lead-requests.fixture';

describe('leads: roles and tenancy (e2e)', () => {
  const api = useTestApi();

  const { getLead, createLead, tenantState } = leadRequests(() => api);

  describe('roles', () => {
    it('an agent (user or API key) may read leads but gets 403 on POST, PUT, PATCH and DELETE, and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent');
      const agentKey = await createApiKey(api.http, tenant, 'agent');
      const lead = await createLead(tenant, { name: 'Read Only', email: 'ro@example.com' });
      const before = await tenantState(tenant.id);
      for (const headers of [agent.headers, { 'X-API-Key': agentKey.key }]) {
        const listed = await api.http.get('/api/leads').set(headers);
        expect(listed.status).toBe(200);
        expect(listed.body.data).toEqual([lead]);
        const got = await api.http.get(`/api/leads/${lead.id}`).set(headers);
        expect(got.body).toEqual({ success: true, data: lead });

        for (const send of [
          () => api.http.post('/api/leads').set(headers).send({ email: 'agent@example.com' }),
          () =>
            api.http
              .post('/api/leads')
              .set(headers)
              .send([{ email: 'agent@example.com' }]),
          () => api.http.put(`/api/leads/${lead.id}`).set(headers).send({ email: 'agent@example.com' }),
          () => api.http.patch(`/api/leads/${lead.id}`).set(headers).send({ notes: 'agent was here' }),
          () => api.http.delete(`/api/leads/${lead.id}`).set(headers),
          () => api.http.delete(`/api/leads/${lead.id}?erase=true`).set(headers),
        ]) {
          expectError(await send(), 403, 'AUTHORIZATION_FAILED', 'This needs the manager role');
        }
      }
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('needs credentials (401)', async () => {
      expectError(await api.http.get('/api/leads'), 401, 'AUTHENTICATION_REQUIRED');
      expectError(
        await api.http.post('/api/leads').send({ email: 'anon@example.com' }),
        401,
        'AUTHENTICATION_REQUIRED',
      );
    });
  });

  describe('tenancy', () => {
    it("another tenant's admin (token or API key) gets 404 on every route of A's lead and never sees it", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const bKey = await createApiKey(api.http, b, 'admin');
      const lead = await createLead(a, {
        name: 'Alice Private',
        email: 'alice@private.test',
        phone: '+1 415 555 2671',
        company: 'Private Co',
        tags: ['secret'],
      });
      const bOwn = await createLead(b, { name: 'Bob Own', email: 'bob@b.test' });
      const before = await tenantState(a.id);

      for (const headers of [b.admin.headers, { 'X-API-Key': bKey.key }]) {
        for (const send of [
          () => api.http.get(`/api/leads/${lead.id}`).set(headers),
          () => api.http.put(`/api/leads/${lead.id}`).set(headers).send({ email: 'stolen@b.test' }),
          () => api.http.patch(`/api/leads/${lead.id}`).set(headers).send({ notes: 'b was here' }),
          () => api.http.delete(`/api/leads/${lead.id}`).set(headers),
          () => api.http.delete(`/api/leads/${lead.id}?erase=true`).set(headers),
        ]) {
          expectError(await send(), 404, 'NOT_FOUND', 'Lead not found');
        }
        for (const query of [
          '',
          'search=alice',
          'search=private',
          'search=(415)%20555',
          'tag=secret',
          'archived=true',
          `owner_id=${a.admin.id}`,
        ]) {
          const res = await api.http.get(`/api/leads${query ? `?${query}` : ''}`).set(headers);
          expect(res.status).toBe(200);
          expect(res.body.data.map((l: Lead) => l.id)).toEqual(query ? [] : [bOwn.id]);
        }
      }
      expect(await tenantState(a.id)).toEqual(before);
      expect(await countRows(api.db, 'dnc_entries', 'tenant_id = $1', [b.id])).toBe(0);

      // Uniqueness is per tenant: B may have a lead with A's phone and email.
      const twin = await createLead(b, {
        name: 'Alice Twin',
        email: 'ALICE@private.test',
        phone: '(415) 555-2671',
        country: 'US',
      });
      expect(twin).toMatchObject({ tenant_id: b.id, phone_normalized: '+14155552671' });
      expect(twin.id).not.toBe(lead.id);
      expect((await getLead(a, lead.id)).body.data).toEqual(lead);
    });
  });
});
