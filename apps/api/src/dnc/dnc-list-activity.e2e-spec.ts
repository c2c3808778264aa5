import {
  createApiKey,
  createTenant,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestApi,
  uniqueSuffix,
  UUID_PATTERN,
} from '@app/testing';
import { clean, type DncJson, dncRequests, PHONE_PT, PHONE_US, PHONE_US_2 } from './dnc-requests.fixture';

/** GET /api/dnc lists, filters and searches; adding and removing entries is recorded in the activity. */
describe('do-not-contact: listing and activity (e2e)', () => {
  let api: TestApi;
  const { addDnc, added, listDnc, ids, postLead, flags, activity } = dncRequests((s) => ({ api } = s));

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
});
