import {
  bearer,
  countRows,
  createAgent,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TEST_PASSWORD,
  TestTenant,
  uniqueSuffix,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { UserAuthStates } from '@app/auth';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';

/** Passwords, hashes and the password we use never appear in an answer. */
function expectNoSecrets(res: Response): void {
  const json = JSON.stringify(res.body);
  expect(json).not.toMatch(/password|hash|\$argon2/i);
  expect(json).not.toContain(TEST_PASSWORD);
}

describe('users (e2e)', () => {
  const api = useTestApi();

  const userRow = async (id: string) => {
    const rows = await api.db.query(
      `SELECT tenant_id, email, username, password_hash, first_name, last_name, phone, role, is_active,
              last_login_at, updated_at, auth_version
         FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };
  const countUsers = (where: string, params: unknown[]) => countRows(api.db, 'users', where, params);
  const login = (email: string, password = TEST_PASSWORD) =>
    api.http.post('/api/auth/login').send({ email, password });

  /** Creates a user through POST /api/users and answers the created row's JSON. */
  async function postUser(tenant: TestTenant, body: Record<string, unknown> = {}) {
    const res = await api.http
      .post('/api/users')
      .set(tenant.admin.headers)
      .send({
        email: `u-${uniqueSuffix()}@example.test`,
        password: TEST_PASSWORD,
        first_name: 'Una',
        last_name: 'User',
        role: 'agent',
        ...body,
      });
    expect(res.status).toBe(201);
    return res.body.data as Record<string, string>;
  }

  describe('GET /api/users', () => {
    it("lists the tenant's users oldest first, with meta and no password or hash", async () => {
      const tenant = await createTenant(api.http);
      const manager = await postUser(tenant, { role: 'manager', first_name: 'Mia', username: 'mia' });
      const agent = await postUser(tenant, { role: 'agent', phone: '+14155550100' });
      await createTenant(api.http); // another tenant's users never show

      const res = await api.http.get('/api/users').set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: [
          {
            id: tenant.admin.id,
            tenant_id: tenant.id,
            email: tenant.admin.email,
            username: null,
            first_name: 'Ada',
            last_name: 'Admin',
            phone: null,
            role: 'admin',
            is_active: true,
            last_login_at: null,
            created_at: expect.stringMatching(ISO_TIMESTAMP),
            updated_at: expect.stringMatching(ISO_TIMESTAMP),
          },
          { ...manager, username: 'mia', role: 'manager', first_name: 'Mia' },
          { ...agent, phone: '+14155550100', role: 'agent' },
        ],
        meta: { total: 3, limit: 50, offset: 0 },
      });
      expectNoSecrets(res);
    });

    it('pages with limit and offset, or limit and page, and counts the total', async () => {
      const tenant = await createTenant(api.http);
      const ids = [tenant.admin.id];
      for (let i = 0; i < 4; i++) ids.push((await postUser(tenant)).id);

      const window = async (query: string) => {
        const res = await api.http.get(`/api/users?${query}`).set(tenant.admin.headers);
        expect(res.status).toBe(200);
        return { ids: res.body.data.map((u: { id: string }) => u.id), meta: res.body.meta };
      };
      expect(await window('limit=2')).toEqual({
        ids: ids.slice(0, 2),
        meta: { total: 5, limit: 2, offset: 0 },
      });
      expect(await window('limit=2&offset=1')).toEqual({
        ids: ids.slice(1, 3),
        meta: { total: 5, limit: 2, offset: 1 },
      });
      expect(await window('limit=2&page=3')).toEqual({
        ids: ids.slice(4),
        meta: { total: 5, limit: 2, offset: 4 },
      });
      expect(await window('page=1')).toEqual({ ids, meta: { total: 5, limit: 50, offset: 0 } });
      expect(await window('offset=10')).toEqual({ ids: [], meta: { total: 5, limit: 50, offset: 10 } });
      expect(await window('limit=100')).toEqual({ ids, meta: { total: 5, limit: 100, offset: 0 } });
    });

    it('refuses a bad window with per-field details', async () => {
      const tenant = await createTenant(api.http);
      const list = (query: string) => api.http.get(`/api/users?${query}`).set(tenant.admin.headers);
      expectValidation(await list('limit=101'), ['limit']);
      expectValidation(await list('limit=0'), ['limit']);
      expectValidation(await list('limit=ten'), ['limit']);
      expectValidation(await list('offset=-1'), ['offset']);
      expectValidation(await list('page=0'), ['page']);
      const both = await list('page=2&offset=1');
      expect(both.status).toBe(400);
      expect(both.body.error).toEqual({
        code: 'VALIDATION_ERROR',
        message: expect.any(String),
        details: [{ field: 'page', reason: 'cannot be combined with offset' }],
      });
      expectValidation(await list('sort=email'), ['sort']);
    });

    it('filters by role, is_active and search (email, username, full name; % and _ are literal)', async () => {
      const tenant = await createTenant(api.http);
      const tag = uniqueSuffix();
      const ana = await postUser(tenant, {
        role: 'manager',
        first_name: 'Ana',
        last_name: 'Silva',
        username: `ana_${tag}`,
      });
      const anx = await postUser(tenant, { role: 'agent', first_name: 'Bob', username: `anax${tag}` });
      const carla = await postUser(tenant, {
        role: 'agent',
        email: `carla-${tag}@clinic.test`,
        first_name: 'Carla',
      });
      const other = await createTenant(api.http);
      await createUser(api.http, other, 'agent', { username: `ana_${tag}`, first_name: 'Ana' });
      await api.http.delete(`/api/users/${carla.id}`).set(tenant.admin.headers).expect(200);

      const ids = async (query: string) => {
        const res = await api.http.get(`/api/users?${query}`).set(tenant.admin.headers);
        expect(res.status).toBe(200);
        expect(res.body.meta.total).toBe(res.body.data.length);
        return res.body.data.map((u: { id: string }) => u.id);
      };
      expect(await ids('role=agent')).toEqual([anx.id, carla.id]);
      expect(await ids('role=manager')).toEqual([ana.id]);
      expect(await ids('role=admin')).toEqual([tenant.admin.id]);
      expect(await ids('is_active=false')).toEqual([carla.id]);
      expect(await ids('is_active=true')).toEqual([tenant.admin.id, ana.id, anx.id]);
      expect(await ids('role=agent&is_active=true')).toEqual([anx.id]);
      expect(await ids('is_active=FALSE')).toEqual([carla.id]);
      expect(await ids('is_active=True')).toEqual([tenant.admin.id, ana.id, anx.id]);
      expect(await ids(`search=ANA_${tag}`)).toEqual([ana.id]);
      expect(await ids(`search=ana%25${tag}`)).toEqual([]);
      expect(await ids('search=ana%20silva')).toEqual([ana.id]);
      expect(await ids(`search=${tag}%40clinic`)).toEqual([carla.id]);
      const paged = await api.http.get(`/api/users?search=${tag}&limit=1`).set(tenant.admin.headers);
      expect(paged.body.data.map((u: { id: string }) => u.id)).toEqual([ana.id]);
      expect(paged.body.meta).toEqual({ total: 3, limit: 1, offset: 0 });
    });

    it('refuses unknown filter values', async () => {
      const tenant = await createTenant(api.http);
      const list = (query: string) => api.http.get(`/api/users?${query}`).set(tenant.admin.headers);
      expectValidation(await list('role=owner'), ['role']);
      expectValidation(await list('is_active=maybe'), ['is_active']);
      expectValidation(await list('is_active=MAYBE'), ['is_active']);
      expectValidation(await list('search='), ['search']);
    });
  });

  describe('POST /api/users', () => {
    it('creates a user (camelCase accepted), stores an argon2id hash and records the activity', async () => {
      const tenant = await createTenant(api.http);
      const email = `New.Person-${uniqueSuffix()}@Example.test`;
      const res = await api.http.post('/api/users').set(tenant.admin.headers).send({
        email,
        password: TEST_PASSWORD,
        firstName: ' Nora ',
        lastName: 'Nunes',
        username: 'nora',
        phone: '+351912345678',
        role: 'manager',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          tenant_id: tenant.id,
          email,
          username: 'nora',
          first_name: 'Nora',
          last_name: 'Nunes',
          phone: '+351912345678',
          role: 'manager',
          is_active: true,
          last_login_at: null,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      expectNoSecrets(res);
      const row = await userRow(res.body.data.id);
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      expect(row?.password_hash).not.toContain(TEST_PASSWORD);

      const got = await api.http.get(`/api/users/${res.body.data.id}`).set(tenant.admin.headers);
      expect(got.body).toEqual({ success: true, data: res.body.data });

      const activity = await api.http.get('/api/system/activity?type=user.created').set(tenant.admin.headers);
      expect(activity.body.data[0]).toMatchObject({
        type: 'user.created',
        actor_user_id: tenant.admin.id,
        data: { user_id: res.body.data.id },
      });

      const loggedIn = await login(email.toLowerCase());
      expect(loggedIn.status).toBe(200);
      expect(loggedIn.body.data.user).toMatchObject({ id: res.body.data.id, role: 'manager' });
    });

    it("takes the seeds' role names in any case (SalesRep, Manager, Admin) as our roles", async () => {
      const tenant = await createTenant(api.http);
      const res = await api.http
        .post('/api/users')
        .set(tenant.admin.headers)
        .send({
          email: `seed-${uniqueSuffix()}@example.test`,
          password: TEST_PASSWORD,
          first_name: 'Sam',
          last_name: 'Lee',
          role: 'SalesRep',
        });
      expect(res.status).toBe(201);
      expect(res.body.data.role).toBe('agent');
      for (const [given, role] of [
        ['Manager', 'manager'],
        ['ADMIN', 'admin'],
        ['salesrep', 'agent'],
      ]) {
        const patched = await api.http
          .patch(`/api/users/${res.body.data.id}`)
          .set(tenant.admin.headers)
          .send({ role: given });
        expect([given, patched.status, patched.body.data.role]).toEqual([given, 200, role]);
      }
    });

    it('reports every invalid field and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const before = await countUsers('tenant_id = $1', [tenant.id]);
      const res = await api.http.post('/api/users').set(tenant.admin.headers).send({
        email: 'not-an-email',
        password: 'short',
        first_name: '',
        role: 'owner',
        username: 'a b',
      });
      expectValidation(res, ['email', 'password', 'first_name', 'last_name', 'role', 'username']);
      const blank = await api.http
        .post('/api/users')
        .set(tenant.admin.headers)
        .send({
          email: `blank-${uniqueSuffix()}@example.test`,
          password: TEST_PASSWORD,
          first_name: '   ',
          last_name: ' ',
          role: 'agent',
        });
      expectValidation(blank, ['first_name', 'last_name']);
      const spaces = await api.http
        .post('/api/users')
        .set(tenant.admin.headers)
        .send({
          email: `spaces-${uniqueSuffix()}@example.test`,
          password: ' '.repeat(10),
          first_name: 'Sp',
          last_name: 'Aces',
          role: 'agent',
        });
      expectValidation(spaces, ['password']);

      const extra = await api.http
        .post('/api/users')
        .set(tenant.admin.headers)
        .send({
          email: `x-${uniqueSuffix()}@example.test`,
          password: TEST_PASSWORD,
          first_name: 'X',
          last_name: 'Y',
          role: 'agent',
          tenant_id: randomUUID(),
          is_active: false,
        });
      expectValidation(extra, ['tenant_id', 'is_active']);
      expect(extra.body.error.details).toContainEqual({
        field: 'tenant_id',
        reason: 'is not an accepted field',
      });

      const nulls = await api.http.post('/api/users').set(tenant.admin.headers).send({
        email: null,
        password: null,
        first_name: null,
        last_name: null,
        role: null,
      });
      expectValidation(nulls, ['email', 'password', 'first_name', 'last_name', 'role']);
      expect(await countUsers('tenant_id = $1', [tenant.id])).toBe(before);
    });

    it('refuses an email taken on the platform (any case, any tenant) with 409 and creates nothing', async () => {
      const tenant = await createTenant(api.http);
      const other = await createTenant(api.http);
      const taken = await createUser(api.http, other, 'agent');
      const sameEmail = () => countUsers('lower(email) = lower($1)', [taken.email]);
      expect(await sameEmail()).toBe(1);
      const res = await api.http.post('/api/users').set(tenant.admin.headers).send({
        email: taken.email.toUpperCase(),
        password: TEST_PASSWORD,
        first_name: 'Dup',
        last_name: 'Licate',
        role: 'agent',
      });
      expectError(res, 409, 'CONFLICT', 'A user with this email already exists');
      expect(await sameEmail()).toBe(1);
      expect(await countUsers('tenant_id = $1', [tenant.id])).toBe(1);
      expect((await userRow(taken.id))?.tenant_id).toBe(other.id);
    });

    it('refuses a username taken in the tenant (any case), but the same username in another tenant is fine', async () => {
      const tenant = await createTenant(api.http);
      const name = `desk${uniqueSuffix()}`;
      await postUser(tenant, { username: name });
      const before = await countUsers('tenant_id = $1', [tenant.id]);
      const dup = await api.http
        .post('/api/users')
        .set(tenant.admin.headers)
        .send({
          email: `dup-${uniqueSuffix()}@example.test`,
          password: TEST_PASSWORD,
          first_name: 'Dup',
          last_name: 'User',
          role: 'agent',
          username: name.toUpperCase(),
        });
      expectError(dup, 409, 'CONFLICT', 'This username is taken in this tenant');
      expect(await countUsers('tenant_id = $1', [tenant.id])).toBe(before);

      const other = await createTenant(api.http);
      const elsewhere = await postUser(other, { username: name });
      expect(elsewhere).toMatchObject({ tenant_id: other.id, username: name });
    });
  });

  describe('GET /api/users/:id', () => {
    it('answers one user, and 404 NOT_FOUND for an unknown or malformed id', async () => {
      const tenant = await createTenant(api.http);
      const agent = await postUser(tenant);
      const res = await api.http.get(`/api/users/${agent.id.toUpperCase()}`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: agent });
      expectNoSecrets(res);

      for (const id of [randomUUID(), 'not-a-uuid', '123', `${agent.id}x`]) {
        expectError(
          await api.http.get(`/api/users/${id}`).set(tenant.admin.headers),
          404,
          'NOT_FOUND',
          'User not found',
        );
      }
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('changes names, phone and username, and answers the user', async () => {
      const tenant = await createTenant(api.http);
      const agent = await postUser(tenant, { username: 'before', phone: '+14155550100' });
      const res = await api.http.patch(`/api/users/${agent.id}`).set(tenant.admin.headers).send({
        firstName: 'Renamed',
        last_name: ' Person ',
        username: 'after',
        phone: '+14155550199',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          ...agent,
          first_name: 'Renamed',
          last_name: 'Person',
          username: 'after',
          phone: '+14155550199',
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      expectNoSecrets(res);
      const got = await api.http.get(`/api/users/${agent.id}`).set(tenant.admin.headers);
      expect(got.body.data).toEqual(res.body.data);

      const cleared = await api.http
        .patch(`/api/users/${agent.id}`)
        .set(tenant.admin.headers)
        .send({ username: null, phone: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.data).toMatchObject({ username: null, phone: null, first_name: 'Renamed' });
    });

    it("a role change takes effect on the user's existing token at once", async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      expect((await api.http.get('/api/system/status').set(manager.headers)).status).toBe(200);

      const demoted = await api.http
        .patch(`/api/users/${manager.id}`)
        .set(tenant.admin.headers)
        .send({ role: 'agent' });
      expect(demoted.status).toBe(200);
      expect(demoted.body.data.role).toBe('agent');

      expectError(await api.http.get('/api/system/status').set(manager.headers), 403, 'AUTHORIZATION_FAILED');
      const me = await api.http.get('/api/auth/me').set(manager.headers);
      expect(me.body.data.user).toMatchObject({ id: manager.id, role: 'agent' });

      const promoted = await api.http
        .patch(`/api/users/${manager.id}`)
        .set(tenant.admin.headers)
        .send({ role: 'admin' });
      expect(promoted.body.data.role).toBe('admin');
      const users = await api.http.get('/api/users').set(manager.headers);
      expect(users.status).toBe(200);
      expect(users.body.meta.total).toBe(2);
    });

    it('a state loaded before a change never replaces the changed one (auth states are versioned)', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      expect((await api.http.get('/api/system/status').set(manager.headers)).status).toBe(200);
      await api.http
        .patch(`/api/users/${manager.id}`)
        .set(tenant.admin.headers)
        .send({ role: 'agent' })
        .expect(200);
      expect((await userRow(manager.id))?.auth_version).toBe(1);

      // A reader that read the row before the change commits and publishes late: same version, old role.
      await api.db.query(`UPDATE users SET role = 'manager' WHERE id = $1`, [manager.id]);
      await api.app.get(UserAuthStates).load(tenant.id, manager.id);
      expectError(await api.http.get('/api/system/status').set(manager.headers), 403, 'AUTHORIZATION_FAILED');

      // The next change (a newer version) is published over it.
      await api.http
        .patch(`/api/users/${manager.id}`)
        .set(tenant.admin.headers)
        .send({ role: 'manager' })
        .expect(200);
      expect((await userRow(manager.id))?.auth_version).toBe(2);
      expect((await api.http.get('/api/system/status').set(manager.headers)).status).toBe(200);
    });

    it('records user.updated with the fields that were sent, and the new role', async () => {
      const tenant = await createTenant(api.http);
      const agent = await postUser(tenant);
      await api.http
        .patch(`/api/users/${agent.id}`)
        .set(tenant.admin.headers)
        .send({ role: 'manager' })
        .expect(200);
      const activity = await api.http.get('/api/system/activity?type=user.updated').set(tenant.admin.headers);
      expect(activity.body.data).toEqual([
        expect.objectContaining({
          type: 'user.updated',
          actor_user_id: tenant.admin.id,
          data: { user_id: agent.id, fields: ['role'], role: 'manager' },
        }),
      ]);
    });

    it('a new password lets the user log in with it, and the old one stops working', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent');
      const hashBefore = (await userRow(agent.id))?.password_hash;
      const newPassword = 'a brand new passphrase';
      const res = await api.http
        .patch(`/api/users/${agent.id}`)
        .set(tenant.admin.headers)
        .send({ password: newPassword });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(newPassword);
      expectNoSecrets(res);
      const hashAfter = (await userRow(agent.id))?.password_hash;
      expect(hashAfter).toMatch(/^\$argon2id\$/);
      expect(hashAfter).not.toBe(hashBefore);

      const fresh = await login(agent.email, newPassword);
      expect(fresh.status).toBe(200);
      expect(fresh.body.data.user.id).toBe(agent.id);
      expectError(await login(agent.email), 401, 'AUTHENTICATION_REQUIRED', 'Invalid credentials');
      // Every session they had ends, one begun in the same second as the change too (this clock stands still);
      // the new login's goes on.
      expectError(
        await api.http.get('/api/auth/me').set(agent.headers),
        401,
        'AUTHENTICATION_REQUIRED',
        'Token revoked',
      );
      const refreshed = await api.http.post('/api/auth/refresh').send({ refresh_token: agent.refresh_token });
      expect(refreshed.status).toBe(401);
      const me = await api.http.get('/api/auth/me').set('Authorization', `Bearer ${fresh.body.data.token}`);
      expect(me.status).toBe(200);

      const activity = await api.http.get('/api/system/activity?type=user.updated').set(tenant.admin.headers);
      expect(JSON.stringify(activity.body)).not.toContain(newPassword);
    });

    it('refuses invalid changes with per-field details and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent', { username: 'keepme' });
      const before = await userRow(agent.id);
      const patch = (body: Record<string, unknown>) =>
        api.http.patch(`/api/users/${agent.id}`).set(tenant.admin.headers).send(body);

      expectValidation(await patch({ password: 'short', role: 'owner', first_name: 'Valid' }), [
        'password',
        'role',
      ]);
      expectValidation(await patch({ username: 'x' }), ['username']);
      expectValidation(await patch({ password: '\t'.repeat(8) }), ['password']);
      expectValidation(await patch({ is_active: 'nope' }), ['is_active']);
      expectValidation(await patch({ first_name: 'A'.repeat(101) }), ['first_name']);
      expectValidation(await patch({ email: 'new@example.test', first_name: 'Valid' }), ['email']);
      expectValidation(await patch({ tenant_id: randomUUID() }), ['tenant_id']);
      expect(await userRow(agent.id)).toEqual(before);
      expect((await login(agent.email)).status).toBe(200);
    });

    it('refuses null for fields that cannot be empty with 400, never a 500, and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent');
      const before = await userRow(agent.id);
      const fields = ['first_name', 'last_name', 'role', 'is_active', 'password'];
      const answers: Record<string, unknown> = {};
      for (const field of fields) {
        const res = await api.http
          .patch(`/api/users/${agent.id}`)
          .set(tenant.admin.headers)
          .send({ [field]: null });
        answers[field] = { status: res.status, code: res.body.error?.code, fields: res.body.error?.details };
      }
      expect(answers).toEqual(
        Object.fromEntries(
          fields.map((field) => [
            field,
            { status: 400, code: 'VALIDATION_ERROR', fields: [{ field, reason: expect.any(String) }] },
          ]),
        ),
      );
      expect(await userRow(agent.id)).toEqual(before);
    });

    it('refuses a username taken in the tenant with 409 and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const name = `front${uniqueSuffix()}`;
      await postUser(tenant, { username: name });
      const agent = await postUser(tenant, { username: 'mine' });
      const before = await userRow(agent.id);
      expectError(
        await api.http
          .patch(`/api/users/${agent.id}`)
          .set(tenant.admin.headers)
          .send({ username: name.toUpperCase(), first_name: 'Changed' }),
        409,
        'CONFLICT',
        'This username is taken in this tenant',
      );
      expect(await userRow(agent.id)).toEqual(before);
    });

    it('answers 404 NOT_FOUND for an unknown or malformed id and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      for (const id of [randomUUID(), 'nope', '00000000-0000-0000-0000-00000000000g']) {
        expectError(
          await api.http.patch(`/api/users/${id}`).set(tenant.admin.headers).send({ first_name: 'Ghost' }),
          404,
          'NOT_FOUND',
          'User not found',
        );
      }
      expect(await countUsers('first_name = $1', ['Ghost'])).toBe(0);
    });
  });

  describe('DELETE /api/users/:id', () => {
    it('deactivates: the existing token gets 401, login and refresh get 401, the user stays listed', async () => {
      const tenant = await createTenant(api.http);
      const agent = await createUser(api.http, tenant, 'agent');
      expect((await api.http.get('/api/auth/me').set(agent.headers)).status).toBe(200);

      const res = await api.http.delete(`/api/users/${agent.id}`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: expect.objectContaining({
          id: agent.id,
          tenant_id: tenant.id,
          is_active: false,
          role: 'agent',
        }),
      });
      expectNoSecrets(res);
      expect((await userRow(agent.id))?.is_active).toBe(false);

      expectError(await api.http.get('/api/auth/me').set(agent.headers), 401, 'AUTHENTICATION_REQUIRED');
      expectError(await login(agent.email), 401, 'AUTHENTICATION_REQUIRED', 'Invalid credentials');
      expectError(
        await api.http.post('/api/auth/refresh').send({ refresh_token: agent.refresh_token }),
        401,
        'AUTHENTICATION_REQUIRED',
      );

      const listed = await api.http.get('/api/users?is_active=false').set(tenant.admin.headers);
      expect(listed.body.data.map((u: { id: string }) => u.id)).toEqual([agent.id]);
      const activity = await api.http
        .get('/api/system/activity?type=user.deactivated')
        .set(tenant.admin.headers);
      expect(activity.body.data).toEqual([
        expect.objectContaining({
          type: 'user.deactivated',
          actor_user_id: tenant.admin.id,
          data: expect.objectContaining({ user_id: agent.id }),
        }),
      ]);
    });

    it("takes the deactivated user's agent offline: the dialer puts no more calls through to their phone", async () => {
      const tenant = await createTenant(api.http);
      const user = await createUser(api.http, tenant, 'agent');
      const agentId = await createAgent(api.http, tenant, { user_id: user.id });
      const available = await api.http
        .put(`/api/agents/${agentId}/status`)
        .set(tenant.admin.headers)
        .send({ status: 'available' });
      expect(available.status).toBe(200);
      expect((await api.http.delete(`/api/users/${user.id}`).set(tenant.admin.headers)).status).toBe(200);
      const agent = await api.http.get(`/api/agents/${agentId}`).set(tenant.admin.headers);
      expect(agent.body.data.status).toBe('offline');
    });

    it('linking an available agent to a deactivated user (PATCH user_id) takes the agent offline', async () => {
      const tenant = await createTenant(api.http);
      const user = await createUser(api.http, tenant, 'agent');
      expect((await api.http.delete(`/api/users/${user.id}`).set(tenant.admin.headers)).status).toBe(200);
      const agentId = await createAgent(api.http, tenant, { name: 'Unlinked', phone: '+14155550124' });
      const available = await api.http
        .put(`/api/agents/${agentId}/status`)
        .set(tenant.admin.headers)
        .send({ status: 'available' });
      expect(available.status).toBe(200);
      const linked = await api.http
        .patch(`/api/agents/${agentId}`)
        .set(tenant.admin.headers)
        .send({ user_id: user.id });
      expect(linked.status).toBe(200);
      expect(linked.body.data).toMatchObject({ user_id: user.id, status: 'offline' });
      const [row] = await api.db.query('SELECT status FROM agents WHERE id = $1', [agentId]);
      expect(row.status).toBe('offline');
    });

    it("refuses any status but offline for a deactivated user's agent (409) until the user is reactivated", async () => {
      const tenant = await createTenant(api.http);
      const user = await createUser(api.http, tenant, 'agent');
      const agentId = await createAgent(api.http, tenant, { user_id: user.id, phone: '+14155550123' });
      const setStatus = (status: string) =>
        api.http.put(`/api/agents/${agentId}/status`).set(tenant.admin.headers).send({ status });
      expect((await api.http.delete(`/api/users/${user.id}`).set(tenant.admin.headers)).status).toBe(200);
      const before = await api.http.get(`/api/agents/${agentId}`).set(tenant.admin.headers);
      expect(before.body.data.status).toBe('offline');
      for (const status of ['available', 'busy', 'break']) {
        const res = await setStatus(status);
        expect({ status: res.status, body: res.body }).toEqual({
          status: 409,
          body: {
            success: false,
            error: {
              code: 'CONFLICT',
              message: "The agent's user is deactivated: reactivate the user (is_active) first",
              details: { field: 'user_id' },
            },
          },
        });
      }
      const after = await api.http.get(`/api/agents/${agentId}`).set(tenant.admin.headers);
      expect(after.body.data).toEqual(before.body.data);
      expect((await setStatus('offline')).status).toBe(200);

      const reactivated = await api.http
        .patch(`/api/users/${user.id}`)
        .set(tenant.admin.headers)
        .send({ is_active: true });
      expect(reactivated.status).toBe(200);
      const available = await setStatus('available');
      expect(available.status).toBe(200);
      expect(available.body.data.status).toBe('available');
    });

    it('an admin cannot deactivate themself (409), by DELETE or PATCH, and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      await createUser(api.http, tenant, 'admin'); // so the self rule, not the last-admin rule, answers
      const before = await userRow(tenant.admin.id);
      expectError(
        await api.http.delete(`/api/users/${tenant.admin.id}`).set(tenant.admin.headers),
        409,
        'CONFLICT',
        'You cannot deactivate yourself',
      );
      expectError(
        await api.http
          .patch(`/api/users/${tenant.admin.id}`)
          .set(tenant.admin.headers)
          .send({ is_active: false, first_name: 'Gone' }),
        409,
        'CONFLICT',
        'You cannot deactivate yourself',
      );
      expect(await userRow(tenant.admin.id)).toEqual(before);
      expect((await api.http.get('/api/auth/me').set(tenant.admin.headers)).status).toBe(200);
    });

    it('the last active admin cannot be demoted or deactivated (409), and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const key = await createApiKey(api.http, tenant, 'admin');
      const second = await createUser(api.http, tenant, 'admin');
      // A deactivated admin does not count.
      await api.http.delete(`/api/users/${second.id}`).set(tenant.admin.headers).expect(200);
      const before = await userRow(tenant.admin.id);

      const attempts = [
        api.http.patch(`/api/users/${tenant.admin.id}`).set(tenant.admin.headers).send({ role: 'manager' }),
        api.http.patch(`/api/users/${tenant.admin.id}`).set('X-API-Key', key.key).send({ role: 'agent' }),
        api.http.patch(`/api/users/${tenant.admin.id}`).set('X-API-Key', key.key).send({ is_active: false }),
        api.http.delete(`/api/users/${tenant.admin.id}`).set('X-API-Key', key.key),
      ];
      for (const attempt of attempts) {
        expectError(await attempt, 409, 'CONFLICT', 'A tenant keeps at least one active admin');
      }
      expect(await userRow(tenant.admin.id)).toEqual(before);
      expect(await countUsers("tenant_id = $1 AND role = 'admin' AND is_active", [tenant.id])).toBe(1);

      // With a second active admin, the first can be demoted.
      await api.http
        .patch(`/api/users/${second.id}`)
        .set(bearer(key.key))
        .send({ is_active: true })
        .expect(200);
      const demoted = await api.http
        .patch(`/api/users/${tenant.admin.id}`)
        .set(tenant.admin.headers)
        .send({ role: 'manager' });
      expect(demoted.status).toBe(200);
      expect(demoted.body.data.role).toBe('manager');
    });

    it('two admins demoting each other at the same moment still leave one active admin', async () => {
      const tenant = await createTenant(api.http);
      const second = await createUser(api.http, tenant, 'admin');
      const results = await Promise.all([
        api.http.patch(`/api/users/${second.id}`).set(tenant.admin.headers).send({ role: 'agent' }),
        api.http.patch(`/api/users/${tenant.admin.id}`).set(second.headers).send({ role: 'agent' }),
      ]);
      // The loser was demoted before its own request was authorised (403: no longer an admin), or after (409: it
      // would leave no admin); either way its change is refused and the winner's stands.
      const [won, lost] = results[0].status === 200 ? results : [results[1], results[0]];
      expect(won.status).toBe(200);
      expect(won.body.data.role).toBe('agent');
      expect([
        [403, 'AUTHORIZATION_FAILED'],
        [409, 'CONFLICT'],
      ]).toContainEqual([lost.status, lost.body.error?.code]);
      expect(await countUsers("tenant_id = $1 AND role = 'admin' AND is_active", [tenant.id])).toBe(1);
    });

    it('answers 404 NOT_FOUND for an unknown or malformed id', async () => {
      const tenant = await createTenant(api.http);
      for (const id of [randomUUID(), 'not-a-uuid']) {
        expectError(
          await api.http.delete(`/api/users/${id}`).set(tenant.admin.headers),
          404,
          'NOT_FOUND',
          'User not found',
        );
      }
      expect(await countUsers('tenant_id = $1 AND NOT is_active', [tenant.id])).toBe(0);
    });
  });
});
