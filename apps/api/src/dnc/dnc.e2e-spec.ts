import {
  applyLeadReply,
  bearer,
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
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/**
 * The do-not-contact list (issue 3 item 4, DESIGN §3 key shapes and §7.1): entries by phone (E.164) or email
 * (lower-case), for one channel or all; a lead's do_not_call and opted_out_channels are a projection of the
 * entries that match its phone or email.
 */

type Headers = Record<string, string>;

interface DncJson {
  id: string;
  phone: string | null;
  email: string | null;
  channel: string;
  reason: string;
  created_by_id: string | null;
  created_at: string;
}

const PHONE_US = '+14155552671';
const PHONE_US_2 = '+14155552672';
const PHONE_PT = '+351912345678';

describe('do-not-contact (e2e)', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const countEntries = (tenant: TestTenant) => countRows(db, 'dnc_entries', 'tenant_id = $1', [tenant.id]);
  const countLeads = (tenant: TestTenant) => countRows(db, 'leads', 'tenant_id = $1', [tenant.id]);

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

  const clean = { do_not_call: false, opted_out_channels: [] };

  async function activity(tenant: TestTenant, type: string) {
    const res = await api.http.get(`/api/system/activity?type=${type}`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Record<string, unknown>[];
  }

  describe('POST /api/dnc', () => {
    it('adds a phone written in any format as E.164, using the tenant default country for national forms', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');

      const res = await addDnc(tenant.admin.headers, { phone: '(415) 555-2671' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          phone: PHONE_US,
          email: null,
          channel: 'all',
          reason: 'manual',
          created_by_id: tenant.admin.id,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          created: true,
          taken_over: false,
          leads_flagged: 0,
        },
      });
      const { created: _c, taken_over: _t, leads_flagged: _l, ...entry } = res.body.data;

      // Every spelling of the same number is the same entry: 200, created false, no second row.
      for (const phone of [
        '+1 415 555 2671',
        '415.555.2671',
        '1-415-555-2671',
        '001 415 555 2671',
        PHONE_US,
      ]) {
        const again = await addDnc(tenant.admin.headers, { phone });
        expect({ phone, status: again.status, body: again.body }).toEqual({
          phone,
          status: 200,
          body: { success: true, data: { ...entry, created: false, taken_over: false, leads_flagged: 0 } },
        });
      }
      expect(await countEntries(tenant)).toBe(1);
      expect(await listDnc(tenant.admin.headers)).toEqual({
        success: true,
        data: [entry],
        meta: { total: 1, limit: 50, offset: 0 },
      });

      // The default country is read at the time of the request.
      await setCountry(tenant, 'PT');
      const pt = await addDnc(tenant.admin.headers, { phone: '912 345 678' });
      expect(pt.status).toBe(201);
      expect(pt.body.data).toMatchObject({ phone: PHONE_PT, email: null, created: true });
      const intl = await addDnc(tenant.admin.headers, { phone: '00351 912 345 678' });
      expect(intl.status).toBe(200);
      expect(intl.body.data).toMatchObject({ id: pt.body.data.id, phone: PHONE_PT, created: false });
      expect(await countEntries(tenant)).toBe(2);
    });

    it('refuses a national number when no country is known (400 on phone) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      const got = await api.http.get('/api/tenant').set(tenant.admin.headers);
      expect(got.body.data.default_country).toBeNull();

      for (const body of [
        { phone: '(415) 555-2671' },
        { phone: '912345678', channel: 'sms' },
        { phone: '415 555 2671', email: `n-${uniqueSuffix()}@example.test` },
      ]) {
        const res = await addDnc(tenant.admin.headers, body);
        expectValidation(res, ['phone']);
        expect(res.body.error.details).toEqual([{ field: 'phone', reason: expect.any(String) }]);
        // Worded as every refused input is (DESIGN §3), though the service, not the body's validation, refused it.
        expect(res.body.error.message).toBe(
          'Invalid input: phone is not in international format and no country was given',
        );
      }
      // An international number needs no country.
      expect((await addDnc(tenant.admin.headers, { phone: '+1 (415) 555-2671' })).status).toBe(201);
      expect((await listDnc(tenant.admin.headers)).data.map((e) => [e.phone, e.email])).toEqual([
        [PHONE_US, null],
      ]);
      expect(await countEntries(tenant)).toBe(1);
    });

    it('reads a national number in the default_country sent (any case), else the tenant default', async () => {
      const tenant = await createTenant(api.http);
      const us = await addDnc(tenant.admin.headers, { phone: '(415) 555-2671', default_country: 'us' });
      expect(us.status).toBe(201);
      expect(us.body.data).toMatchObject({ phone: PHONE_US, created: true });
      // The one sent wins over the tenant's; without one, the tenant's reads it.
      await setCountry(tenant, 'US');
      const pt = await addDnc(tenant.admin.headers, { phone: '912 345 678', default_country: 'PT' });
      expect(pt.status).toBe(201);
      expect(pt.body.data).toMatchObject({ phone: PHONE_PT, created: true });
      const fallback = await addDnc(tenant.admin.headers, { phone: '415 555 2672' });
      expect(fallback.body.data).toMatchObject({ phone: PHONE_US_2, created: true });
      // An international number is read as written, whatever the country.
      const intl = await addDnc(tenant.admin.headers, { phone: PHONE_PT, default_country: 'US' });
      expect(intl.body.data).toMatchObject({ id: pt.body.data.id, created: false });
      expect(await countEntries(tenant)).toBe(3);
    });

    it('refuses a default_country that is no ISO 3166-1 alpha-2 country (400) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      for (const country of ['USA', 'XX', 'u', '', 42, 'AQ']) {
        const res = await addDnc(tenant.admin.headers, { phone: '(415) 555-2671', default_country: country });
        expectValidation(res, ['default_country']);
        // Refused by the body's validation or by the service (AQ: a code, but no phone numbers), worded alike.
        expect(res.body.error.message).toMatch(/^Invalid input: default_country /);
      }
      expect(await countEntries(tenant)).toBe(0);
    });

    it('refuses phones that are not numbers (letters, impossible, not a string) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      for (const phone of [
        'call me maybe',
        '+1 123',
        '+999 1234 5678',
        '12',
        4155552671,
        ['+14155552671'],
        {},
      ]) {
        const res = await addDnc(tenant.admin.headers, { phone });
        expect({
          phone,
          status: res.status,
          fields: res.body.error?.details?.map((d: { field: string }) => d.field),
        }).toEqual({
          phone,
          status: 400,
          fields: ['phone'],
        });
        expect(res.body.error.code).toBe('VALIDATION_ERROR');
      }
      expect(await countEntries(tenant)).toBe(0);
    });

    it('stores an email lower-case; the same email in any case and channel is the same entry', async () => {
      const tenant = await createTenant(api.http);
      const local = `Jane.Doe-${uniqueSuffix()}`;
      const res = await addDnc(tenant.admin.headers, {
        email: `${local}@Example.COM`,
        channel: 'email',
        reason: 'complaint',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          phone: null,
          email: `${local.toLowerCase()}@example.com`,
          channel: 'email',
          reason: 'complaint',
          created_by_id: tenant.admin.id,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          created: true,
          taken_over: false,
          leads_flagged: 0,
        },
      });

      const again = await addDnc(tenant.admin.headers, {
        email: `${local.toUpperCase()}@EXAMPLE.com`,
        channel: 'email',
        reason: 'manual',
      });
      expect(again.status).toBe(200);
      // The entry already there is answered as it is (its first reason stays).
      expect(again.body).toEqual({
        success: true,
        data: { ...res.body.data, created: false, leads_flagged: 0 },
      });
      expect(await countEntries(tenant)).toBe(1);

      // Another channel for the same address is another entry.
      const sms = await addDnc(tenant.admin.headers, { email: `${local}@example.com`, channel: 'sms' });
      expect(sms.status).toBe(201);
      expect(sms.body.data).toMatchObject({
        email: `${local.toLowerCase()}@example.com`,
        channel: 'sms',
        reason: 'manual',
        created: true,
      });
      expect(sms.body.data.id).not.toBe(res.body.data.id);
      expect(await countEntries(tenant)).toBe(2);
    });

    it('takes an email with spaces around it, as POST /api/leads does, and flags the lead with that email', async () => {
      const tenant = await createTenant(api.http);
      const email = `spaced-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { email: ` ${email} ` });
      expect(lead.email).toBe(email);
      const res = await addDnc(tenant.admin.headers, { email: `  ${email.toUpperCase()} ` });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ email, channel: 'all', created: true, leads_flagged: 1 });
      expect(await flags(tenant, lead.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
    });

    it('takes a phone and an email together in one entry, and both are then blocked', async () => {
      const tenant = await createTenant(api.http);
      const email = `both-${uniqueSuffix()}@example.test`;
      const res = await addDnc(tenant.admin.headers, {
        phone: '+351 912 345 678',
        email: email.toUpperCase(),
        reason: 'stop_keyword',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toEqual({
        id: expect.stringMatching(UUID_PATTERN),
        phone: PHONE_PT,
        email,
        channel: 'all',
        reason: 'stop_keyword',
        created_by_id: tenant.admin.id,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        created: true,
        taken_over: false,
        leads_flagged: 0,
      });
      const again = await addDnc(tenant.admin.headers, { phone: PHONE_PT, email });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: res.body.data.id, created: false });
      expect(await countEntries(tenant)).toBe(1);

      for (const lead of [{ phone: '00351912345678' }, { email }]) {
        const refused = await api.http.post('/api/leads').set(tenant.admin.headers).send(lead);
        expect({ status: refused.status, body: refused.body }).toEqual({
          status: 422,
          body: {
            success: false,
            error: {
              code: 'POLICY_VIOLATION',
              message: expect.any(String),
              details: { rule: 'do_not_contact', dnc_entry_id: res.body.data.id },
            },
          },
        });
      }
      expect(await countLeads(tenant)).toBe(0);
    });

    it('a phone already listed with a new email puts the new email on the list too', async () => {
      const tenant = await createTenant(api.http);
      const newEmail = `fresh-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { email: newEmail });
      const first = await added(tenant.admin.headers, { phone: PHONE_US });

      const res = await addDnc(tenant.admin.headers, { phone: PHONE_US, email: newEmail });
      const found = await listDnc(tenant.admin.headers, `search=${encodeURIComponent(newEmail)}`);
      // The lead with that email is now flagged, the email is findable on the list, the phone entry stays.
      expect({
        status: [200, 201].includes(res.status) ? '200 or 201' : res.status,
        leads_flagged: res.body.data?.leads_flagged,
        lead: await flags(tenant, lead.id),
        listed: found.data.map((e) => e.email),
        first_kept: (await ids(tenant.admin.headers)).includes(first.id),
      }).toEqual({
        status: '200 or 201',
        leads_flagged: 1,
        lead: { do_not_call: true, opted_out_channels: [] },
        listed: [newEmail],
        first_kept: true,
      });
    });

    it('an email already listed with a new phone puts the new phone on the list too (never a 500)', async () => {
      const tenant = await createTenant(api.http);
      const email = `known-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { phone: PHONE_US });
      const first = await added(tenant.admin.headers, { email, channel: 'sms' });

      const res = await addDnc(tenant.admin.headers, { phone: PHONE_US, email, channel: 'sms' });
      const found = await listDnc(tenant.admin.headers, 'search=4155552671');
      expect({
        status: [200, 201].includes(res.status) ? '200 or 201' : res.status,
        success: res.body.success,
        leads_flagged: res.body.data?.leads_flagged,
        lead: await flags(tenant, lead.id),
        listed: found.data.map((e) => [e.phone, e.channel]),
        first_kept: (await ids(tenant.admin.headers)).includes(first.id),
      }).toEqual({
        status: '200 or 201',
        success: true,
        leads_flagged: 1,
        lead: { do_not_call: false, opted_out_channels: ['sms'] },
        listed: [[PHONE_US, 'sms']],
        first_kept: true,
      });
    });

    it('the same entry added at the same moment is created once; the others answer created false', async () => {
      const tenant = await createTenant(api.http);
      const lead = await postLead(tenant, { phone: PHONE_US });
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => addDnc(tenant.admin.headers, { phone: '+1 415 555 2671' })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((r) => r.body.data.id)).size).toBe(1);
      expect(answers.filter((r) => r.body.data.created)).toHaveLength(1);
      expect(await countEntries(tenant)).toBe(1);
      expect(await flags(tenant, lead.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      expect(await activity(tenant, 'dnc.added')).toHaveLength(1);
    });

    it('a phone and email added while another request lists the phone alone: the email goes on the list too', async () => {
      const tenant = await createTenant(api.http);
      const email = `raced-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { email });
      // The other request's phone-only entry, not yet committed when this one looks the phone up.
      const holder = db.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        const [{ pid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
        await holder.query(
          `INSERT INTO dnc_entries (tenant_id, phone_normalized, channel, reason) VALUES ($1, $2, 'all', 'manual')`,
          [tenant.id, PHONE_US],
        );
        const adding = addDnc(tenant.admin.headers, { phone: PHONE_US, email }).then((r) => r);
        await waitFor(
          async () =>
            (await db.query(`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid]))
              .length > 0,
          10_000,
          'the combined entry waiting on the phone',
        );
        await holder.commitTransaction();
        const res = await adding;
        expect(res.status).toBe(201);
        expect(res.body.data).toMatchObject({ phone: null, email, created: true, leads_flagged: 1 });
        const entries = await db.query(
          `SELECT phone_normalized, email FROM dnc_entries WHERE tenant_id = $1 ORDER BY email NULLS FIRST`,
          [tenant.id],
        );
        expect(entries).toEqual([
          { phone_normalized: PHONE_US, email: null },
          { phone_normalized: null, email },
        ]);
        expect(await flags(tenant, lead.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    });

    it('accepts every channel (all by default) and every reason but erasure (manual by default)', async () => {
      const tenant = await createTenant(api.http);
      const channels = ['all', 'sms', 'whatsapp', 'voice', 'email', 'telegram'];
      const reasons = ['manual', 'complaint', 'import', 'stop_keyword', 'complaint', 'import'];
      const made: DncJson[] = [];
      for (const [i, channel] of channels.entries()) {
        made.push(await added(tenant.admin.headers, { phone: PHONE_US, channel, reason: reasons[i] }));
      }
      expect(made.map((e) => [e.phone, e.channel, e.reason])).toEqual(
        channels.map((c, i) => [PHONE_US, c, reasons[i]]),
      );
      expect(new Set(made.map((e) => e.id)).size).toBe(6);
      expect(await countEntries(tenant)).toBe(6);

      const defaults = await addDnc(tenant.admin.headers, { phone: PHONE_US_2 });
      expect(defaults.body.data).toMatchObject({ channel: 'all', reason: 'manual', created: true });
      expect(await countEntries(tenant)).toBe(7);
    });

    it('takes a channel and a reason in any case, as GET /api/dnc and the CSV import do', async () => {
      const tenant = await createTenant(api.http);
      const res = await addDnc(tenant.admin.headers, {
        phone: PHONE_US,
        channel: 'SMS',
        reason: 'Complaint',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        phone: PHONE_US,
        channel: 'sms',
        reason: 'complaint',
        created: true,
      });
      const again = await addDnc(tenant.admin.headers, { phone: PHONE_US, channel: 'sms' });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: res.body.data.id, created: false });
      expect(await countEntries(tenant)).toBe(1);
      expectValidation(await addDnc(tenant.admin.headers, { phone: PHONE_US, reason: 'ERASURE' }), [
        'reason',
      ]);
      expect(await countEntries(tenant)).toBe(1);
    });

    it('refuses reason erasure, an unknown reason and an unknown channel with 400 and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ phone: PHONE_US, reason: 'erasure' }, ['reason']],
        [{ email: 'e@example.test', reason: 'spam' }, ['reason']],
        [{ phone: PHONE_US, channel: 'fax' }, ['channel']],
        [{ phone: PHONE_US, channel: '' }, ['channel']],
        [{ phone: PHONE_US, channel: 'phone' }, ['channel']],
        [{ phone: PHONE_US, channel: 'fax', reason: 'erasure' }, ['channel', 'reason']],
      ];
      for (const [body, fields] of cases) {
        expectValidation(await addDnc(tenant.admin.headers, body), fields);
      }
      expect(await countEntries(tenant)).toBe(0);
    });

    it('refuses a body without a phone or an email (400) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      for (const body of [
        {},
        { channel: 'sms' },
        { phone: null, email: null },
        { phone: '', reason: 'manual' },
      ]) {
        const res = await addDnc(tenant.admin.headers, body);
        expectValidation(res, ['phone']);
        expect(res.body.error.message).toBe('Invalid input: phone or email is required');
      }
      expect(await countEntries(tenant)).toBe(0);
    });

    it('refuses a bad email and unknown fields (400) and stores nothing', async () => {
      const tenant = await createTenant(api.http);
      const cases: [Record<string, unknown>, string[]][] = [
        [{ email: 'not-an-email' }, ['email']],
        [{ email: '' }, ['email']],
        [{ email: 'a@b' }, ['email']],
        [{ email: `${'a'.repeat(320)}@example.test` }, ['email']],
        [{ email: 42 }, ['email']],
        [{ phone: PHONE_US, email: 'nope' }, ['email']],
        [{ phone: PHONE_US, tenant_id: randomUUID() }, ['tenant_id']],
        [{ phone: PHONE_US, created_by_id: randomUUID() }, ['created_by_id']],
      ];
      for (const [body, fields] of cases) {
        expectValidation(await addDnc(tenant.admin.headers, body), fields);
      }
      expect(await countEntries(tenant)).toBe(0);
    });
  });

  describe('projection onto leads', () => {
    it('an all-channel entry on a phone flags that lead do_not_call, and no other lead', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const a = await postLead(tenant, { phone: PHONE_US, email: `a-${uniqueSuffix()}@example.test` });
      const b = await postLead(tenant, { phone: PHONE_US_2, email: `b-${uniqueSuffix()}@example.test` });
      expect(await flags(tenant, a.id)).toEqual(clean);

      const res = await addDnc(tenant.admin.headers, { phone: '415-555-2671' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        phone: PHONE_US,
        channel: 'all',
        created: true,
        leads_flagged: 1,
      });
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      expect(await flags(tenant, b.id)).toEqual(clean);

      const list = await api.http.get('/api/leads?limit=100').set(tenant.admin.headers);
      const byId = Object.fromEntries(
        (list.body.data as { id: string; do_not_call: boolean }[]).map((l) => [l.id, l.do_not_call]),
      );
      expect(byId).toEqual({ [a.id]: true, [b.id]: false });

      // Adding it again changes nothing, so flags nothing.
      const again = await addDnc(tenant.admin.headers, { phone: PHONE_US });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: res.body.data.id, created: false, leads_flagged: 0 });
    });

    it('channel entries opt the lead out of those channels (sorted), without do_not_call', async () => {
      const tenant = await createTenant(api.http);
      const emailA = `a-${uniqueSuffix()}@example.test`;
      const emailB = `b-${uniqueSuffix()}@example.test`;
      const a = await postLead(tenant, { phone: PHONE_US, email: emailA });
      const b = await postLead(tenant, { phone: PHONE_US_2, email: emailB });

      const sms = await addDnc(tenant.admin.headers, { email: emailB.toUpperCase(), channel: 'sms' });
      expect(sms.status).toBe(201);
      expect(sms.body.data).toMatchObject({ email: emailB, channel: 'sms', leads_flagged: 1 });
      expect(await flags(tenant, b.id)).toEqual({ do_not_call: false, opted_out_channels: ['sms'] });
      expect(await flags(tenant, a.id)).toEqual(clean);

      const whatsapp = await addDnc(tenant.admin.headers, { phone: PHONE_US_2, channel: 'whatsapp' });
      expect(whatsapp.body.data).toMatchObject({ channel: 'whatsapp', leads_flagged: 1 });
      const email = await addDnc(tenant.admin.headers, { phone: PHONE_US_2, channel: 'email' });
      expect(email.body.data).toMatchObject({ channel: 'email', leads_flagged: 1 });
      expect(await flags(tenant, b.id)).toEqual({
        do_not_call: false,
        opted_out_channels: ['email', 'sms', 'whatsapp'],
      });
      expect(await flags(tenant, a.id)).toEqual(clean);

      // The same channel from the other address adds nothing to the lead.
      const dup = await addDnc(tenant.admin.headers, { email: emailB, channel: 'whatsapp' });
      expect(dup.status).toBe(201);
      expect(dup.body.data).toMatchObject({ created: true, leads_flagged: 0 });
      expect(await flags(tenant, b.id)).toEqual({
        do_not_call: false,
        opted_out_channels: ['email', 'sms', 'whatsapp'],
      });
    });

    it('DELETE removes the entry and clears exactly the flag it set', async () => {
      const tenant = await createTenant(api.http);
      const emailA = `a-${uniqueSuffix()}@example.test`;
      const a = await postLead(tenant, { phone: PHONE_US, email: emailA });
      const b = await postLead(tenant, { phone: PHONE_US_2 });

      const sms = await added(tenant.admin.headers, { email: emailA, channel: 'sms' });
      const whatsapp = await added(tenant.admin.headers, { phone: PHONE_US, channel: 'whatsapp' });
      const allByPhone = await added(tenant.admin.headers, { phone: PHONE_US });
      const allByEmail = await added(tenant.admin.headers, { email: emailA });
      const other = await added(tenant.admin.headers, { phone: PHONE_US_2 });
      expect(await flags(tenant, a.id)).toEqual({
        do_not_call: true,
        opted_out_channels: ['sms', 'whatsapp'],
      });
      expect(await flags(tenant, b.id)).toEqual({ do_not_call: true, opted_out_channels: [] });

      const del = await api.http.delete(`/api/dnc/${sms.id}`).set(tenant.admin.headers);
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ success: true, data: sms });
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: true, opted_out_channels: ['whatsapp'] });

      // Another all-channel entry still matches the email, so do_not_call stays.
      await api.http.delete(`/api/dnc/${allByPhone.id}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: true, opted_out_channels: ['whatsapp'] });
      await api.http.delete(`/api/dnc/${allByEmail.id.toUpperCase()}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: false, opted_out_channels: ['whatsapp'] });
      expect(await flags(tenant, b.id)).toEqual({ do_not_call: true, opted_out_channels: [] });

      expect(await ids(tenant.admin.headers)).toEqual([other.id, whatsapp.id]);
      expect(await countEntries(tenant)).toBe(2);

      // Gone means gone: a second DELETE is a 404 and changes nothing.
      expectError(
        await api.http.delete(`/api/dnc/${sms.id}`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
        'Do-not-contact entry not found',
      );
      expect(await countEntries(tenant)).toBe(2);
      expect(await flags(tenant, a.id)).toEqual({ do_not_call: false, opted_out_channels: ['whatsapp'] });

      await api.http.delete(`/api/dnc/${whatsapp.id}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, a.id)).toEqual(clean);

      // The address can be listed again afterwards.
      const back = await addDnc(tenant.admin.headers, { email: emailA, channel: 'sms' });
      expect(back.status).toBe(201);
      expect(back.body.data).toMatchObject({ created: true, leads_flagged: 1 });
      expect(back.body.data.id).not.toBe(sms.id);
    });

    it('a lead created after a channel-only entry is created opted out of that channel', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const email = `late-${uniqueSuffix()}@example.test`;
      await added(tenant.admin.headers, { email, channel: 'sms' });
      await added(tenant.admin.headers, { phone: PHONE_US, channel: 'voice' });

      const lead = await postLead(tenant, { email: email.toUpperCase(), phone: '(415) 555-2671' });
      expect(lead).toMatchObject({
        phone_normalized: PHONE_US,
        do_not_call: false,
        opted_out_channels: ['sms', 'voice'],
      });
      expect(await flags(tenant, lead.id)).toEqual({
        do_not_call: false,
        opted_out_channels: ['sms', 'voice'],
      });

      const unrelated = await postLead(tenant, { phone: PHONE_US_2 });
      expect(unrelated).toMatchObject(clean);
    });

    it('refuses to create a lead whose phone or email (any case, any format) is on an all-channel entry (422)', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const email = `blocked-${uniqueSuffix()}@example.test`;
      const byPhone = await added(tenant.admin.headers, { phone: PHONE_US });
      const byEmail = await added(tenant.admin.headers, { email });

      const attempts: [Record<string, unknown>, string][] = [
        [{ phone: '(415) 555-2671' }, byPhone.id],
        [{ phone: '+1 415 555 2671', email: `ok-${uniqueSuffix()}@example.test` }, byPhone.id],
        [{ email: email.toUpperCase() }, byEmail.id],
        [{ email, phone: PHONE_US_2 }, byEmail.id],
      ];
      for (const [body, entryId] of attempts) {
        const res = await api.http
          .post('/api/leads')
          .set(tenant.admin.headers)
          .send({ first_name: 'Nope', ...body });
        expect({ body, status: res.status, payload: res.body }).toEqual({
          body,
          status: 422,
          payload: {
            success: false,
            error: {
              code: 'POLICY_VIOLATION',
              message: expect.any(String),
              details: { rule: 'do_not_contact', dnc_entry_id: entryId },
            },
          },
        });
      }
      expect(await countLeads(tenant)).toBe(0);
      expect(await countRows(db, 'lead_identities', 'tenant_id = $1', [tenant.id])).toBe(0);

      // A channel-only entry never blocks creation.
      const free = await postLead(tenant, { phone: PHONE_US_2 });
      expect(free).toMatchObject(clean);
      expect(await countLeads(tenant)).toBe(1);
    });

    it("another tenant's leads with the same phone are never flagged", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const leadA = await postLead(a, { phone: PHONE_US });
      const leadB = await postLead(b, { phone: PHONE_US, email: `b-${uniqueSuffix()}@example.test` });
      const emailB = leadB.email as string;

      const res = await addDnc(a.admin.headers, { phone: PHONE_US });
      expect(res.body.data).toMatchObject({ created: true, leads_flagged: 1 });
      const sms = await addDnc(a.admin.headers, { email: emailB, channel: 'sms' });
      expect(sms.body.data).toMatchObject({ created: true, leads_flagged: 0 });

      expect(await flags(a, leadA.id)).toEqual({ do_not_call: true, opted_out_channels: [] });
      expect(await flags(b, leadB.id)).toEqual(clean);

      // A listing a phone on all channels does not stop B creating a lead with it.
      await added(a.admin.headers, { phone: PHONE_US_2 });
      const fresh = await postLead(b, { phone: PHONE_US_2 });
      expect(fresh).toMatchObject(clean);
      expect(await countLeads(b)).toBe(2);

      // Removing A's entry leaves B's lead untouched too.
      await api.http.delete(`/api/dnc/${res.body.data.id}`).set(a.admin.headers).expect(200);
      expect(await flags(a, leadA.id)).toEqual(clean);
      expect(await flags(b, leadB.id)).toEqual(clean);
    });
  });

  describe('GET /api/dnc', () => {
    it('lists newest first with pagination meta', async () => {
      const tenant = await createTenant(api.http);
      const made: DncJson[] = [];
      for (let i = 0; i < 5; i++) {
        made.push(await added(tenant.admin.headers, { email: `p${i}-${uniqueSuffix()}@example.test` }));
      }
      const newest = [...made].reverse();

      expect(await listDnc(tenant.admin.headers)).toEqual({
        success: true,
        data: newest,
        meta: { total: 5, limit: 50, offset: 0 },
      });
      const page = async (query: string) => {
        const body = await listDnc(tenant.admin.headers, query);
        return { ids: body.data.map((e) => e.id), meta: body.meta };
      };
      const order = newest.map((e) => e.id);
      expect(await page('limit=2')).toEqual({
        ids: order.slice(0, 2),
        meta: { total: 5, limit: 2, offset: 0 },
      });
      expect(await page('limit=2&offset=2')).toEqual({
        ids: order.slice(2, 4),
        meta: { total: 5, limit: 2, offset: 2 },
      });
      expect(await page('limit=2&page=3')).toEqual({
        ids: order.slice(4),
        meta: { total: 5, limit: 2, offset: 4 },
      });
      expect(await page('offset=9')).toEqual({ ids: [], meta: { total: 5, limit: 50, offset: 9 } });

      const list = (query: string) => api.http.get(`/api/dnc?${query}`).set(tenant.admin.headers);
      expectValidation(await list('limit=101'), ['limit']);
      expectValidation(await list('limit=0'), ['limit']);
      expectValidation(await list('offset=-1'), ['offset']);
    });

    it('filters by channel and searches by part of a phone or email; a bad filter is a 400', async () => {
      const tenant = await createTenant(api.http);
      const tag = uniqueSuffix();
      const phoneAll = await added(tenant.admin.headers, { phone: PHONE_US });
      const phoneSms = await added(tenant.admin.headers, { phone: PHONE_PT, channel: 'sms' });
      const emailSms = await added(tenant.admin.headers, { email: `Ana_${tag}@Clinic.test`, channel: 'sms' });
      const emailAll = await added(tenant.admin.headers, { email: `anax${tag}@shop.test` });
      const other = await createTenant(api.http);
      await added(other.admin.headers, { phone: PHONE_US, channel: 'sms' });

      expect(await ids(tenant.admin.headers, 'channel=sms')).toEqual([emailSms.id, phoneSms.id]);
      expect(await ids(tenant.admin.headers, 'channel=all')).toEqual([emailAll.id, phoneAll.id]);
      expect(await ids(tenant.admin.headers, 'channel=voice')).toEqual([]);
      // Any case, as the other list filters.
      expect(await ids(tenant.admin.headers, 'channel=SMS')).toEqual([emailSms.id, phoneSms.id]);
      expect(await ids(tenant.admin.headers, 'channel=All')).toEqual([emailAll.id, phoneAll.id]);
      expect(await ids(tenant.admin.headers, 'search=4155')).toEqual([phoneAll.id]);
      // A number as people write it: punctuation and spaces aside.
      for (const written of ['(415) 555-2671', '415 555 2671', '+1 415.555.2671']) {
        expect(await ids(tenant.admin.headers, `search=${encodeURIComponent(written)}`)).toEqual([
          phoneAll.id,
        ]);
      }
      expect(await ids(tenant.admin.headers, `search=${encodeURIComponent('+351')}`)).toEqual([phoneSms.id]);
      expect(await ids(tenant.admin.headers, `search=${tag.toUpperCase()}`)).toEqual([
        emailAll.id,
        emailSms.id,
      ]);
      expect(await ids(tenant.admin.headers, `search=ana_${tag}`)).toEqual([emailSms.id]);
      expect(await ids(tenant.admin.headers, `search=CLINIC.TEST`)).toEqual([emailSms.id]);
      expect(await ids(tenant.admin.headers, 'search=%25')).toEqual([]);
      expect(await ids(tenant.admin.headers, `search=${tag}&channel=all`)).toEqual([emailAll.id]);
      const paged = await listDnc(tenant.admin.headers, `channel=sms&limit=1`);
      expect(paged.meta).toEqual({ total: 2, limit: 1, offset: 0 });

      const list = (query: string) => api.http.get(`/api/dnc?${query}`).set(tenant.admin.headers);
      expectValidation(await list('channel=fax'), ['channel']);
      expectValidation(await list('channel=FAX'), ['channel']);
      expectValidation(await list('search='), ['search']);
      expectValidation(await list(`search=${'x'.repeat(101)}`), ['search']);
      expectValidation(await list('sort=email'), ['sort']);
    });
  });

  describe('roles', () => {
    it('an agent may list and add, but DELETE needs a manager (403, the entry stays)', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent');
      const manager = await createUser(api.http, tenant, 'manager');

      const res = await addDnc(agent.headers, { phone: PHONE_US, reason: 'complaint' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ created_by_id: agent.id, reason: 'complaint', created: true });
      const entry = (await listDnc(agent.headers)).data;
      expect(entry.map((e) => e.id)).toEqual([res.body.data.id]);

      expectError(
        await api.http.delete(`/api/dnc/${res.body.data.id}`).set(agent.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await listDnc(tenant.admin.headers)).toEqual({
        success: true,
        data: entry,
        meta: { total: 1, limit: 50, offset: 0 },
      });

      const del = await api.http.delete(`/api/dnc/${res.body.data.id}`).set(manager.headers);
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ success: true, data: entry[0] });
      expect(await countEntries(tenant)).toBe(0);
    });

    it('API keys work as their role: an agent key adds and lists but cannot delete, a manager key can', async () => {
      const tenant = await createTenant(api.http);
      const agentKey = await createApiKey(api.http, tenant, 'agent');
      const managerKey = await createApiKey(api.http, tenant, 'manager');

      const res = await addDnc({ 'X-API-Key': agentKey.key }, { email: `k-${uniqueSuffix()}@example.test` });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ created_by_id: null, created: true });
      const listed = await listDnc(bearer(agentKey.key));
      expect(listed.data.map((e) => e.id)).toEqual([res.body.data.id]);

      expectError(
        await api.http.delete(`/api/dnc/${res.body.data.id}`).set('X-API-Key', agentKey.key),
        403,
        'AUTHORIZATION_FAILED',
      );
      expectError(
        await api.http.delete(`/api/dnc/${res.body.data.id}`).set(bearer(agentKey.key)),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await countEntries(tenant)).toBe(1);

      const del = await api.http.delete(`/api/dnc/${res.body.data.id}`).set('X-API-Key', managerKey.key);
      expect(del.status).toBe(200);
      expect(del.body.data.id).toBe(res.body.data.id);
      expect(await countEntries(tenant)).toBe(0);
    });

    it("an erasure's entry is the admin's to remove: a manager (token or key) gets 403 and nothing changes", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const managerKey = await createApiKey(api.http, tenant, 'manager');
      const lead = await postLead(tenant, { phone: PHONE_US });
      const erased = await api.http.delete(`/api/leads/${lead.id}?erase=true`).set(tenant.admin.headers);
      expect(erased.status).toBe(200);
      const listed = await listDnc(tenant.admin.headers);
      expect(listed.data).toEqual([expect.objectContaining({ reason: 'erasure', channel: 'all' })]);
      const state = async () => ({
        entries: await db.query(`SELECT * FROM dnc_entries WHERE tenant_id = $1`, [tenant.id]),
        removed: await activity(tenant, 'dnc.removed'),
      });
      const before = await state();

      for (const headers of [manager.headers, { 'X-API-Key': managerKey.key }]) {
        expectError(
          await api.http.delete(`/api/dnc/${listed.data[0].id}`).set(headers),
          403,
          'AUTHORIZATION_FAILED',
          "Removing an erased person's do-not-contact entry needs the admin role",
        );
      }
      expect(await state()).toEqual(before);
      expect((await api.http.post('/api/leads').set(manager.headers).send({ phone: PHONE_US })).status).toBe(
        422,
      );

      const del = await api.http.delete(`/api/dnc/${listed.data[0].id}`).set(tenant.admin.headers);
      expect(del.status).toBe(200);
      expect(await countEntries(tenant)).toBe(0);
    });

    it("an erasure takes over the person's entries already on the list, which then only an admin removes", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const email = `listed-${uniqueSuffix()}@example.test`;
      const lead = await postLead(tenant, { phone: PHONE_US, email });
      // Listed by a manager before the erasure: one row for both addresses.
      const listed = await added(manager.headers, { phone: PHONE_US, email, reason: 'complaint' });
      const erased = await api.http.delete(`/api/leads/${lead.id}?erase=true`).set(tenant.admin.headers);
      expect(erased.status).toBe(200);
      expect(erased.body.data).toEqual({ id: lead.id, erased: true, dnc_entries: 1 });
      expect((await listDnc(tenant.admin.headers)).data).toEqual([
        { ...listed, reason: 'erasure', created_by_id: tenant.admin.id },
      ]);
      const before = await db.query(`SELECT * FROM dnc_entries WHERE tenant_id = $1`, [tenant.id]);

      expectError(
        await api.http.delete(`/api/dnc/${listed.id}`).set(manager.headers),
        403,
        'AUTHORIZATION_FAILED',
        "Removing an erased person's do-not-contact entry needs the admin role",
      );
      expect(await db.query(`SELECT * FROM dnc_entries WHERE tenant_id = $1`, [tenant.id])).toEqual(before);
      expect(await activity(tenant, 'dnc.removed')).toEqual([]);
    });

    it("the person's own STOP is the admin's to remove: a manager (token or key) gets 403 and nothing changes", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const managerKey = await createApiKey(api.http, tenant, 'manager');
      const lead = await postLead(tenant, { phone: PHONE_US });
      await applyLeadReply(api.app, tenant.id, { from: PHONE_US, body: 'STOP', now: api.clock.now() });
      const listed = await listDnc(tenant.admin.headers);
      expect(listed.data).toEqual([
        expect.objectContaining({
          phone: PHONE_US,
          channel: 'sms',
          reason: 'stop_keyword',
          created_by_id: null,
        }),
      ]);
      expect(await flags(tenant, lead.id)).toEqual({ do_not_call: false, opted_out_channels: ['sms'] });
      const state = async () => ({
        entries: await db.query(`SELECT * FROM dnc_entries WHERE tenant_id = $1`, [tenant.id]),
        flags: await flags(tenant, lead.id),
        removed: await activity(tenant, 'dnc.removed'),
      });
      const before = await state();

      for (const headers of [manager.headers, { 'X-API-Key': managerKey.key }]) {
        expectError(
          await api.http.delete(`/api/dnc/${listed.data[0].id}`).set(headers),
          403,
          'AUTHORIZATION_FAILED',
          'Removing a do-not-contact entry the person made (their own STOP or unsubscribe) needs the admin role',
        );
      }
      expect(await state()).toEqual(before);

      const del = await api.http.delete(`/api/dnc/${listed.data[0].id}`).set(tenant.admin.headers);
      expect(del.status).toBe(200);
      expect(del.body.data).toEqual(listed.data[0]);
      expect(await countEntries(tenant)).toBe(0);
      expect(await flags(tenant, lead.id)).toEqual(clean);
    });

    it("a manager's listing over the person's STOP does not make it theirs to remove (POST, then DELETE: 403)", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const lead = await postLead(tenant, { phone: PHONE_US });
      await applyLeadReply(api.app, tenant.id, { from: PHONE_US, body: 'STOP', now: api.clock.now() });
      const listed = await addDnc(manager.headers, { phone: PHONE_US, channel: 'sms', reason: 'manual' });
      expect(listed.status).toBe(200);
      expect(listed.body.data).toMatchObject({
        reason: 'manual',
        created_by_id: manager.id,
        taken_over: true,
      });
      const before = await db.query(`SELECT * FROM dnc_entries WHERE tenant_id = $1`, [tenant.id]);

      expectError(
        await api.http.delete(`/api/dnc/${listed.body.data.id}`).set(manager.headers),
        403,
        'AUTHORIZATION_FAILED',
        'Removing a do-not-contact entry the person made (their own STOP or unsubscribe) needs the admin role',
      );
      expect(await db.query(`SELECT * FROM dnc_entries WHERE tenant_id = $1`, [tenant.id])).toEqual(before);
      expect(await flags(tenant, lead.id)).toEqual({ do_not_call: false, opted_out_channels: ['sms'] });
      expect(
        (await api.http.delete(`/api/dnc/${listed.body.data.id}`).set(tenant.admin.headers)).status,
      ).toBe(200);
      expect(await flags(tenant, lead.id)).toEqual(clean);
    });

    it("the person's START still lifts their STOP's entry, and a manager still removes what staff listed", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const lead = await postLead(tenant, { phone: PHONE_US });
      await applyLeadReply(api.app, tenant.id, { from: PHONE_US, body: 'STOP', now: api.clock.now() });
      expect((await listDnc(tenant.admin.headers)).data).toEqual([
        expect.objectContaining({ reason: 'stop_keyword', channel: 'sms' }),
      ]);
      api.clock.advance(60_000);
      await applyLeadReply(api.app, tenant.id, { from: PHONE_US, body: 'START', now: api.clock.now() });
      expect(await countEntries(tenant)).toBe(0);
      expect(await flags(tenant, lead.id)).toEqual(clean);

      const listed = await added(manager.headers, { phone: PHONE_US, reason: 'complaint' });
      const del = await api.http.delete(`/api/dnc/${listed.id}`).set(manager.headers);
      expect(del.status).toBe(200);
      expect(await countEntries(tenant)).toBe(0);
    });

    it('answers 401 without credentials and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const entry = await added(tenant.admin.headers, { phone: PHONE_US });
      expectError(await api.http.get('/api/dnc'), 401, 'AUTHENTICATION_REQUIRED');
      expectError(
        await api.http.post('/api/dnc').send({ phone: PHONE_US_2 }),
        401,
        'AUTHENTICATION_REQUIRED',
      );
      expectError(await api.http.delete(`/api/dnc/${entry.id}`), 401, 'AUTHENTICATION_REQUIRED');
      expectError(await api.http.get('/api/dnc').set(bearer('not-a-token')), 401, 'AUTHENTICATION_REQUIRED');
      expect(await ids(tenant.admin.headers)).toEqual([entry.id]);
    });
  });

  describe('tenancy', () => {
    it("another tenant's admin and admin key never see, find or delete A's entries", async () => {
      const a = await createTenant(api.http);
      const b = await createTenant(api.http);
      const bKey = await createApiKey(api.http, b, 'admin');
      const entry = await added(a.admin.headers, {
        phone: PHONE_US,
        email: `a-${uniqueSuffix()}@example.test`,
      });

      for (const headers of [b.admin.headers, { 'X-API-Key': bKey.key }]) {
        expect(await listDnc(headers)).toEqual({
          success: true,
          data: [],
          meta: { total: 0, limit: 50, offset: 0 },
        });
        expect((await listDnc(headers, 'search=4155')).data).toEqual([]);
        expectError(
          await api.http.delete(`/api/dnc/${entry.id}`).set(headers),
          404,
          'NOT_FOUND',
          'Do-not-contact entry not found',
        );
      }
      expect(await listDnc(a.admin.headers)).toEqual({
        success: true,
        data: [entry],
        meta: { total: 1, limit: 50, offset: 0 },
      });

      // B adding the same phone makes B's own entry.
      const mine = await addDnc(b.admin.headers, { phone: PHONE_US });
      expect(mine.status).toBe(201);
      expect(mine.body.data).toMatchObject({ phone: PHONE_US, created: true, created_by_id: b.admin.id });
      expect(mine.body.data.id).not.toBe(entry.id);
      expect(await countEntries(a)).toBe(1);
      expect(await countEntries(b)).toBe(1);
      expect(await ids(a.admin.headers)).toEqual([entry.id]);
      expect(await ids({ 'X-API-Key': bKey.key })).toEqual([mine.body.data.id]);
    });
  });

  describe('activity', () => {
    it('records dnc.added (once per new entry) and dnc.removed in the system activity', async () => {
      const tenant = await createTenant(api.http);
      const lead = await postLead(tenant, { phone: PHONE_US });
      const entry = await added(tenant.admin.headers, { phone: PHONE_US });
      expect((await addDnc(tenant.admin.headers, { phone: PHONE_US })).status).toBe(200);
      const key = await createApiKey(api.http, tenant, 'agent');
      const byKey = await added({ 'X-API-Key': key.key }, { phone: PHONE_US_2, channel: 'sms' });

      expect(await activity(tenant, 'dnc.added')).toEqual([
        {
          id: expect.stringMatching(UUID_PATTERN),
          type: 'dnc.added',
          description: expect.any(String),
          status: 'success',
          timestamp: expect.stringMatching(ISO_TIMESTAMP),
          actor_user_id: null,
          actor_api_key_id: key.id,
          data: { dnc_entry_id: byKey.id, leads_flagged: 0 },
        },
        {
          id: expect.stringMatching(UUID_PATTERN),
          type: 'dnc.added',
          description: expect.any(String),
          status: 'success',
          timestamp: expect.stringMatching(ISO_TIMESTAMP),
          actor_user_id: tenant.admin.id,
          actor_api_key_id: null,
          data: { dnc_entry_id: entry.id, leads_flagged: 1 },
        },
      ]);
      expect(await activity(tenant, 'dnc.removed')).toEqual([]);

      await api.http.delete(`/api/dnc/${entry.id}`).set(tenant.admin.headers).expect(200);
      expect(await flags(tenant, lead.id)).toEqual(clean);
      expect(await activity(tenant, 'dnc.removed')).toEqual([
        {
          id: expect.stringMatching(UUID_PATTERN),
          type: 'dnc.removed',
          description: expect.any(String),
          status: 'success',
          timestamp: expect.stringMatching(ISO_TIMESTAMP),
          actor_user_id: tenant.admin.id,
          actor_api_key_id: null,
          data: { dnc_entry_id: entry.id, leads_updated: 1 },
        },
      ]);

      // A refused delete records nothing.
      expectError(await api.http.delete(`/api/dnc/${entry.id}`).set(tenant.admin.headers), 404, 'NOT_FOUND');
      expect(await activity(tenant, 'dnc.removed')).toHaveLength(1);
    });
  });

  describe('bad input', () => {
    it('a NUL byte in the email or phone is a 400, never a 500, and nothing is stored', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const lead = await postLead(tenant, { phone: PHONE_US });
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'nul\u0000@example.test' }, 'email'],
        [{ email: 'nul@example.test\u0000' }, 'email'],
        [{ phone: '+1415555\u00002671' }, 'phone'],
        [{ phone: `${PHONE_US}\u0000` }, 'phone'],
        [{ phone: '\u0000' }, 'phone'],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await addDnc(tenant.admin.headers, body);
        answers.push({
          body: JSON.stringify(body),
          status: res.status,
          code: res.body.error?.code,
          fields: res.body.error?.details?.map((d: { field: string }) => d.field),
        });
      }
      expect(answers).toEqual(
        cases.map(([body, field]) => ({
          body: JSON.stringify(body),
          status: 400,
          code: 'VALIDATION_ERROR',
          fields: [field],
        })),
      );
      expect(await countEntries(tenant)).toBe(0);
      expect(await flags(tenant, lead.id)).toEqual(clean);
    });

    it('a 10 KB phone or email is a 400 and nothing is stored', async () => {
      const tenant = await createTenant(api.http);
      await setCountry(tenant, 'US');
      const digits = '4'.repeat(10 * 1024);
      expectValidation(await addDnc(tenant.admin.headers, { phone: digits }), ['phone']);
      expectValidation(await addDnc(tenant.admin.headers, { phone: `+1 ${digits}` }), ['phone']);
      expectValidation(
        await addDnc(tenant.admin.headers, { email: `${'a'.repeat(10 * 1024)}@example.test` }),
        ['email'],
      );
      expect(await countEntries(tenant)).toBe(0);
    });

    it('a body that is not an object is a 400 and nothing is stored', async () => {
      const tenant = await createTenant(api.http);
      for (const body of [[{ phone: PHONE_US }], 'phone']) {
        const res = await api.http
          .post('/api/dnc')
          .set(tenant.admin.headers)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 400,
          code: 'VALIDATION_ERROR',
        });
      }
      const broken = await api.http
        .post('/api/dnc')
        .set(tenant.admin.headers)
        .set('Content-Type', 'application/json')
        .send('{"phone": "+14155552671"');
      expect({ status: broken.status, success: broken.body.success }).toEqual({
        status: 400,
        success: false,
      });
      expect(await countEntries(tenant)).toBe(0);
    });

    it('SQL- and script-looking emails are stored verbatim (lower-cased) and returned as JSON', async () => {
      const tenant = await createTenant(api.http);
      const sql = "o'brien--drop@example.test";
      const res = await addDnc(tenant.admin.headers, { email: sql, channel: 'telegram' });
      expect(res.status).toBe(201);
      expect(res.body.data.email).toBe(sql);
      expect(res.text).toContain(JSON.stringify(sql));
      expect((await listDnc(tenant.admin.headers, `search=${encodeURIComponent("o'brien")}`)).data).toEqual([
        expect.objectContaining({ id: res.body.data.id, email: sql }),
      ]);
      expect(await countRows(db, 'dnc_entries', 'tenant_id = $1 AND email = $2', [tenant.id, sql])).toBe(1);
    });

    it('a malformed or unknown id in DELETE is a 404 and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const entry = await added(tenant.admin.headers, { phone: PHONE_US });
      for (const id of ['not-a-uuid', '123', `${entry.id}x`, "1' OR '1'='1", randomUUID(), '%00']) {
        const res: Response = await api.http
          .delete(`/api/dnc/${encodeURIComponent(id)}`)
          .set(tenant.admin.headers);
        expectError(res, 404, 'NOT_FOUND', 'Do-not-contact entry not found');
      }
      expect(await ids(tenant.admin.headers)).toEqual([entry.id]);
      expect(await activity(tenant, 'dnc.removed')).toEqual([]);
    });
  });
});
