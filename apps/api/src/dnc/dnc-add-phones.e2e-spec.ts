import {
  createTenant,
  expectValidation,
  ISO_TIMESTAMP,
  TestApi,
  uniqueSuffix,
  UUID_PATTERN,
} from '@app/testing';
import { dncRequests, PHONE_PT, PHONE_US, PHONE_US_2 } from './dnc-requests.fixture';

/** Phones in any format are listed as E.164, national ones read in a known country; numbers that are none are refused. */
describe('do-not-contact: adding phones (e2e)', () => {
  let api: TestApi;
  const { countEntries, addDnc, listDnc, setCountry } = dncRequests((s) => ({ api } = s));

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
  });
});
