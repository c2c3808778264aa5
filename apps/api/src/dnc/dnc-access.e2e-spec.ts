import {
  applyLeadReply,
  bearer,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  TestApi,
  uniqueSuffix,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { clean, dncRequests, PHONE_US, PHONE_US_2 } from './dnc-requests.fixture';

/** Who may list, add and remove entries (an erasure's and a STOP's entries are the admin's), and never another tenant's. */
describe('do-not-contact: roles and tenancy (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  const { countEntries, addDnc, added, listDnc, ids, postLead, flags, activity } = dncRequests(
    (s) => ({ api, db } = s),
  );

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
});
