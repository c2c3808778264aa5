import { countRows, createTenant, expectError, expectValidation, useTestApi } from '@app/testing';
import { type Lead, leadRequests, leadShape } from './lead-requests.fixture';

describe('POST /api/leads: an array or a CSV (e2e)', () => {
  const api = useTestApi();

  const { post, getLead, createLead, listIds, tenantState, leadCount, addDnc, conflictDetail } = leadRequests(
    () => api,
  );

  describe('POST /api/leads (an array)', () => {
    it('creates the good items and reports each bad one by index (validation, duplicate in the array or of a lead, DNC)', async () => {
      const tenant = await createTenant(api.http);
      const existing = await createLead(tenant, { email: 'taken@example.com', name: 'Taken' });
      const dnc = await addDnc(tenant, { phone: '+1 212 555 0199' });
      const res = await post(tenant, [
        { name: 'Good Zero', phone: '+1 212 555 0100', tags: ['batch'] },
        { name: 'Bad Score', phone: '+1 212 555 0111', score: 101 },
        { firstName: 'Good', lastName: 'Two', email: 'two@example.com' },
        { name: 'Twin Of Zero', phone: '001 212 555 0100', country: 'US' },
        { name: 'Taken Again', email: 'TAKEN@example.com' },
        { name: 'On DNC', phone: '+12125550199' },
        { name: 'Nothing' },
        { name: 'Good Seven', phone: '+351 912 345 678', email: 'seven@example.com' },
        'not an object',
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          total: 9,
          created: 3,
          failed: 6,
          leads: [
            leadShape(tenant.id, {
              first_name: 'Good',
              last_name: 'Zero',
              name: 'Good Zero',
              phone: '+1 212 555 0100',
              phone_normalized: '+12125550100',
              country: 'US',
              timezone: 'America/New_York',
              timezones: ['America/New_York'],
              tags: ['batch'],
            }),
            leadShape(tenant.id, {
              first_name: 'Good',
              last_name: 'Two',
              name: 'Good Two',
              email: 'two@example.com',
            }),
            leadShape(tenant.id, {
              first_name: 'Good',
              last_name: 'Seven',
              name: 'Good Seven',
              email: 'seven@example.com',
              phone: '+351 912 345 678',
              phone_normalized: '+351912345678',
              country: 'PT',
              timezones: ['Atlantic/Azores', 'Europe/Lisbon'],
            }),
          ],
          errors: [
            {
              index: 1,
              code: 'VALIDATION_ERROR',
              message: expect.any(String),
              details: [{ field: 'score', reason: expect.any(String) }],
            },
            {
              index: 3,
              code: 'CONFLICT',
              message: 'A lead with this phone already exists',
              details: expect.any(Array),
            },
            {
              index: 4,
              code: 'CONFLICT',
              message: 'A lead with this email already exists',
              details: [conflictDetail('email', existing.id)],
            },
            {
              index: 5,
              code: 'POLICY_VIOLATION',
              message: 'This person is on the do-not-contact list',
              details: { rule: 'do_not_contact', dnc_entry_id: dnc.id },
            },
            {
              index: 6,
              code: 'VALIDATION_ERROR',
              message: 'Invalid input: phone or email is required',
              details: [{ field: 'phone', reason: 'or email is required' }],
            },
            { index: 8, code: 'VALIDATION_ERROR', message: expect.any(String), details: expect.any(Array) },
          ],
        },
      });
      const zero = res.body.data.leads[0] as Lead;
      // The twin is reported against the item of the same array that landed first.
      expect(res.body.data.errors[1].details).toEqual([conflictDetail('phone', zero.id)]);

      const ids = await listIds(tenant);
      expect(ids.sort()).toEqual([existing.id, ...res.body.data.leads.map((l: Lead) => l.id)].sort());
      for (const lead of res.body.data.leads as Lead[]) {
        expect((await getLead(tenant, lead.id)).body.data).toEqual(lead);
      }
    });

    it('refuses an empty array and one of more than 1,000 items with 400, creating nothing', async () => {
      const tenant = await createTenant(api.http);
      const empty = await post(tenant, []);
      expect(empty.status).toBe(400);
      expect(empty.body).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: expect.any(String),
          details: [{ field: 'body', reason: 'must hold 1 to 1000 leads' }],
        },
      });
      const tooMany = Array.from({ length: 1001 }, (_, i) => ({ email: `bulk-${i}@example.com` }));
      expectValidation(await post(tenant, tooMany), ['body']);
      expect(await leadCount(tenant.id)).toBe(0);
      expect(await countRows(api.db, 'lead_identities', 'tenant_id = $1', [tenant.id])).toBe(0);
    });
  });

  describe('POST /api/leads (a multipart CSV)', () => {
    it('imports the CSV, refuses a file that is not one with 415, and documents both bodies and their answers', async () => {
      const tenant = await createTenant(api.http);
      const imported = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .attach('file', Buffer.from('name,phone\nJane Doe,+1 415 555 2671\n'), 'leads.csv');
      expect(imported.status).toBe(200);
      expect(imported.body.data).toMatchObject({ status: 'completed', results: { inserted: 1 } });
      const before = await tenantState(tenant.id);
      const binary = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .attach('file', Buffer.from([0, 159, 146, 150, 0, 1]), 'leads.bin');
      expectError(binary, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await tenantState(tenant.id)).toEqual(before);

      const doc = (await api.http.get('/api/docs-json')).body;
      const op = doc.paths['/api/leads'].post;
      expect(Object.keys(op.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
      expect(op.requestBody.content['multipart/form-data'].schema).toEqual({
        $ref: '#/components/schemas/ImportFormDto',
      });
      expect(op.responses['200'].content['application/json'].schema.properties.data.oneOf).toEqual([
        { $ref: '#/components/schemas/BulkLeadResultDto' },
        { $ref: '#/components/schemas/ImportDto' },
      ]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['202', '413', '415']));
    });
  });
});
