import { createTenant, createUser, expectValidation, uniqueSuffix, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DESIGN_LEAD_KEYS, leadRequests, leadShape } from './lead-requests.fixture';

describe('POST /api/leads: one lead (e2e)', () => {
  const api = useTestApi();

  const {
    post,
    getLead,
    patchLead,
    putLead,
    createLead,
    tenantState,
    leadCount,
    setDefaultCountry,
    addDnc,
    conflictDetail,
  } = leadRequests(() => api);

  describe('POST /api/leads (one lead)', () => {
    it('creates a lead with the full key shape: E.164, country and zone from the phone, tags and custom fields', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const body = {
        first_name: ' Jane ',
        last_name: 'Doe',
        email: 'Jane.Doe@Example.com',
        phone: '+1 (415) 555-2671',
        company: 'Tech Startup',
        position: 'CTO',
        source: 'referral',
        value: 10000.5,
        priority: 'high',
        status: 'contacted',
        score: 40,
        classification: 'interested',
        qualification_status: 'qualified',
        tags: [' vip ', 'q4', 'vip', 'q4 ', '   '],
        custom_fields: { plan: 'enterprise', seats: 40, nested: { list: [1, 'two', null], ok: true } },
        notes: 'High priority prospect',
        owner_id: manager.id,
      };
      const res = await post(manager, body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: leadShape(tenant.id, {
          first_name: 'Jane',
          last_name: 'Doe',
          name: 'Jane Doe',
          email: 'Jane.Doe@Example.com',
          phone: '+1 (415) 555-2671',
          phone_normalized: '+14155552671',
          country: 'US',
          timezone: 'America/Los_Angeles',
          timezones: ['America/Los_Angeles'],
          company: 'Tech Startup',
          position: 'CTO',
          source: 'referral',
          value: 10000.5,
          priority: 'high',
          status: 'contacted',
          score: 40,
          classification: 'interested',
          qualification_status: 'qualified',
          tags: ['vip', 'q4'],
          custom_fields: body.custom_fields,
          notes: 'High priority prospect',
          owner_id: manager.id,
        }),
      });
      for (const key of DESIGN_LEAD_KEYS) expect(res.body.data).toHaveProperty(key);

      const got = await getLead(tenant, res.body.data.id);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      const identities = await api.db.query(
        'SELECT channel, address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2 ORDER BY channel',
        [tenant.id, res.body.data.id],
      );
      expect(identities).toEqual([
        { channel: 'email', address: 'jane.doe@example.com' },
        { channel: 'phone', address: '+14155552671' },
      ]);
    });

    it('keeps every candidate zone of a number (timezone null) unless a timezone is given; an email-only lead has none', async () => {
      const tenant = await createTenant(api.http);
      const lisbon = await createLead(tenant, { phone: '+351 912 345 678' });
      expect(lisbon).toEqual(
        leadShape(tenant.id, {
          id: lisbon.id,
          phone: '+351 912 345 678',
          phone_normalized: '+351912345678',
          country: 'PT',
          timezone: null,
          timezones: ['Atlantic/Azores', 'Europe/Lisbon'],
        }),
      );
      const azores = await createLead(tenant, { phone: '+351 912 345 679', timezone: 'Atlantic/Azores' });
      expect(azores).toMatchObject({
        phone_normalized: '+351912345679',
        country: 'PT',
        timezone: 'Atlantic/Azores',
        timezones: ['Atlantic/Azores', 'Europe/Lisbon'],
      });
      const emailOnly = await createLead(tenant, { email: 'only@mail.test' });
      expect(emailOnly).toEqual(leadShape(tenant.id, { id: emailOnly.id, email: 'only@mail.test' }));
    });

    it("accepts the seeds' spellings: firstName/lastName/customFields, and seed 004's name split in two", async () => {
      const tenant = await createTenant(api.http);
      const camel = await post(tenant, {
        firstName: 'Ana',
        lastName: 'Silva',
        phoneNumber: '+351 912 000 111',
        customFields: { leadScore: 5, 'Favourite Colour': 'teal' },
      });
      expect(camel.status).toBe(201);
      expect(camel.body.data).toEqual(
        leadShape(tenant.id, {
          first_name: 'Ana',
          last_name: 'Silva',
          name: 'Ana Silva',
          phone: '+351 912 000 111',
          phone_normalized: '+351912000111',
          country: 'PT',
          timezones: ['Atlantic/Azores', 'Europe/Lisbon'],
          custom_fields: { leadScore: 5, 'Favourite Colour': 'teal' },
        }),
      );

      const seed = await post(tenant, {
        name: 'Jane Doe',
        email: 'jane@example.com',
        phone: '+1 415 555 2671',
        company: 'Tech Startup',
        source: 'referral',
        value: 10000,
        notes: 'High priority prospect',
      });
      expect(seed.status).toBe(201);
      expect(seed.body.data).toMatchObject({
        first_name: 'Jane',
        last_name: 'Doe',
        name: 'Jane Doe',
        email: 'jane@example.com',
        phone_normalized: '+14155552671',
        company: 'Tech Startup',
        source: 'referral',
        value: 10000,
        notes: 'High priority prospect',
      });

      const long = await createLead(tenant, { name: '  Mary  Ann van Dyke ', email: 'mary@example.com' });
      expect(long).toMatchObject({
        first_name: 'Mary',
        last_name: 'Ann van Dyke',
        name: 'Mary Ann van Dyke',
      });
      const single = await createLead(tenant, { name: 'Cher', email: 'cher@example.com' });
      expect(single).toMatchObject({ first_name: 'Cher', last_name: null, name: 'Cher' });
      expect(await leadCount(tenant.id)).toBe(4);
    });

    it("brings every way of writing a number to one E.164 (the tenant's default country for national forms), so the second is a 409", async () => {
      const tenant = await createTenant(api.http);
      const first = await createLead(tenant, { name: 'Gary London', phone: '+44 20 7946 0958' });
      expect(first).toMatchObject({
        phone_normalized: '+442079460958',
        country: 'GB',
        timezone: 'Europe/London',
      });

      // A national number needs a country: without a default it is a phone error.
      expectValidation(await post(tenant, { phone: '020 7946 0958' }), ['phone']);
      await setDefaultCountry(tenant, 'GB');

      const before = await tenantState(tenant.id);
      for (const phone of [
        '020 7946 0958',
        '(020) 7946-0958',
        '020.7946.0958',
        '02079460958',
        '+44 (0)20 7946 0958',
        '0044 20 7946 0958',
        '+442079460958',
        ' +44 20 7946 0958 ',
      ]) {
        const res = await post(tenant, { phone, first_name: 'Dup' });
        expect({ phone, status: res.status, body: res.body }).toEqual({
          phone,
          status: 409,
          body: {
            success: false,
            error: {
              code: 'CONFLICT',
              message: 'A lead with this phone already exists',
              details: [conflictDetail('phone', first.id)],
            },
          },
        });
      }
      expect(await tenantState(tenant.id)).toEqual(before);

      // A row's own country wins over the tenant's: a US national number with country US.
      const us = await createLead(tenant, { phone: '(415) 555-2671', country: 'US' });
      expect(us).toMatchObject({ phone_normalized: '+14155552671', country: 'US' });
      for (const phone of ['415.555.2671', '1 415 555 2671', '001 415 555 2671', '+1 415 555 2671']) {
        const res = await post(tenant, { phone, country: 'US' });
        expect({ phone, status: res.status, details: res.body.error?.details }).toEqual({
          phone,
          status: 409,
          details: [conflictDetail('phone', us.id)],
        });
      }
      expect(await leadCount(tenant.id)).toBe(2);
    });

    it('treats emails case-insensitively: another spelling of a taken email is a 409', async () => {
      const tenant = await createTenant(api.http);
      const ana = await createLead(tenant, { email: 'Ana.Lopes@Example.com' });
      const before = await tenantState(tenant.id);
      for (const email of ['ana.lopes@example.com', 'ANA.LOPES@EXAMPLE.COM', 'Ana.Lopes@example.COM']) {
        const res = await post(tenant, { email, phone: '+1 212 555 0101' });
        expect({ email, status: res.status, body: res.body }).toEqual({
          email,
          status: 409,
          body: {
            success: false,
            error: {
              code: 'CONFLICT',
              message: 'A lead with this email already exists',
              details: [conflictDetail('email', ana.id)],
            },
          },
        });
      }
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('trims an email as the import does, and an empty one is no email, as an empty phone is no phone', async () => {
      const tenant = await createTenant(api.http);
      const padded = await createLead(tenant, { email: ' Ann@Example.com ', phone: '' });
      expect(padded).toMatchObject({ email: 'Ann@Example.com', phone: null });
      const blank = await createLead(tenant, { email: '  ', phone: '+1 212 555 0101' });
      expect(blank).toMatchObject({ email: null, phone_normalized: '+12125550101' });
      const duplicate = await post(tenant, { email: 'ann@example.com ' });
      expect(duplicate.status).toBe(409);
      const cleared = await patchLead(tenant, padded.id, { email: '', phone: '+1 212 555 0102' });
      expect(cleared.status).toBe(200);
      expect(cleared.body.data).toMatchObject({ email: null, phone_normalized: '+12125550102' });
      const moved = await putLead(tenant, blank.id, { email: ' Ann@Example.com' });
      expect(moved.body.data).toMatchObject({ email: 'Ann@Example.com' });
      // Still refused: leaving neither phone nor email, and what is no email.
      expectValidation(await patchLead(tenant, blank.id, { email: '', phone: '' }), ['phone']);
      expectValidation(await post(tenant, { email: 'ann at example.com' }), ['email']);
      expect(await leadCount(tenant.id)).toBe(2);
    });

    it('refuses a phone of one lead with the email of another, naming both, and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const a = await createLead(tenant, { phone: '+1 212 555 0101', email: 'a@example.com' });
      const b = await createLead(tenant, { phone: '+1 212 555 0102', email: 'b@example.com' });
      const before = await tenantState(tenant.id);
      const res = await post(tenant, { phone: '(212) 555-0101', country: 'US', email: 'B@example.com' });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        success: false,
        error: {
          code: 'CONFLICT',
          message: `The phone belongs to lead ${a.id} and the email to lead ${b.id}`,
          details: expect.arrayContaining([conflictDetail('phone', a.id), conflictDetail('email', b.id)]),
        },
      });
      expect(res.body.error.details).toHaveLength(2);

      const both = await post(tenant, { phone: '+12125550101', email: 'A@EXAMPLE.COM' });
      expect(both.status).toBe(409);
      expect(both.body.error).toEqual({
        code: 'CONFLICT',
        message: expect.stringMatching(/^A lead with this (phone and email|email and phone) already exists$/),
        details: expect.arrayContaining([conflictDetail('phone', a.id), conflictDetail('email', a.id)]),
      });
      expect(both.body.error.details).toHaveLength(2);
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('needs a phone or an email (400) and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      for (const body of [
        { name: 'Nobody', company: 'Nowhere' },
        { name: 'Nobody', phone: null, email: null },
        { name: 'Nobody', phone: '', tags: ['x'] },
        { name: 'Nobody', phone: '   ' },
        {},
      ]) {
        const res = await post(tenant, body);
        expect({ body, status: res.status, res: res.body }).toEqual({
          body,
          status: 400,
          res: {
            success: false,
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid input: phone or email is required',
              details: [{ field: 'phone', reason: 'or email is required' }],
            },
          },
        });
      }
      expect(await leadCount(tenant.id)).toBe(0);
    });

    it('refuses an unparseable or impossible phone with a phone error and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [unknown, string | undefined][] = [
        ['call me maybe', 'contains letters'],
        ['+1 555 555 5555', 'is not a valid phone number'],
        ['+1 415 555 26710', 'is not a valid phone number'],
        ['+1 415 555 267', 'is not a valid phone number'],
        ['12345', undefined],
        ['4155552671', undefined],
        ['+999 1234 5678', undefined],
        ['+', undefined],
        ['1'.repeat(65), undefined],
        [14155552671, undefined],
      ];
      for (const [phone, reason] of cases) {
        const res = await post(tenant, { phone, email: `p-${uniqueSuffix()}@example.com` });
        expect({ phone, status: res.status }).toEqual({ phone, status: 400 });
        expectValidation(res, ['phone']);
        if (reason) expect(res.body.error.details).toEqual([{ field: 'phone', reason }]);
      }
      expect(await leadCount(tenant.id)).toBe(0);
    });

    it("refuses an owner who is not a user of the tenant (unknown, another tenant's, not a UUID)", async () => {
      const tenant = await createTenant(api.http);
      const other = await createTenant(api.http);
      const outsider = await createUser(api.http, other, 'manager');
      for (const owner_id of [randomUUID(), outsider.id, other.admin.id, 'not-a-uuid']) {
        const res = await post(tenant, { email: 'owned@example.com', owner_id });
        expectValidation(res, ['owner_id']);
      }
      expect(await leadCount(tenant.id)).toBe(0);
      const own = await createLead(tenant, { email: 'owned@example.com', owner_id: tenant.admin.id });
      expect(own.owner_id).toBe(tenant.admin.id);
    });

    it('refuses a person on the all-channel do-not-contact list (422) and creates one on a channel entry opted out', async () => {
      const tenant = await createTenant(api.http);
      const entry = await addDnc(tenant, { phone: '+1 212 555 0199', channel: 'all', reason: 'complaint' });
      const mailEntry = await addDnc(tenant, { email: 'blocked@example.com', channel: 'all' });
      const before = await tenantState(tenant.id);
      const byPhone = await post(tenant, { phone: '(212) 555-0199', country: 'US', name: 'Blocked' });
      expect(byPhone.status).toBe(422);
      expect(byPhone.body).toEqual({
        success: false,
        error: {
          code: 'POLICY_VIOLATION',
          message: 'This person is on the do-not-contact list',
          details: { rule: 'do_not_contact', dnc_entry_id: entry.id },
        },
      });
      const byEmail = await post(tenant, { email: 'BLOCKED@example.com', phone: '+1 212 555 0150' });
      expect(byEmail.status).toBe(422);
      expect(byEmail.body.error).toMatchObject({
        code: 'POLICY_VIOLATION',
        details: { rule: 'do_not_contact', dnc_entry_id: mailEntry.id },
      });
      expect(await tenantState(tenant.id)).toEqual(before);

      await addDnc(tenant, { phone: '+1 212 555 0177', channel: 'sms' });
      const smsOnly = await createLead(tenant, { phone: '+12125550177' });
      expect(smsOnly).toMatchObject({ do_not_call: false, opted_out_channels: ['sms'] });
    });
  });
});
