import {
  countRows,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestApi,
  TestTenant,
  uniqueSuffix,
  UUID_PATTERN,
  waitFor,
} from '@app/testing';
import { OutboundMessagesService } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

type Json = Record<string, unknown>;
type Lead = Json & { id: string };

/** The keys DESIGN §3 promises on every lead. */
const DESIGN_LEAD_KEYS = [
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
function leadShape(tenantId: string, fields: Json = {}): Json {
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

const SQL_STRING = "'; DROP TABLE leads; --";
const SCRIPT_STRING = '<script>alert(1)</script>';

describe('leads (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
  });

  const headersOf = (who: TestTenant | { headers: Record<string, string> }) =>
    'admin' in who ? who.admin.headers : who.headers;
  const post = (who: TestTenant | { headers: Record<string, string> }, body: unknown) =>
    api.http
      .post('/api/leads')
      .set(headersOf(who))
      .send(body as object);
  const getLead = (who: TestTenant | { headers: Record<string, string> }, id: string) =>
    api.http.get(`/api/leads/${id}`).set(headersOf(who));
  const patchLead = (who: TestTenant | { headers: Record<string, string> }, id: string, body: unknown) =>
    api.http
      .patch(`/api/leads/${id}`)
      .set(headersOf(who))
      .send(body as object);
  const putLead = (who: TestTenant | { headers: Record<string, string> }, id: string, body: unknown) =>
    api.http
      .put(`/api/leads/${id}`)
      .set(headersOf(who))
      .send(body as object);
  const list = (who: TestTenant | { headers: Record<string, string> }, query = '') =>
    api.http.get(`/api/leads${query ? `?${query}` : ''}`).set(headersOf(who));

  /** POST one lead, which must answer 201; answers its JSON. */
  async function createLead(
    who: TestTenant | { headers: Record<string, string> },
    body: Json,
  ): Promise<Lead> {
    const res = await post(who, body);
    if (res.status !== 201)
      throw new Error(`create lead answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Lead;
  }

  /** The ids a list answers, after checking its envelope and that meta.total counts them all. */
  async function listIds(who: TestTenant | { headers: Record<string, string> }, query = '') {
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
      leads: await db.query('SELECT * FROM leads WHERE tenant_id = $1 ORDER BY id', [tenantId]),
      identities: await db.query(
        'SELECT lead_id, channel, address FROM lead_identities WHERE tenant_id = $1 ORDER BY channel, address',
        [tenantId],
      ),
      dnc: await db.query(
        'SELECT phone_normalized, email, channel, reason FROM dnc_entries WHERE tenant_id = $1 ORDER BY id',
        [tenantId],
      ),
    };
  }
  const leadCount = (tenantId: string) => countRows(db, 'leads', 'tenant_id = $1', [tenantId]);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const setDefaultCountry = async (tenant: TestTenant, country: string | null) => {
    const res = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ default_country: country });
    expect(res.status).toBe(200);
    expect(res.body.data.default_country).toBe(country);
  };
  const addDnc = async (tenant: TestTenant, body: Json) => {
    const res = await api.http.post('/api/dnc').set(tenant.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data as Json & { id: string };
  };
  const conflictDetail = (field: string, leadId: string) => ({
    field,
    reason: `belongs to lead ${leadId}`,
    existing_lead_id: leadId,
  });

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
      const identities = await db.query(
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
      expect(await countRows(db, 'lead_identities', 'tenant_id = $1', [tenant.id])).toBe(0);
    });
  });

  describe('GET /api/leads', () => {
    it("lists the tenant's live leads newest first and pages with limit, offset or page", async () => {
      const tenant = await createTenant(api.http);
      const created: Lead[] = [];
      for (let i = 0; i < 5; i++) created.push(await createLead(tenant, { email: `p${i}@example.com` }));
      const newestFirst = created.map((l) => l.id).reverse();
      await createLead(await createTenant(api.http), { email: 'p0@example.com' });

      const all = await list(tenant);
      expect(all.status).toBe(200);
      expect(all.body).toEqual({
        success: true,
        data: [...created].reverse(),
        meta: { total: 5, limit: 50, offset: 0 },
      });
      const window = async (query: string) => {
        const res = await list(tenant, query);
        expect(res.status).toBe(200);
        return { ids: res.body.data.map((l: Lead) => l.id), meta: res.body.meta };
      };
      expect(await window('limit=2')).toEqual({
        ids: newestFirst.slice(0, 2),
        meta: { total: 5, limit: 2, offset: 0 },
      });
      expect(await window('limit=2&offset=3')).toEqual({
        ids: newestFirst.slice(3),
        meta: { total: 5, limit: 2, offset: 3 },
      });
      expect(await window('limit=2&page=2')).toEqual({
        ids: newestFirst.slice(2, 4),
        meta: { total: 5, limit: 2, offset: 2 },
      });
      expect(await window('offset=9')).toEqual({ ids: [], meta: { total: 5, limit: 50, offset: 9 } });
      for (const query of ['limit=0', 'limit=101', 'offset=-1', 'page=0', 'limit=x']) {
        expect((await list(tenant, query)).status).toBe(400);
      }
      expectValidation(await list(tenant, 'page=2&offset=1'), ['page']);
    });

    it('filters by status, source, tag, tags (all of), classification, score range, priority, created range, owner and archived', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const make = async (body: Json) => {
        const lead = await createLead(tenant, body);
        await sleep(15);
        return lead.id;
      };
      const l0 = await make({
        name: 'Ann',
        email: 'ann@example.com',
        source: 'website',
        tags: ['vip'],
        classification: 'interested',
        score: 10,
        priority: 'low',
        owner_id: manager.id,
      });
      const l1 = await make({
        name: 'Ben',
        email: 'ben@example.com',
        status: 'qualified',
        source: 'referral',
        tags: ['vip', 'q4'],
        classification: 'not_interested',
        score: 50,
        priority: 'high',
      });
      const l2 = await make({
        name: 'Cat',
        email: 'cat@example.com',
        status: 'qualified',
        source: 'website',
        tags: ['q4'],
        score: 90,
        priority: 'high',
        owner_id: manager.id,
      });
      const l3 = await make({
        name: 'Dan',
        email: 'dan@example.com',
        status: 'lost',
        tags: [],
        classification: 'interested',
        score: 50,
      });
      const l4 = await make({
        name: 'Eve',
        email: 'eve@example.com',
        status: 'qualified',
        source: 'website',
        tags: ['vip', 'q4'],
        score: 50,
      });
      expect((await api.http.delete(`/api/leads/${l4}`).set(tenant.admin.headers)).status).toBe(200);
      const at = async (id: string) => (await getLead(tenant, id)).body.data.created_at as string;
      const [t1, t2, t3] = [await at(l1), await at(l2), await at(l3)];

      const cases: [string, string[]][] = [
        ['', [l3, l2, l1, l0]],
        ['status=qualified', [l2, l1]],
        ['status=lost', [l3]],
        ['source=website', [l2, l0]],
        ['tag=vip', [l1, l0]],
        ['tags=vip', [l1, l0]],
        ['tags=vip,q4', [l1]],
        ['tags=q4&tag=vip', [l1]],
        ['tags=q4,nope', []],
        ['classification=interested', [l3, l0]],
        ['score_min=50', [l3, l2, l1]],
        ['score_max=50', [l3, l1, l0]],
        ['score_min=50&score_max=50', [l3, l1]],
        ['score_min=91', []],
        ['priority=high', [l2, l1]],
        ['priority=normal', [l3]],
        // Any case, as status and source are read.
        ['classification=Interested', [l3, l0]],
        ['priority=HIGH', [l2, l1]],
        [`created_from=${encodeURIComponent(t1)}`, [l3, l2, l1]],
        [`created_to=${encodeURIComponent(t2)}`, [l1, l0]],
        [`created_from=${encodeURIComponent(t1)}&created_to=${encodeURIComponent(t3)}`, [l2, l1]],
        [`owner_id=${manager.id}`, [l2, l0]],
        [`owner_id=${randomUUID()}`, []],
        ['archived=true', [l4]],
        ['archived=true&status=qualified&tags=vip,q4', [l4]],
        ['archived=true&status=new', []],
        ['archived=false', [l3, l2, l1, l0]],
        // true and false in any case, as the other boolean filters.
        ['archived=TRUE', [l4]],
        ['archived=False', [l3, l2, l1, l0]],
        ['status=qualified&tag=vip', [l1]],
        ['source=website&priority=high&owner_id=' + manager.id, [l2]],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await listIds(tenant, query)]);
      expect(answers).toEqual(cases);
    });

    it('filters by source whatever its case, as people and files write it', async () => {
      const tenant = await createTenant(api.http);
      const typed = await createLead(tenant, { email: 'typed@example.com', source: 'website' });
      const imported = await createLead(tenant, { email: 'imported@example.com', source: 'Website' });
      await createLead(tenant, { email: 'other@example.com', source: 'Website form' });
      expect(await listIds(tenant, 'source=website')).toEqual([imported.id, typed.id]);
      expect(await listIds(tenant, 'source=WEBSITE')).toEqual([imported.id, typed.id]);
      // Trimmed, as the stored source is; blank is no source.
      expect(await listIds(tenant, 'source=%20website%20')).toEqual([imported.id, typed.id]);
      expectValidation(await list(tenant, 'source=%20'), ['source']);
      expectValidation(await list(tenant, 'tag=%20'), ['tag']);
    });

    it('filters by tag whatever its case (VIP is vip), keeps each tag as written, and leaves the other filters as they were', async () => {
      const tenant = await createTenant(api.http);
      const lower = await createLead(tenant, {
        email: 'lower@example.com',
        tags: ['vip'],
        status: 'qualified',
      });
      const upper = await createLead(tenant, { email: 'upper@example.com', tags: ['VIP', 'Q4'] });
      const mixed = await createLead(tenant, { email: 'mixed@example.com', tags: ['Vip', 'q4'], score: 80 });
      const near = await createLead(tenant, {
        email: 'near@example.com',
        tags: ['vip club', 'vipper', 'q5'],
      });
      await createLead(tenant, { email: 'none@example.com' });
      const cases: [string, string[]][] = [
        ['tag=VIP', [mixed.id, upper.id, lower.id]],
        ['tag=vip', [mixed.id, upper.id, lower.id]],
        ['tags=Vip', [mixed.id, upper.id, lower.id]],
        ['tags=vip,q4', [mixed.id, upper.id]],
        ['tags=Q4&tag=vIP', [mixed.id, upper.id]],
        ['tag=VIP%20CLUB', [near.id]],
        // Trimmed, as the tags themselves are and as tags= is.
        ['tag=%20vip%20', [mixed.id, upper.id, lower.id]],
        ['tags=%20q4%20,vip', [mixed.id, upper.id]],
        ['tag=VIP&status=qualified', [lower.id]],
        ['tag=VIP&score_min=50', [mixed.id]],
        ['tags=vip,q5', []],
        ['tag=vi', []],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await listIds(tenant, query)]);
      expect(answers).toEqual(cases);
      // Stored and answered as written: the filter, not the write, folds the case.
      expect((await getLead(tenant, upper.id)).body.data.tags).toEqual(['VIP', 'Q4']);
      expect((await getLead(tenant, mixed.id)).body.data.tags).toEqual(['Vip', 'q4']);
    });

    it('keeps one of each tag whatever its case or spaces (its first spelling), on create, an array, PATCH and PUT', async () => {
      const tenant = await createTenant(api.http);
      const one = await createLead(tenant, {
        email: 'one@example.com',
        tags: ['VIP', ' vip', 'Vip ', 'q4', 'Q4'],
      });
      expect(one.tags).toEqual(['VIP', 'q4']);
      const many = await post(tenant, [{ email: 'many@example.com', tags: ['Hot', 'HOT', 'hot '] }]);
      expect(many.status).toBe(200);
      expect(many.body.data.leads[0].tags).toEqual(['Hot']);
      const patched = await patchLead(tenant, one.id, { tags: ['Webinar', 'webinar', 'VIP', 'vip'] });
      expect(patched.status).toBe(200);
      expect(patched.body.data.tags).toEqual(['Webinar', 'VIP']);
      const put = await putLead(tenant, one.id, { tags: ['a', 'A'] });
      expect(put.body.data.tags).toEqual(['a']);
      expect((await getLead(tenant, one.id)).body.data.tags).toEqual(['a']);
      const contact = await api.http
        .post('/api/contacts')
        .set(tenant.admin.headers)
        .send({ email: 'contact@example.com', tags: ['Lead', 'lead'] });
      expect(contact.body.data.tags).toEqual(['Lead']);
    });

    it("filters by status in any case, as GET campaigns does (seed 000's NEW); an unknown one is still a 400", async () => {
      const tenant = await createTenant(api.http);
      const fresh = await createLead(tenant, { email: 'new@example.com' });
      const won = await createLead(tenant, { email: 'won@example.com', status: 'qualified' });
      expect(await listIds(tenant, 'status=new')).toEqual([fresh.id]);
      expect(await listIds(tenant, 'status=NEW')).toEqual([fresh.id]);
      expect(await listIds(tenant, 'status=Qualified')).toEqual([won.id]);
      for (const query of ['status=BOGUS', 'status=New%20']) {
        const res = await list(tenant, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectValidation(res, ['status']);
      }
    });

    it('refuses unknown filter values with the field named', async () => {
      const tenant = await createTenant(api.http);
      await createLead(tenant, { email: 'x@example.com' });
      const cases: [string, string][] = [
        ['status=bogus', 'status'],
        ['priority=urgent', 'priority'],
        ['priority=URGENT', 'priority'],
        ['classification=Bogus', 'classification'],
        ['score_min=101', 'score_min'],
        ['score_max=-1', 'score_max'],
        ['score_min=ten', 'score_min'],
        ['score_min=60&score_max=40', 'score_max'],
        ['created_from=2026-02-01&created_to=2026-01-01', 'created_to'],
        ['created_from=yesterday', 'created_from'],
        ['created_to=2026-13-45', 'created_to'],
        // Impossible or bare-number dates: `new Date` read them as 2 March and as the year 2001.
        ['created_from=2026-02-30', 'created_from'],
        ['created_from=1', 'created_from'],
        ['owner_id=not-a-uuid', 'owner_id'],
        ['archived=maybe', 'archived'],
        ['archived=MAYBE', 'archived'],
        ['sort=email', 'sort'],
        ['order=sideways', 'order'],
        ['classification=hot', 'classification'],
        ['search=', 'search'],
        ['colour=blue', 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await list(tenant, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expectValidation(res, [field]);
      }
    });

    it('searches name, email, company and phone: every word must match, phone digits whatever the punctuation', async () => {
      const tenant = await createTenant(api.http);
      const jane = await createLead(tenant, {
        name: 'Jane Doe',
        email: 'jane.doe@acme.test',
        company: 'Acme Corp',
        phone: '+1 415 555 2671',
      });
      const john = await createLead(tenant, {
        name: 'John Smith',
        email: 'john@globex.test',
        company: 'Globex',
        phone: '+1 212 555 0100',
      });
      const maria = await createLead(tenant, {
        name: 'Maria Silva',
        email: 'maria@initech.test',
        company: 'Acme Labs',
        phone: '+351 912 345 678',
      });
      const liam = await createLead(tenant, {
        name: 'Liam Brown',
        email: 'liam@example.test',
        phone: '+44 7911 123456',
      });
      const other = await createTenant(api.http);
      await createLead(other, { name: 'Jane Doe', email: 'jane.doe@acme.test', phone: '+1 415 555 2671' });

      const cases: [string, string[]][] = [
        ['jane', [jane.id]],
        ['JANE', [jane.id]],
        ['doe', [jane.id]],
        ['acme', [maria.id, jane.id]],
        ['acme maria', [maria.id]],
        ['maria acme', [maria.id]],
        ['jane globex', []],
        ['globex.test', [john.id]],
        ['SMITH', [john.id]],
        ['acme corp', [jane.id]],
        ['(415) 555', [jane.id]],
        ['415-555-2671', [jane.id]],
        ['+14155552671', [jane.id]],
        ['555', [john.id, jane.id]],
        ['912 345', [maria.id]],
        ['john 212', [john.id]],
        // As written nationally, with its trunk 0.
        ['07911 123456', [liam.id]],
        ['07911-123456', [liam.id]],
        ['+447911123456', [liam.id]],
        ['%', []],
        ['_', []],
        [SQL_STRING, []],
      ];
      const answers = [];
      for (const [search] of cases) {
        answers.push([search, await listIds(tenant, `search=${encodeURIComponent(search)}`)]);
      }
      expect(answers).toEqual(cases);
      expect(await listIds(tenant, 'search=acme&limit=50')).toHaveLength(2);
      const paged = await list(tenant, 'search=acme&limit=1');
      expect(paged.body.meta).toEqual({ total: 2, limit: 1, offset: 0 });
      expect(paged.body.data.map((l: Lead) => l.id)).toEqual([maria.id]);
      expect(await leadCount(tenant.id)).toBe(4);
    });

    it('finds a lead by its number written in groups, as people write it and as its own phone shows it', async () => {
      const tenant = await createTenant(api.http);
      const london = await createLead(tenant, { phone: '+44 (0) 20 7946 0000' });
      const paris = await createLead(tenant, { phone: '+33 1 23 45 67 89' });
      const liam = await createLead(tenant, { name: 'Liam Brown', phone: '+44 7911 123456' });
      const cases: [string, string[]][] = [
        [london.phone as string, [london.id]],
        ['020 7946 0000', [london.id]],
        ['0044 20 7946 0000', [london.id]],
        ['01 23 45 67 89', [paris.id]],
        ['+33 (0)1 23 45 67 89', [paris.id]],
        ['+44 (0) 7911 123456', [liam.id]],
        ['+44(0)7911123456', [liam.id]],
        ['0044 7911 123456', [liam.id]],
        ['liam 07911', [liam.id]],
        ['liam 020', []],
        [' ', [liam.id, paris.id, london.id]],
      ];
      const answers = [];
      for (const [search] of cases) {
        answers.push([search, await listIds(tenant, `search=${encodeURIComponent(search)}`)]);
      }
      expect(answers).toEqual(cases);
    });

    it('sorts by score, name, company, value and created_at (camelCase too), with order and nulls last', async () => {
      const tenant = await createTenant(api.http);
      const s0 = await createLead(tenant, {
        name: 'Zoe Adams',
        email: 's0@example.com',
        company: 'Beta',
        score: 30,
        value: 100,
      });
      const s1 = await createLead(tenant, {
        name: 'Adam Young',
        email: 's1@example.com',
        company: 'Alpha',
        score: 70,
      });
      const s2 = await createLead(tenant, {
        name: 'Adam Baker',
        email: 's2@example.com',
        score: 50,
        value: 5000.5,
      });
      const s3 = await createLead(tenant, { email: 's3@example.com', company: 'Gamma', score: 0, value: 10 });
      const [a, b, c, d] = [s0.id, s1.id, s2.id, s3.id];
      const cases: [string, string[]][] = [
        ['', [d, c, b, a]],
        ['sort=score&order=asc', [d, a, c, b]],
        ['sort=score', [b, c, a, d]],
        ['sort=score&order=DESC', [b, c, a, d]],
        ['sort=name&order=asc', [c, b, a, d]],
        ['sort=name&order=desc', [a, b, c, d]],
        ['sort=company&order=asc', [b, a, d, c]],
        ['sort=value&order=desc', [c, a, d, b]],
        ['sort=value&order=asc', [d, a, c, b]],
        ['sort=createdAt&order=asc', [a, b, c, d]],
        ['sort=createdAt', [d, c, b, a]],
        ['sort=created_at&order=asc', [a, b, c, d]],
        ['sort=lastName&order=asc', [a, c, b, d]],
      ];
      const answers = [];
      for (const [query] of cases) answers.push([query, await listIds(tenant, query)]);
      expect(answers).toEqual(cases);
    });

    it('sorts names and companies alphabetically whatever their case', async () => {
      const tenant = await createTenant(api.http);
      const bob = await createLead(tenant, { name: 'Bob Young', email: 'bob@example.com', company: 'acme' });
      const alice = await createLead(tenant, {
        name: 'alice zed',
        email: 'alice@example.com',
        company: 'Zeta',
      });
      const carol = await createLead(tenant, {
        name: 'Carol Xu',
        email: 'carol@example.com',
        company: 'beta',
      });
      const alan = await createLead(tenant, {
        name: 'Alice Adams',
        email: 'alan@example.com',
        company: 'Abbott',
      });
      expect(await listIds(tenant, 'sort=name&order=asc')).toEqual([alan.id, alice.id, bob.id, carol.id]);
      expect(await listIds(tenant, 'sort=name&order=desc')).toEqual([carol.id, bob.id, alice.id, alan.id]);
      expect(await listIds(tenant, 'sort=last_name&order=asc')).toEqual([
        alan.id,
        carol.id,
        bob.id,
        alice.id,
      ]);
      expect(await listIds(tenant, 'sort=company&order=asc')).toEqual([alan.id, bob.id, carol.id, alice.id]);
    });

    it("accepts the alias table's camelCase query names (sortBy, sortOrder) like sort and order", async () => {
      const tenant = await createTenant(api.http);
      const low = await createLead(tenant, { email: 'low@example.com', score: 10 });
      const high = await createLead(tenant, { email: 'high@example.com', score: 90 });
      const mid = await createLead(tenant, { email: 'mid@example.com', score: 50 });
      expect(await listIds(tenant, 'sort=score&order=asc')).toEqual([low.id, mid.id, high.id]);
      expect(await listIds(tenant, 'sortBy=score&sortOrder=asc')).toEqual([low.id, mid.id, high.id]);
      expect(await listIds(tenant, 'sortBy=createdAt&sortOrder=desc')).toEqual([mid.id, high.id, low.id]);
    });
  });

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
        // A score a person sets is an override: the classifier leaves it alone (issue 7).
        score_overridden: true,
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
      const [row] = await db.query(`SELECT timezones FROM leads WHERE id = $1`, [lead.id]);
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
      const emails = await db.query('SELECT email FROM leads WHERE tenant_id = $1 ORDER BY email', [
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

  describe('DELETE /api/leads/:id', () => {
    it('archives: archived_at set, gone from the default list, listed with archived=true, its phone and email free again', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const lead = await createLead(tenant, {
        name: 'Gone Soon',
        phone: '+1 212 555 0101',
        email: 'gone@example.com',
      });
      const keep = await createLead(tenant, { email: 'keep@example.com' });
      const res = await api.http.delete(`/api/leads/${lead.id}`).set(manager.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          ...lead,
          archived_at: api.clock.now().toISOString(),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      expect(await listIds(tenant)).toEqual([keep.id]);
      expect(await listIds(tenant, 'archived=true')).toEqual([lead.id]);
      expect((await getLead(tenant, lead.id)).body.data.archived_at).toBe(api.clock.now().toISOString());
      expect(await countRows(db, 'leads', 'id = $1', [lead.id])).toBe(1);

      const again = await api.http.delete(`/api/leads/${lead.id}`).set(manager.headers);
      expect(again.status).toBe(200);
      expect(again.body.data.archived_at).toBe(res.body.data.archived_at);

      const reborn = await createLead(tenant, {
        name: 'Back Again',
        phone: '(212) 555-0101',
        country: 'US',
        email: 'GONE@example.com',
      });
      expect(reborn).toMatchObject({ phone_normalized: '+12125550101' });
      expect(await listIds(tenant)).toEqual([reborn.id, keep.id]);
    });

    it('erasure is admin only: a manager gets 403 and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const managerKey = await createApiKey(api.http, tenant, 'manager');
      const lead = await createLead(tenant, {
        name: 'Keep Me',
        phone: '+1 212 555 0101',
        email: 'keep@example.com',
      });
      const before = await tenantState(tenant.id);
      // erase is read in any case: TRUE asks for the erasure too.
      for (const headers of [manager.headers, { 'X-API-Key': managerKey.key }]) {
        for (const erase of ['true', 'TRUE']) {
          expectError(
            await api.http.delete(`/api/leads/${lead.id}?erase=${erase}`).set(headers),
            403,
            'AUTHORIZATION_FAILED',
            'Erasing a person needs the admin role',
          );
        }
      }
      expect(await tenantState(tenant.id)).toEqual(before);
      expect((await getLead(tenant, lead.id)).body.data).toEqual(lead);
    });

    it('erases the person: the lead is deleted, all-channel DNC entries (erasure) keep them from coming back, the activity has no personal data', async () => {
      const tenant = await createTenant(api.http);
      const email = `Erase.Me-${uniqueSuffix()}@Example.com`;
      const lead = await createLead(tenant, {
        name: 'Erin Erased',
        phone: '+1 (212) 555-0142',
        email,
        company: 'Forget Me Inc',
        notes: 'Asked to be forgotten',
      });
      // What they were sent: a text with media and a template with their name in its variables.
      const outbound = api.app.get(OutboundMessagesService);
      await outbound.send(tenant.id, {
        lead_id: lead.id,
        channel: 'sms',
        body: 'Erin, your results are ready',
        media_urls: ['https://cdn.example.com/erin-results.pdf'],
        sender: 'agent',
      });
      await outbound.send(tenant.id, {
        lead_id: lead.id,
        channel: 'whatsapp',
        template: { name: 'results_ready', language: 'en', variables: { '1': 'Erin' } },
        sender: 'system',
      });
      const res = await api.http.delete(`/api/leads/${lead.id}?erase=true`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: { id: lead.id, erased: true, dnc_entries: 2 } });

      // Their messages stay as counts: no lead, no content, subject, media or template variables.
      const kept: Record<string, unknown>[] = await db.query(
        `SELECT channel, lead_id, content, subject, media_urls, template FROM messages WHERE tenant_id = $1
          ORDER BY channel`,
        [tenant.id],
      );
      expect(kept).toEqual([
        { channel: 'sms', lead_id: null, content: null, subject: null, media_urls: [], template: null },
        {
          channel: 'whatsapp',
          lead_id: null,
          content: null,
          subject: null,
          media_urls: [],
          template: { name: 'results_ready', language: 'en', variables: {} },
        },
      ]);
      expect(await countRows(db, 'conversations', 'tenant_id = $1 AND lead_id IS NULL', [tenant.id])).toBe(2);
      const inbox = await api.http.get('/api/conversations').set(tenant.admin.headers);
      expect(inbox.status).toBe(200);
      expect(inbox.body.meta.total).toBe(0);

      expectError(await getLead(tenant, lead.id), 404, 'NOT_FOUND', 'Lead not found');
      expect(await countRows(db, 'leads', 'id = $1', [lead.id])).toBe(0);
      expect(await countRows(db, 'lead_identities', 'lead_id = $1', [lead.id])).toBe(0);
      expect(await listIds(tenant)).toEqual([]);
      expect(await listIds(tenant, 'archived=true')).toEqual([]);

      const dnc = await api.http.get('/api/dnc').set(tenant.admin.headers);
      expect(dnc.status).toBe(200);
      const entry = {
        id: expect.stringMatching(UUID_PATTERN),
        channel: 'all',
        reason: 'erasure',
        created_by_id: tenant.admin.id,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
      };
      expect(dnc.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
      expect(dnc.body.data).toEqual(
        expect.arrayContaining([
          { ...entry, phone: '+12125550142', email: null },
          { ...entry, phone: null, email: email.toLowerCase() },
        ]),
      );

      const before = await tenantState(tenant.id);
      for (const body of [
        { name: 'Erin Again', phone: '212.555.0142', country: 'US' },
        { name: 'Erin Again', email: email.toUpperCase() },
        { phone: '+12125550142', email: 'new-address@example.com' },
      ]) {
        const again = await post(tenant, body);
        expect({ body, status: again.status, code: again.body.error?.code }).toEqual({
          body,
          status: 422,
          code: 'POLICY_VIOLATION',
        });
        expect(again.body.error.details).toMatchObject({ rule: 'do_not_contact' });
      }
      const batch = await post(tenant, [{ email }]);
      expect(batch.body.data).toMatchObject({
        created: 0,
        failed: 1,
        errors: [{ index: 0, code: 'POLICY_VIOLATION' }],
      });
      expect(await tenantState(tenant.id)).toEqual(before);

      const erased = await api.http.get('/api/system/activity?type=lead.erased').set(tenant.admin.headers);
      expect(erased.status).toBe(200);
      expect(erased.body.data).toEqual([
        {
          id: expect.any(String),
          type: 'lead.erased',
          description: expect.any(String),
          status: 'success',
          timestamp: expect.stringMatching(ISO_TIMESTAMP),
          actor_user_id: tenant.admin.id,
          actor_api_key_id: null,
          data: { lead_id: lead.id },
        },
      ]);
      const activity = await api.http.get('/api/system/activity?limit=100').set(tenant.admin.headers);
      const feed = JSON.stringify(activity.body).toLowerCase();
      for (const personal of [
        email.toLowerCase(),
        '+12125550142',
        '555-0142',
        '5550142',
        'erin',
        'forget me',
        'forgotten',
      ]) {
        expect(feed).not.toContain(personal);
      }

      expectError(
        await api.http.delete(`/api/leads/${lead.id}?erase=true`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
    });

    it('erases an archived lead too, and an admin API key may erase', async () => {
      const tenant = await createTenant(api.http);
      const adminKey = await createApiKey(api.http, tenant, 'admin');
      const lead = await createLead(tenant, { phone: '+1 212 555 0143', email: 'arch@example.com' });
      expect((await api.http.delete(`/api/leads/${lead.id}`).set(tenant.admin.headers)).status).toBe(200);
      const res = await api.http.delete(`/api/leads/${lead.id}?erase=true`).set('X-API-Key', adminKey.key);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ id: lead.id, erased: true, dnc_entries: 2 });
      expect(await countRows(db, 'leads', 'id = $1', [lead.id])).toBe(0);
      expect(
        await countRows(db, 'dnc_entries', "tenant_id = $1 AND reason = 'erasure' AND channel = 'all'", [
          tenant.id,
        ]),
      ).toBe(2);
      expect((await post(tenant, { email: 'arch@example.com' })).status).toBe(422);
    });

    it('erasing an archived lead lists the same addresses as erasing it live: its WhatsApp number too', async () => {
      /** A lead whose inbound chats recorded a WhatsApp number other than its phone, and a Telegram chat. */
      const chatty = async (tenant: TestTenant) => {
        const lead = await createLead(tenant, { phone: '+1 212 555 0144', email: 'chatty@example.com' });
        await db.query(
          `INSERT INTO lead_identities (tenant_id, lead_id, channel, address)
           VALUES ($1, $2, 'whatsapp', '+12125550145'), ($1, $2, 'telegram', '700100400')`,
          [tenant.id, lead.id],
        );
        return lead;
      };
      const erase = async (tenant: TestTenant, leadId: string) => {
        const res = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
        expect(res.status).toBe(200);
        return res.body.data;
      };
      const entries = (tenantId: string) =>
        db.query(
          `SELECT phone_normalized, email, channel, reason FROM dnc_entries WHERE tenant_id = $1
            ORDER BY phone_normalized, email`,
          [tenantId],
        );
      const live = await createTenant(api.http);
      const liveLead = await chatty(live);
      expect(await erase(live, liveLead.id)).toEqual({ id: liveLead.id, erased: true, dnc_entries: 3 });

      const archived = await createTenant(api.http);
      const archivedLead = await chatty(archived);
      expect(
        (await api.http.delete(`/api/leads/${archivedLead.id}`).set(archived.admin.headers)).status,
      ).toBe(200);
      // Archiving still frees every address, the chats' included.
      expect(await countRows(db, 'lead_identities', 'tenant_id = $1', [archived.id])).toBe(0);
      expect(await erase(archived, archivedLead.id)).toEqual({
        id: archivedLead.id,
        erased: true,
        dnc_entries: 3,
      });

      const expected = [
        { phone_normalized: '+12125550144', email: null, channel: 'all', reason: 'erasure' },
        { phone_normalized: '+12125550145', email: null, channel: 'all', reason: 'erasure' },
        { phone_normalized: null, email: 'chatty@example.com', channel: 'all', reason: 'erasure' },
      ];
      expect(await entries(live.id)).toEqual(expected);
      expect(await entries(archived.id)).toEqual(expected);
      expect(await countRows(db, 'leads', 'id = $1', [archivedLead.id])).toBe(0);
    });

    it('refuses an erase value that is not a boolean, changing nothing', async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { email: 'stay@example.com' });
      const before = await tenantState(tenant.id);
      for (const erase of ['yes', 'YES', 'maybe'])
        expectValidation(
          await api.http.delete(`/api/leads/${lead.id}?erase=${erase}`).set(tenant.admin.headers),
          ['erase'],
        );
      expect(await tenantState(tenant.id)).toEqual(before);
    });
  });

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
      expect(await countRows(db, 'dnc_entries', 'tenant_id = $1', [b.id])).toBe(0);

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

  describe('bad input', () => {
    it('stores SQL-looking and script-looking strings verbatim and returns the same JSON strings', async () => {
      const tenant = await createTenant(api.http);
      const body = {
        first_name: SQL_STRING,
        last_name: SCRIPT_STRING,
        email: 'weird@example.com',
        company: `${SCRIPT_STRING} & "quotes" \\ back`,
        position: "Robert'); DROP TABLE students;--",
        notes: `${SQL_STRING}\n${SCRIPT_STRING}`,
        source: '<img src=x onerror=alert(1)>',
        tags: [SCRIPT_STRING, SQL_STRING],
        custom_fields: { [SCRIPT_STRING]: SQL_STRING, html: '</script><script>x()</script>' },
      };
      const res = await post(tenant, body);
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.data).toMatchObject({ ...body, name: `${SQL_STRING} ${SCRIPT_STRING}` });
      for (const value of [SQL_STRING, SCRIPT_STRING, body.company, body.notes]) {
        expect(res.text).toContain(JSON.stringify(value).slice(1, -1));
      }
      const got = await getLead(tenant, res.body.data.id);
      expect(got.body.data).toEqual(res.body.data);
      const [row] = await db.query(
        'SELECT first_name, last_name, company, notes, tags, custom_fields FROM leads WHERE id = $1',
        [res.body.data.id],
      );
      expect(row).toEqual({
        first_name: SQL_STRING,
        last_name: SCRIPT_STRING,
        company: body.company,
        notes: body.notes,
        tags: body.tags,
        custom_fields: body.custom_fields,
      });
      expect(await listIds(tenant, `search=${encodeURIComponent("'; drop")}`)).toEqual([res.body.data.id]);
      expect(await listIds(tenant, `search=${encodeURIComponent('<script>')}`)).toEqual([res.body.data.id]);
      expect(await listIds(tenant, `tag=${encodeURIComponent(SCRIPT_STRING)}`)).toEqual([res.body.data.id]);
      expect(await countRows(db, 'leads', 'tenant_id = $1', [tenant.id])).toBe(1);
    });

    it('answers 400 (never 500) to a NUL byte in any string and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: Json[] = [
        { email: 'nul1@example.com', first_name: 'Ja\u0000ne' },
        { email: 'nul2@example.com', notes: 'line\u0000end' },
        { email: 'nul3@example.com', company: '\u0000' },
        { email: 'nul4@example.com', tags: ['a\u0000b'] },
        { email: 'nul5@example.com', custom_fields: { key: 'v\u0000' } },
        { email: 'nul6@example.com', custom_fields: { 'k\u0000': 'v' } },
        { email: 'nul7@example.com', source: 'web\u0000' },
        { email: 'nul\u00008@example.com' },
        { phone: '+1415555\u00002671' },
      ];
      const answers = [];
      for (const body of cases) {
        const res = await post(tenant, body);
        answers.push({ body, status: res.status, code: res.body.error?.code });
      }
      expect(answers).toEqual(cases.map((body) => ({ body, status: 400, code: 'VALIDATION_ERROR' })));
      expect(await leadCount(tenant.id)).toBe(0);
      expect(await countRows(db, 'lead_identities', 'tenant_id = $1', [tenant.id])).toBe(0);

      const lead = await createLead(tenant, { email: 'clean@example.com' });
      const before = await tenantState(tenant.id);
      const patched = await patchLead(tenant, lead.id, { notes: 'x\u0000y' });
      expect({ status: patched.status, code: patched.body.error?.code }).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('reports a NUL byte in one item of an array by its index and still creates the others', async () => {
      const tenant = await createTenant(api.http);
      const res = await post(tenant, [
        { email: 'first@example.com' },
        { email: 'second@example.com', notes: 'bad\u0000note' },
        { email: 'third@example.com' },
      ]);
      const landed = (
        await db.query('SELECT email FROM leads WHERE tenant_id = $1 ORDER BY email', [tenant.id])
      ).map((r: { email: string }) => r.email);
      expect({ status: res.status, body: res.body, landed }).toEqual({
        landed: ['first@example.com', 'third@example.com'],
        status: 200,
        body: {
          success: true,
          data: {
            total: 3,
            created: 2,
            failed: 1,
            leads: [
              leadShape(tenant.id, { email: 'first@example.com' }),
              leadShape(tenant.id, { email: 'third@example.com' }),
            ],
            errors: [
              expect.objectContaining({ index: 1, code: 'VALIDATION_ERROR', message: expect.any(String) }),
            ],
          },
        },
      });
      expect(await listIds(tenant)).toHaveLength(2);
    });

    it('refuses out-of-range values with the field named and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [Json, string[]][] = [
        [{ value: 10.555 }, ['value']],
        [{ value: '100' }, ['value']],
        [{ score: 101 }, ['score']],
        [{ score: -1 }, ['score']],
        [{ score: 50.5 }, ['score']],
        [{ tags: Array.from({ length: 60 }, (_, i) => `tag${i}`) }, ['tags']],
        [{ tags: ['x'.repeat(51)] }, ['tags']],
        [{ tags: [1, 2] }, ['tags']],
        [{ custom_fields: { blob: 'x'.repeat(17_000) } }, ['custom_fields']],
        // 9,000 characters, but 18,000 bytes of UTF-8: the limit is 16 KB, not 16,000 characters.
        [{ custom_fields: { blob: 'é'.repeat(9_000) } }, ['custom_fields']],
        [{ custom_fields: 'text' }, ['custom_fields']],
        [{ name: 'x'.repeat(202) }, ['name']],
        // Split into a first name of 150 characters, or a last name of 101: more than their columns hold.
        [{ name: `${'x'.repeat(150)} ${'y'.repeat(50)}` }, ['name']],
        [{ name: `x ${'y'.repeat(101)}` }, ['name']],
        [{ first_name: 'x'.repeat(101) }, ['first_name']],
        [{ notes: 'x'.repeat(10_001) }, ['notes']],
        [{ email: 'not-an-email' }, ['email']],
        [{ status: 'won' }, ['status']],
        [{ priority: 'urgent' }, ['priority']],
        [{ timezone: 'Mars/Olympus' }, ['timezone']],
        [{ country: 'USA' }, ['country']],
        [{ favourite_colour: 'blue' }, ['favourite_colour']],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await post(tenant, { email: `ok-${uniqueSuffix()}@example.com`, ...body });
        answers.push({
          body: Object.keys(body),
          status: res.status,
          code: res.body.error?.code,
          fields: [...new Set((res.body.error?.details ?? []).map((d: { field: string }) => d.field))],
        });
      }
      expect(answers).toEqual(
        cases.map(([body, fields]) => ({
          body: Object.keys(body),
          status: 400,
          code: 'VALIDATION_ERROR',
          fields,
        })),
      );
      expect(await leadCount(tenant.id)).toBe(0);

      // The limits themselves are accepted.
      const edge = await createLead(tenant, {
        email: 'edge@example.com',
        value: 1234.56,
        score: 100,
        tags: Array.from({ length: 50 }, (_, i) => `tag${i}`),
        custom_fields: { blob: 'x'.repeat(16_000) },
      });
      expect(edge).toMatchObject({ value: 1234.56, score: 100 });
      expect(edge.tags).toHaveLength(50);
    });

    it('refuses a name too long to split into first and last name with the name field on PATCH, PUT, an array and contacts', async () => {
      const tenant = await createTenant(api.http);
      const lead = await createLead(tenant, { name: 'Ann Lee', email: 'ann@example.com' });
      const before = await tenantState(tenant.id);
      const name = `${'x'.repeat(150)} ${'y'.repeat(50)}`;
      expectValidation(await patchLead(tenant, lead.id, { name }), ['name']);
      expectValidation(await putLead(tenant, lead.id, { name }), ['name']);
      expectValidation(
        await api.http.post('/api/contacts').set(tenant.admin.headers).send({ email: 'c@example.com', name }),
        ['name'],
      );
      const array = await post(tenant, [{ email: 'a@example.com', name }]);
      expect(array.status).toBe(200);
      expect(array.body.data).toMatchObject({ created: 0, failed: 1 });
      expect(array.body.data.errors).toEqual([
        {
          index: 0,
          code: 'VALIDATION_ERROR',
          message: expect.any(String),
          details: [{ field: 'name', reason: expect.stringContaining('100 characters') }],
        },
      ]);
      expect(await tenantState(tenant.id)).toEqual(before);
    });

    it('refuses a body that is not a lead (malformed JSON, a string, a number) with 400', async () => {
      const tenant = await createTenant(api.http);
      const malformed = await api.http
        .post('/api/leads')
        .set(tenant.admin.headers)
        .set('Content-Type', 'application/json')
        .send('{"email": "x@example.com"');
      expectError(malformed, 400, 'VALIDATION_ERROR', 'Malformed JSON body');
      for (const raw of ['"just a string"', '42', 'null', 'true']) {
        const res = await api.http
          .post('/api/leads')
          .set(tenant.admin.headers)
          .set('Content-Type', 'application/json')
          .send(raw);
        expect({ raw, status: res.status, code: res.body.error?.code }).toEqual({
          raw,
          status: 400,
          code: 'VALIDATION_ERROR',
        });
      }
      expect(await leadCount(tenant.id)).toBe(0);
    });
  });

  describe('lead.created live event', () => {
    function connect(token: string): Promise<Socket> {
      const socket = io(api.url, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }
    function collect(socket: Socket): unknown[] {
      const seen: unknown[] = [];
      socket.on('lead.created', (payload: unknown) => seen.push(payload));
      return seen;
    }

    it("reaches the tenant's sockets once per create (count 1, then 3 for an array) and no other tenant", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const [socketA, socketB] = [await connect(a.admin.token), await connect(b.admin.token)];
      const [seenA, seenB] = [collect(socketA), collect(socketB)];
      await sleep(100);

      const one = await createLead(a, {
        name: 'Live One',
        email: 'one@live.test',
        phone: '+1 212 555 0101',
        source: 'web',
      });
      const batch = await post(a, [
        { name: 'Live Two', email: 'two@live.test' },
        { firstName: 'Live', lastName: 'Three', phone: '(212) 555-0103', country: 'US' },
        { email: 'one@live.test' },
        { name: 'Live Four', phone: '+351 912 345 678', source: 'import' },
      ]);
      expect(batch.status).toBe(200);
      expect(batch.body.data).toMatchObject({ created: 3, failed: 1 });
      await waitFor(() => (seenA.length >= 2 ? true : undefined), 5000, 'two lead.created events for A');

      const summary = (l: Lead) => ({
        id: l.id,
        name: l.name,
        email: l.email,
        phone: l.phone_normalized,
        source: l.source,
      });
      expect(seenA).toEqual([
        { count: 1, leads: [summary(one)], timestamp: api.clock.now().toISOString() },
        {
          count: 3,
          leads: (batch.body.data.leads as Lead[]).map(summary),
          timestamp: api.clock.now().toISOString(),
        },
      ]);
      expect(seenA[0]).toEqual({
        count: 1,
        leads: [
          { id: one.id, name: 'Live One', email: 'one@live.test', phone: '+12125550101', source: 'web' },
        ],
        timestamp: expect.stringMatching(ISO_TIMESTAMP),
      });

      // B's socket works: its own lead reaches it, while none of A's ever did.
      const own = await createLead(b, { name: 'Bee', email: 'bee@b.test' });
      await waitFor(() => (seenB.length >= 1 ? true : undefined), 5000, 'a lead.created event for B');
      expect(seenB).toEqual([
        { count: 1, leads: [summary(own)], timestamp: expect.stringMatching(ISO_TIMESTAMP) },
      ]);
      await sleep(100);
      expect(seenA).toHaveLength(2);

      // A refused create raises nothing.
      expect((await post(a, { email: 'one@live.test' })).status).toBe(409);
      await sleep(200);
      expect(seenA).toHaveLength(2);
      expect(seenB).toHaveLength(1);
    });

    it("is followed by metrics.update with the tenant's leads created today (seed 004), its own tenant's only", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const [socketA, socketB] = [await connect(a.admin.token), await connect(b.admin.token)];
      const metrics = (socket: Socket) => {
        const seen: unknown[] = [];
        socket.on('metrics.update', (payload: unknown) => seen.push(payload));
        return seen;
      };
      const [seenA, seenB] = [metrics(socketA), metrics(socketB)];
      await sleep(100);
      await createLead(a, { name: 'Metric One', email: 'm1@live.test' });
      await post(a, [{ email: 'm2@live.test' }, { email: 'm3@live.test' }]);
      await waitFor(() => (seenA.length >= 2 ? true : undefined), 5000, 'two metrics.update events for A');
      const timestamp = api.clock.now().toISOString();
      expect(seenA).toEqual([
        { metric: 'leads_today', value: 1, change: '+1', change_type: 'increase', timestamp },
        { metric: 'leads_today', value: 3, change: '+2', change_type: 'increase', timestamp },
      ]);
      await sleep(100);
      expect(seenB).toEqual([]);
    });
  });
});
