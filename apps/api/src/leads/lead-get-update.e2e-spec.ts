import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  useTestApi,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { type Json, leadRequests, sleep } from './lead-requests.fixture';

describe('GET, PATCH and PUT /api/leads/:id (e2e)', () => {
  const api = useTestApi();

  const { post, getLead, patchLead, putLead, createLead, tenantState, conflictDetail } = leadRequests(
    () => api,
  );

  describe('GET, PATCH and PUT /api/leads/:id', () => {
    it('answers 404 for an unknown id or one that is not a UUID', async () => {
      const tenant = await createTenant(api.http);
      expectError(await getLead(tenant, randomUUID()), 404, 'NOT_FOUND', 'Lead not found');
      expectError(await getLead(tenant, 'not-a-uuid'), 404, 'NOT_FOUND', 'Lead not found');
      expectError(await patchLead(tenant, randomUUID(), { notes: 'x' }), 404, 'NOT_FOUND', 'Lead not found');
      expectError(
        await putLead(tenant, randomUUID(), { email: 'x@example.com' }),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
      expectError(
        await api.http.delete(`/api/leads/${randomUUID()}`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
    });

    it('answers 404 for an id that is not a UUID with an invalid body too, leaving no rejection unhandled', async () => {
      const tenant = await createTenant(api.http);
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        // The body's validation (a promise) is under way when the id's pipe refuses it.
        expectError(
          await patchLead(tenant, 'not-a-uuid', { score: 101 }),
          404,
          'NOT_FOUND',
          'Lead not found',
        );
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });

    it('PATCH changes only the fields sent, null clears, and a new phone re-derives country and zones', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const lead = await createLead(tenant, {
        name: 'Jane Doe',
        email: 'jane@example.com',
        phone: '+1 415 555 2671',
        company: 'Acme',
        position: 'CTO',
        source: 'web',
        value: 50,
        tags: ['vip'],
        custom_fields: { plan: 'pro' },
        notes: 'Call back',
        owner_id: manager.id,
        classification: 'interested',
      });
      await sleep(5);
      const res = await patchLead(manager, lead.id, {
        status: 'qualified',
        notes: null,
        company: null,
        tags: ['vip', ' hot ', 'hot'],
        score: 75,
      });
      expect(res.status).toBe(200);
      const expected = {
        ...lead,
        status: 'qualified',
        notes: null,
        company: null,
        tags: ['vip', 'hot'],
        score: 75,
        // A score a person sets is an override: the classifier leaves it alone (issue 7). An interested lead at 75
        // reaches the threshold (70): qualified, as a classified reply would have made it.
        score_overridden: true,
        qualification_status: 'qualified',
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      };
      expect(res.body).toEqual({ success: true, data: expected });
      expect(res.body.data.updated_at).not.toBe(lead.updated_at);
      expect((await getLead(tenant, lead.id)).body.data).toEqual(res.body.data);

      const moved = await patchLead(tenant, lead.id, {
        phone: '+351 912 345 678',
        owner_id: null,
        lastName: 'Roe',
      });
      expect(moved.status).toBe(200);
      expect(moved.body.data).toEqual({
        ...res.body.data,
        phone: '+351 912 345 678',
        phone_normalized: '+351912345678',
        country: 'PT',
        timezone: null,
        timezones: ['Atlantic/Azores', 'Europe/Lisbon'],
        owner_id: null,
        last_name: 'Roe',
        name: 'Jane Roe',
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      // The old number is free again, the new one is taken.
      expect((await post(tenant, { phone: '+1 415 555 2671' })).status).toBe(201);
      expect((await post(tenant, { phone: '+351912345678' })).status).toBe(409);

      const cleared = await patchLead(tenant, lead.id, { phone: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.data).toMatchObject({
        phone: null,
        phone_normalized: null,
        email: 'jane@example.com',
      });

      // Seed 004's partial body: a name alone is split into first and last name.
      const renamed = await patchLead(tenant, lead.id, { name: 'Jane Q Public' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toEqual({
        ...cleared.body.data,
        first_name: 'Jane',
        last_name: 'Q Public',
        name: 'Jane Q Public',
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      });
    });

    it("a person's score or classification moves the qualification by the classifier's rule, unless they set it too", async () => {
      const tenant = await createTenant(api.http);
      const created = await post(tenant, {
        first_name: 'Q',
        phone: '+14155557301',
        classification: 'interested',
      });
      expect(created.status).toBe(201);
      const id = created.body.data.id as string;
      expect(created.body.data.qualification_status).toBe('in_progress');
      const qualificationAfter = async (body: Json) => {
        const res = await patchLead(tenant, id, body);
        expect(res.status).toBe(200);
        return res.body.data.qualification_status as string | null;
      };
      expect(await qualificationAfter({ score: 95 })).toBe('qualified');
      expect(await qualificationAfter({ score: 10 })).toBe('in_progress');
      // A timing objection nurtures the lead whatever its score; a refusal disqualifies it; a meeting flags it.
      expect(await qualificationAfter({ classification: 'not_now', score: 95 })).toBe('nurture');
      expect(await qualificationAfter({ classification: 'not_interested' })).toBe('disqualified');
      expect(await qualificationAfter({ classification: 'meeting_request' })).toBe('meeting_requested');
      // Set by the person in the same change: theirs stands. Other fields leave it alone.
      expect(
        await qualificationAfter({ classification: 'interested', qualification_status: 'nurture' }),
      ).toBe('nurture');
      expect(await qualificationAfter({ notes: 'Called' })).toBe('nurture');
      // Created with a score, in a batch as alone: the score decides.
      const batch = await post(tenant, [{ first_name: 'B', phone: '+14155557302', score: 80 }]);
      expect(batch.status).toBe(200);
      const made = await getLead(tenant, batch.body.data.leads[0].id);
      expect(made.body.data.qualification_status).toBe('qualified');
    });

    it("keeps the phone's zones when only the country changes; a lead without a phone takes its country's", async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { phone: '+351 912 345 678', email: 'pt@example.com' });
      const zones = ['Atlantic/Azores', 'Europe/Lisbon'];
      expect(lead).toMatchObject({ country: 'PT', timezones: zones });
      // They live in the US, their number is Portuguese: the calling window stays the number's.
      const moved = await patchLead(tenant, lead.id, { country: 'US' });
      expect(moved.status).toBe(200);
      expect(moved.body.data).toMatchObject({ country: 'US', timezones: zones });
      const unset = await patchLead(tenant, lead.id, { country: null });
      expect(unset.body.data).toMatchObject({ country: null, timezones: zones });
      // Without the phone, the country is all there is to go by.
      const noPhone = await patchLead(tenant, lead.id, { phone: null, country: 'JP' });
      expect(noPhone.body.data).toMatchObject({
        phone_normalized: null,
        country: 'JP',
        timezones: ['Asia/Tokyo'],
      });
      const [row] = await api.db.query(`SELECT timezones FROM leads WHERE id = $1`, [lead.id]);
      expect(row.timezones).toEqual(['Asia/Tokyo']);
    });

    it('PATCH refuses bad values and leaving neither phone nor email, changing nothing', async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { email: 'solo@example.com', name: 'Solo' });
      const before = await tenantState(tenant.id);
      const cases: [unknown, string[]][] = [
        [{ email: null }, ['phone']],
        [{ email: null, phone: '' }, ['phone']],
        [{ score: 101 }, ['score']],
        [{ score: null }, ['score']],
        [{ status: 'won' }, ['status']],
        [{ status: null }, ['status']],
        [{ priority: 'urgent' }, ['priority']],
        [{ qualification_status: 'great' }, ['qualification_status']],
        [{ qualification_status: 'Qualified' }, ['qualification_status']],
        [{ tags: null }, ['tags']],
        [{ tags: 'vip' }, ['tags']],
        [{ custom_fields: null }, ['custom_fields']],
        [{ custom_fields: ['a'] }, ['custom_fields']],
        [{ email: 'not-an-email' }, ['email']],
        [{ phone: 'nope', notes: 'should not land' }, ['phone']],
        [{ owner_id: randomUUID() }, ['owner_id']],
        [{ timezone: 'Mars/Olympus' }, ['timezone']],
        [{ country: 'XX' }, ['country']],
        [{ value: -1 }, ['value']],
        [{ value: 12.345 }, ['value']],
        // Printed in exponent form by the runtime: class-validator's own decimal check threw on it (a 500).
        [{ value: 1e-7 }, ['value']],
        [{ id: randomUUID() }, ['id']],
        [{ tenant_id: randomUUID() }, ['tenant_id']],
        [{ archived_at: null }, ['archived_at']],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await patchLead(tenant, lead.id, body);
        answers.push({
          body,
          status: res.status,
          code: res.body.error?.code,
          fields: [...new Set((res.body.error?.details ?? []).map((d: { field: string }) => d.field))],
        });
      }
      expect(answers).toEqual(
        cases.map(([body, fields]) => ({ body, status: 400, code: 'VALIDATION_ERROR', fields })),
      );
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it("classification is one of the classifier's labels or null: anything else is a 400 naming it and changes nothing", async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { email: 'cls@example.com', classification: 'interested' });
      const before = await tenantState(tenant.id);
      const bad = [
        'hot',
        'Interested',
        ' interested',
        'meeting request',
        'not-interested',
        '',
        'x'.repeat(32),
      ];
      const answers = [];
      for (const classification of [...bad, 7, true, ['interested']]) {
        for (const [method, send] of [
          ['PATCH', patchLead],
          ['PUT', putLead],
        ] as const) {
          const res = await send(tenant, lead.id, { email: 'cls@example.com', classification });
          answers.push({ method, classification, status: res.status, fields: res.body.error?.details });
        }
      }
      expect(answers).toEqual(
        answers.map(({ method, classification }) => ({
          method,
          classification,
          status: 400,
          fields: [
            { field: 'classification', reason: expect.stringContaining('interested, meeting_request') },
          ],
        })),
      );
      // Handing the classification back to the classifier does not let a bad value through either.
      expectValidation(
        await patchLead(tenant, lead.id, { classification: 'hot', classificationOverride: false }),
        ['classification'],
      );
      expect(await tenantState(tenant.id)).toEqual(before);

      // POST: one lead is refused whole; in an array the item is reported by its index and the others land.
      expectValidation(await post(tenant, { email: 'new@example.com', classification: 'hot' }), [
        'classification',
      ]);
      const many = await post(tenant, [
        { email: 'bad@example.com', classification: 'warm' },
        { email: 'good@example.com', classification: 'question' },
      ]);
      expect(many.status).toBe(200);
      expect(many.body.data).toMatchObject({
        total: 2,
        created: 1,
        failed: 1,
        leads: [{ email: 'good@example.com', classification: 'question' }],
        errors: [{ index: 0, code: 'VALIDATION_ERROR', details: [{ field: 'classification' }] }],
      });
      const emails = await api.db.query('SELECT email FROM leads WHERE tenant_id = $1 ORDER BY email', [
        tenant.id,
      ]);
      expect(emails).toEqual([{ email: 'cls@example.com' }, { email: 'good@example.com' }]);

      // A label sticks, pinned against the classifier; null leaves the lead without one.
      const set = await patchLead(tenant, lead.id, { classification: 'meeting_request' });
      expect(set.status).toBe(200);
      expect(set.body.data).toMatchObject({
        classification: 'meeting_request',
        classification_overridden: true,
      });
      expect((await getLead(tenant, lead.id)).body.data).toEqual(set.body.data);
      const cleared = await patchLead(tenant, lead.id, { classification: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.data).toMatchObject({ classification: null });
    });

    it("PUT changes the fields sent, as the seeds' partial bodies expect; null clears one", async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, {
        name: 'Jane Doe',
        email: 'jane@example.com',
        phone: '+1 415 555 2671',
        company: 'Acme',
        priority: 'normal',
        status: 'new',
        score: 80,
        classification: 'interested',
        tags: ['vip'],
        custom_fields: { plan: 'pro' },
        owner_id: tenant.admin.id,
      });
      // Seed 001's and seed 004's "Update Lead" bodies.
      const seed001 = await putLead(tenant, lead.id, {
        first_name: 'Updated',
        last_name: 'Name',
        priority: 'high',
        notes: 'Updated notes',
      });
      expect(seed001.status).toBe(200);
      const seed004 = await putLead(tenant, lead.id, {
        status: 'qualified',
        notes: 'Scheduled demo for next week',
      });
      expect(seed004.status).toBe(200);
      expect(seed004.body).toEqual({
        success: true,
        data: {
          ...lead,
          first_name: 'Updated',
          last_name: 'Name',
          name: 'Updated Name',
          priority: 'high',
          status: 'qualified',
          notes: 'Scheduled demo for next week',
          updated_at: expect.any(String),
        },
      });
      expect((await getLead(tenant, lead.id)).body).toEqual(seed004.body);

      // null clears a field; a lead left with neither phone nor email is refused, changing nothing.
      const cleared = await putLead(tenant, lead.id, { company: null });
      expect(cleared.body.data).toMatchObject({ company: null, email: 'jane@example.com' });
      const before = await tenantState(tenant.id);
      const noContact = await putLead(tenant, lead.id, { phone: null, email: null });
      expect(noContact.status).toBe(400);
      expect(noContact.body.error.details).toEqual([{ field: 'phone', reason: 'or email is required' }]);
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it("refuses another lead's phone or email on PATCH and PUT with 409 naming it, changing nothing", async () => {
      const tenant = await createTenant(api.http);
      const a = await createLead(tenant, { name: 'A', phone: '+1 212 555 0101', email: 'a@example.com' });
      const b = await createLead(tenant, { name: 'B', phone: '+1 212 555 0102', email: 'b@example.com' });
      const before = await tenantState(tenant.id);
      const cases: [() => Promise<Response>, Json[]][] = [
        [() => patchLead(tenant, b.id, { phone: '+1 (212) 555-0101' }), [conflictDetail('phone', a.id)]],
        [
          () => patchLead(tenant, b.id, { email: 'A@Example.com', notes: 'x' }),
          [conflictDetail('email', a.id)],
        ],
        [() => putLead(tenant, b.id, { phone: '+12125550101', name: 'B' }), [conflictDetail('phone', a.id)]],
        [() => putLead(tenant, b.id, { email: 'a@example.com' }), [conflictDetail('email', a.id)]],
      ];
      for (const [send, details] of cases) {
        const res = await send();
        expect(res.status).toBe(409);
        expect(res.body).toEqual({
          success: false,
          error: { code: 'CONFLICT', message: expect.any(String), details },
        });
      }
      expect(await tenantState(tenant.id)).toEqual(before);

      // Its own number in another spelling is no conflict.
      const same = await patchLead(tenant, a.id, {
        phone: '(212) 555-0101',
        country: 'US',
        email: 'A@EXAMPLE.com',
      });
      expect(same.status).toBe(200);
      expect(same.body.data).toMatchObject({ phone: '(212) 555-0101', phone_normalized: '+12125550101' });
    });

    it('refuses PATCH and PUT on an archived lead with 409, changing nothing', async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { email: 'old@example.com' });
      expect((await api.http.delete(`/api/leads/${lead.id}`).set(tenant.admin.headers)).status).toBe(200);
      const before = await tenantState(tenant.id);
      expectError(await patchLead(tenant, lead.id, { notes: 'x' }), 409, 'CONFLICT', 'The lead is archived');
      expectError(
        await putLead(tenant, lead.id, { email: 'old@example.com', notes: 'x' }),
        409,
        'CONFLICT',
        'The lead is archived',
      );
      expect(await tenantState(tenant.id)).toEqual(before);
    });
  });
});
