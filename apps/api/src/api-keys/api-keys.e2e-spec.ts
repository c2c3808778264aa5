import {
  bearer,
  countRows,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
  waitFor,
} from '@app/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const KEY = /^rlk_[A-Za-z0-9]{8}_[A-Za-z0-9]{40}$/;
const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHANUM[b % ALPHANUM.length]).join('');
}

describe('api-keys (e2e)', () => {
  const api = useTestApi();

  const keyRow = async (id: string) =>
    (
      await api.db.query(
        'SELECT tenant_id, name, prefix, key_hash, role, last_used_at, revoked_at FROM api_keys WHERE id = $1',
        [id],
      )
    )[0] as Record<string, unknown> | undefined;
  const countKeys = (tenantId: string) => countRows(api.db, 'api_keys', 'tenant_id = $1', [tenantId]);
  const me = (headers: Record<string, string>) => api.http.get('/api/auth/me').set(headers);

  async function postKey(tenant: TestTenant, body: Record<string, unknown>) {
    return api.http.post('/api/api-keys').set(tenant.admin.headers).send(body);
  }

  describe('POST /api/api-keys', () => {
    it('answers the whole key once (rlk_<8>_<40>) and stores only its SHA-256 hash', async () => {
      const tenant = await createTenant(api.http);
      const res = await postKey(tenant, { name: ' CRM sync ', role: 'manager' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          name: 'CRM sync',
          prefix: expect.any(String),
          role: 'manager',
          effective_role: 'manager',
          created_by_id: tenant.admin.id,
          last_used_at: null,
          revoked_at: null,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          key: expect.stringMatching(KEY),
        },
      });
      const { id, key, prefix } = res.body.data;
      expect(prefix).toBe(key.slice(0, 12));

      const row = await keyRow(id);
      expect(row).toMatchObject({ tenant_id: tenant.id, prefix, role: 'manager', revoked_at: null });
      expect(row?.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      const secret = key.slice(13);
      const dump = JSON.stringify(await api.db.query('SELECT * FROM api_keys WHERE id = $1', [id]));
      expect(dump).not.toContain(secret);

      const activity = await api.http
        .get('/api/system/activity?type=api_key.created')
        .set(tenant.admin.headers);
      expect(activity.body.data).toEqual([
        expect.objectContaining({
          type: 'api_key.created',
          actor_user_id: tenant.admin.id,
          data: { api_key_id: id },
        }),
      ]);
      expect(JSON.stringify(activity.body)).not.toContain(secret);
    });

    it('gives every key a different secret', async () => {
      const tenant = await createTenant(api.http);
      const a = await createApiKey(api.http, tenant, 'agent');
      const b = await createApiKey(api.http, tenant, 'agent');
      expect(a.key).not.toBe(b.key);
      expect(a.key.slice(0, 12)).not.toBe(b.key.slice(0, 12));
    });

    it('refuses a bad name or role with per-field details and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const before = await countKeys(tenant.id);
      const cases: [Record<string, unknown>, string[]][] = [
        [{}, ['name', 'role']],
        [{ name: '', role: 'owner' }, ['name', 'role']],
        [{ name: '   ', role: 'agent' }, ['name']],
        [{ name: 'x'.repeat(101), role: 'agent' }, ['name']],
        [{ name: null, role: null }, ['name', 'role']],
        [{ name: 'ok', role: 'agent', key: 'rlk_chosen01_' + 'a'.repeat(40) }, ['key']],
        [{ name: 'ok', role: 'agent', tenant_id: randomUUID() }, ['tenant_id']],
      ];
      for (const [body, fields] of cases) {
        const res = await postKey(tenant, body);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          success: false,
          error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: expect.any(Array) },
        });
        const got = res.body.error.details.map((d: { field: string }) => d.field).sort();
        expect({ body, fields: got }).toEqual({ body, fields: [...fields].sort() });
      }
      expect(await countKeys(tenant.id)).toBe(before);
    });
  });

  describe('GET /api/api-keys', () => {
    it('lists the tenant keys newest first, never the key or its hash', async () => {
      const tenant = await createTenant(api.http);
      const first = await createApiKey(api.http, tenant, 'agent');
      const second = await createApiKey(api.http, tenant, 'admin');
      const other = await createTenant(api.http);
      const foreign = await createApiKey(api.http, other, 'admin');

      const res = await api.http.get('/api/api-keys').set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: [second, first].map((k) => ({
          id: k.id,
          name: expect.any(String),
          prefix: k.key.slice(0, 12),
          role: k.role,
          effective_role: k.role,
          created_by_id: tenant.admin.id,
          last_used_at: null,
          revoked_at: null,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
        })),
        meta: { total: 2, limit: 50, offset: 0 },
      });
      const json = JSON.stringify(res.body);
      for (const k of [first, second, foreign]) {
        expect(json).not.toContain(k.key);
        expect(json).not.toContain(k.key.slice(13));
        expect(json).not.toContain(createHash('sha256').update(k.key).digest('hex'));
      }
      expect(json).not.toContain(foreign.id);
      expect(json).not.toMatch(/hash/i);

      const page = await api.http.get('/api/api-keys?limit=1&page=2').set(tenant.admin.headers);
      expect(page.body.data.map((k: { id: string }) => k.id)).toEqual([first.id]);
      expect(page.body.meta).toEqual({ total: 2, limit: 1, offset: 1 });
      const bad = await api.http.get('/api/api-keys?limit=500').set(tenant.admin.headers);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details).toEqual([{ field: 'limit', reason: expect.any(String) }]);
    });
  });

  describe('using a key', () => {
    it('works as X-API-Key and as a bearer on GET /api/auth/me', async () => {
      const tenant = await createTenant(api.http);
      const created = await postKey(tenant, { name: 'Server', role: 'manager' });
      const { id, key, prefix } = created.body.data;
      const expected = {
        success: true,
        data: {
          principal_type: 'api_key',
          user: null,
          api_key: { id, name: 'Server', prefix, role: 'manager' },
          tenant: { id: tenant.id, name: tenant.name, slug: expect.any(String) },
        },
      };
      for (const headers of [{ 'X-API-Key': key }, bearer(key), { Authorization: `bearer  ${key}` }]) {
        const res = await me(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(expected);
        expect(JSON.stringify(res.body)).not.toContain(key);
      }
      const verify = await api.http.get('/api/auth/verify').set('X-API-Key', key);
      expect(verify.status).toBe(200);
      expect(verify.body.data).toMatchObject({ valid: true, expires_at: null, principal_type: 'api_key' });
    });

    it("enforces the key's role", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createApiKey(api.http, tenant, 'manager');
      const agent = await createApiKey(api.http, tenant, 'agent');
      const admin = await createApiKey(api.http, tenant, 'admin');

      expectError(
        await api.http.get('/api/users').set('X-API-Key', manager.key),
        403,
        'AUTHORIZATION_FAILED',
        'This needs the admin role',
      );
      expectError(await api.http.get('/api/api-keys').set(bearer(manager.key)), 403, 'AUTHORIZATION_FAILED');
      expect((await api.http.get('/api/system/status').set('X-API-Key', manager.key)).status).toBe(200);
      expectError(
        await api.http.get('/api/system/status').set('X-API-Key', agent.key),
        403,
        'AUTHORIZATION_FAILED',
        'This needs the manager role',
      );
      expect((await api.http.get('/api/tenant').set('X-API-Key', agent.key)).status).toBe(200);

      const before = await countKeys(tenant.id);
      expectError(
        await api.http
          .post('/api/api-keys')
          .set('X-API-Key', manager.key)
          .send({ name: 'escalate', role: 'admin' }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await countKeys(tenant.id)).toBe(before);

      const byAdminKey = await api.http.get('/api/users').set('X-API-Key', admin.key);
      expect(byAdminKey.status).toBe(200);
      expect(byAdminKey.body.data.map((u: { id: string }) => u.id)).toEqual([tenant.admin.id]);
    });

    it('records last_used_at after use (written asynchronously)', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'agent');
      const listed = async () =>
        (await api.http.get('/api/api-keys').set(tenant.admin.headers)).body.data.find(
          (k: { id: string }) => k.id === key.id,
        );
      expect((await listed()).last_used_at).toBeNull();

      const usedAt = api.clock.now().toISOString();
      expect((await me({ 'X-API-Key': key.key })).status).toBe(200);
      const seen = await waitFor(
        async () => {
          const k = await listed();
          return k.last_used_at ? k : undefined;
        },
        5000,
        'last_used_at',
      );
      expect(seen.last_used_at).toBe(usedAt);
    });
  });

  describe('refused keys', () => {
    it('a garbage key, a well-formed unknown key and a known prefix with a wrong secret get 401', async () => {
      const tenant = await createTenant(api.http);
      const real = await createApiKey(api.http, tenant, 'admin');
      const wrongSecret = `${real.key.slice(0, 13)}${randomAlnum(40)}`;
      const unknown = `rlk_${randomAlnum(8)}_${randomAlnum(40)}`;
      expect(unknown).toMatch(KEY);
      for (const key of ['garbage', 'rlk_', 'rlk_short_key', unknown, wrongSecret, `${real.key}x`]) {
        for (const headers of [{ 'X-API-Key': key }, bearer(key)]) {
          const res = await api.http.get('/api/auth/me').set(headers);
          expect({ key, status: res.status, code: res.body.error?.code }).toEqual({
            key,
            status: 401,
            code: 'AUTHENTICATION_REQUIRED',
          });
        }
      }
      expectError(await me({ 'X-API-Key': unknown }), 401, 'AUTHENTICATION_REQUIRED', 'Invalid API key');
      expect((await keyRow(real.id))?.last_used_at).toBeNull();
    });
  });

  describe('a key acts as no more than the user who made it is now', () => {
    /** An admin besides the tenant's own, and an admin key they made; the tenant admin can then change them. */
    async function makerWithKey(tenant: TestTenant) {
      const maker = await createUser(api.http, tenant, 'admin');
      const res = await api.http
        .post('/api/api-keys')
        .set(maker.headers)
        .send({ name: 'Sync', role: 'admin' });
      expect(res.status).toBe(201);
      expect(res.body.data.created_by_id).toBe(maker.id);
      return { maker, key: res.body.data.key as string, id: res.body.data.id as string };
    }
    const patchUser = (tenant: TestTenant, id: string, body: Record<string, unknown>) =>
      api.http.patch(`/api/users/${id}`).set(tenant.admin.headers).send(body);

    it("a deactivated maker's key gets 401 (every route), works again on reactivation; other keys are untouched", async () => {
      const tenant = await createTenant(api.http);
      const { maker, key, id } = await makerWithKey(tenant);
      const byTenantAdmin = await createApiKey(api.http, tenant, 'admin');
      const other = await createTenant(api.http);
      const otherMaker = await makerWithKey(other);
      expect((await me({ 'X-API-Key': key })).status).toBe(200);

      expect((await api.http.delete(`/api/users/${maker.id}`).set(tenant.admin.headers)).status).toBe(200);
      for (const headers of [{ 'X-API-Key': key }, bearer(key)]) {
        expectError(
          await me(headers),
          401,
          'AUTHENTICATION_REQUIRED',
          'Invalid API key: the user who made it is not active',
        );
        expectError(await api.http.get('/api/users').set(headers), 401, 'AUTHENTICATION_REQUIRED');
        expectError(await api.http.get('/api/tenant').set(headers), 401, 'AUTHENTICATION_REQUIRED');
      }
      // The refusal changed nothing: the key is not revoked, the other keys work. The list shows it acts as nothing.
      expect((await keyRow(id))?.revoked_at).toBeNull();
      const listed = await api.http.get('/api/api-keys').set(tenant.admin.headers);
      expect(listed.body.data.find((k: { id: string }) => k.id === id)).toMatchObject({
        revoked_at: null,
        effective_role: null,
      });
      expect((await me({ 'X-API-Key': byTenantAdmin.key })).status).toBe(200);
      expect((await me({ 'X-API-Key': otherMaker.key })).status).toBe(200);

      expect((await patchUser(tenant, maker.id, { is_active: true })).status).toBe(200);
      expect((await me({ 'X-API-Key': key })).status).toBe(200);
      expect((await api.http.get('/api/users').set('X-API-Key', key)).status).toBe(200);
    });

    it("a demoted maker's key acts with the maker's role (admin routes 403), and its own again when promoted back", async () => {
      const tenant = await createTenant(api.http);
      const { maker, key } = await makerWithKey(tenant);
      const other = await createTenant(api.http);
      const otherMaker = await makerWithKey(other);

      expect((await patchUser(tenant, maker.id, { role: 'agent' })).status).toBe(200);
      expectError(
        await api.http.get('/api/users').set('X-API-Key', key),
        403,
        'AUTHORIZATION_FAILED',
        'This needs the admin role',
      );
      expectError(
        await api.http.get('/api/system/status').set(bearer(key)),
        403,
        'AUTHORIZATION_FAILED',
        'This needs the manager role',
      );
      const before = await countKeys(tenant.id);
      expectError(
        await api.http.post('/api/api-keys').set('X-API-Key', key).send({ name: 'escalate', role: 'admin' }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await countKeys(tenant.id)).toBe(before);
      expect((await api.http.get('/api/tenant').set('X-API-Key', key)).status).toBe(200);
      const seen = await me({ 'X-API-Key': key });
      expect(seen.status).toBe(200);
      expect(seen.body.data.api_key.role).toBe('agent');
      // The list says so too: made as admin, acting as an agent now.
      const listed = await api.http.get('/api/api-keys').set(tenant.admin.headers);
      expect(listed.body.data.find((k: { prefix: string }) => k.prefix === key.slice(0, 12))).toMatchObject({
        role: 'admin',
        effective_role: 'agent',
      });
      expect((await api.http.get('/api/users').set('X-API-Key', otherMaker.key)).status).toBe(200);

      expect((await patchUser(tenant, maker.id, { role: 'manager' })).status).toBe(200);
      expectError(await api.http.get('/api/users').set('X-API-Key', key), 403, 'AUTHORIZATION_FAILED');
      expect((await api.http.get('/api/system/status').set('X-API-Key', key)).status).toBe(200);

      expect((await patchUser(tenant, maker.id, { role: 'admin' })).status).toBe(200);
      expect((await api.http.get('/api/users').set('X-API-Key', key)).status).toBe(200);
      expect((await me({ 'X-API-Key': key })).body.data.api_key.role).toBe('admin');
    });

    it('a key made by a key answers to the same maker', async () => {
      const tenant = await createTenant(api.http);
      const { maker, key } = await makerWithKey(tenant);
      const made = await api.http
        .post('/api/api-keys')
        .set('X-API-Key', key)
        .send({ name: 'Child', role: 'manager' });
      expect(made.status).toBe(201);
      expect(made.body.data.created_by_id).toBe(maker.id);
      const child = made.body.data.key as string;
      expect((await me({ 'X-API-Key': child })).status).toBe(200);

      expect((await patchUser(tenant, maker.id, { is_active: false })).status).toBe(200);
      expectError(await me({ 'X-API-Key': child }), 401, 'AUTHENTICATION_REQUIRED');
    });

    it('a key whose maker was deleted gets 401', async () => {
      const tenant = await createTenant(api.http);
      const { maker, key } = await makerWithKey(tenant);
      await api.db.query('DELETE FROM users WHERE tenant_id = $1 AND id = $2', [tenant.id, maker.id]);
      expectError(
        await me({ 'X-API-Key': key }),
        401,
        'AUTHENTICATION_REQUIRED',
        'Invalid API key: the user who made it is not active',
      );
    });
  });

  describe('DELETE /api/api-keys/:id', () => {
    it('revokes: the key gets 401 at once, the list shows revoked_at, the activity records it', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'admin');
      const other = await createApiKey(api.http, tenant, 'admin');
      expect((await me({ 'X-API-Key': key.key })).status).toBe(200);
      const usedAt = await waitFor(async () => (await keyRow(key.id))?.last_used_at ?? undefined);

      const res = await api.http.delete(`/api/api-keys/${key.id}`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: key.id,
          name: expect.any(String),
          prefix: key.key.slice(0, 12),
          role: 'admin',
          effective_role: null,
          created_by_id: tenant.admin.id,
          last_used_at: (usedAt as Date).toISOString(),
          revoked_at: api.clock.now().toISOString(),
          created_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      expect(JSON.stringify(res.body)).not.toContain(key.key);

      for (const headers of [{ 'X-API-Key': key.key }, bearer(key.key)]) {
        expectError(await me(headers), 401, 'AUTHENTICATION_REQUIRED', 'Invalid API key');
        expectError(await api.http.get('/api/users').set(headers), 401, 'AUTHENTICATION_REQUIRED');
      }
      expect((await me({ 'X-API-Key': other.key })).status).toBe(200);

      const list = await api.http.get('/api/api-keys').set(tenant.admin.headers);
      expect(list.body.data.find((k: { id: string }) => k.id === key.id).revoked_at).toBe(
        res.body.data.revoked_at,
      );

      const again = await api.http.delete(`/api/api-keys/${key.id}`).set(`X-API-Key`, other.key);
      expect(again.status).toBe(200);
      expect(again.body.data.revoked_at).toBe(res.body.data.revoked_at);

      const activity = await api.http
        .get('/api/system/activity?type=api_key.revoked')
        .set(tenant.admin.headers);
      expect(activity.body).toEqual({
        success: true,
        data: [
          expect.objectContaining({
            type: 'api_key.revoked',
            actor_user_id: tenant.admin.id,
            actor_api_key_id: null,
            data: { api_key_id: key.id },
          }),
        ],
        meta: { total: 1, limit: 50, offset: 0 },
      });
    });

    it('answers 404 NOT_FOUND for an unknown or malformed id and revokes nothing', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'agent');
      for (const id of [randomUUID(), 'not-a-uuid', key.key]) {
        expectError(
          await api.http.delete(`/api/api-keys/${id}`).set(tenant.admin.headers),
          404,
          'NOT_FOUND',
          'API key not found',
        );
      }
      expect((await keyRow(key.id))?.revoked_at).toBeNull();
      expect((await me({ 'X-API-Key': key.key })).status).toBe(200);
    });

    it('a manager or agent cannot revoke a key (403) and the key keeps working', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'agent');
      const manager = await createUser(api.http, tenant, 'manager');
      expectError(
        await api.http.delete(`/api/api-keys/${key.id}`).set(manager.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect((await keyRow(key.id))?.revoked_at).toBeNull();
      expect((await me({ 'X-API-Key': key.key })).status).toBe(200);
    });
  });
});
