import { bearer, createTenant, createUser, TEST_PASSWORD, uniqueSuffix, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';

describe('auth (e2e)', () => {
  const api = useTestApi();

  const countUsers = (email: string) =>
    api.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [email])
      .then((r) => r[0].n as number);

  describe('register', () => {
    it('creates a tenant and its admin, answering the key shape of DESIGN §3', async () => {
      const res = await api.http.post('/api/auth/register').send({
        email: 'Owner@Clinic.test',
        password: TEST_PASSWORD,
        first_name: 'Olga',
        last_name: 'Owner',
        tenant_name: 'Sunrise Clinic',
      });
      expect(res.status).toBe(201);
      expect(res.body.success).toBe(true);
      const { token, refresh_token, expires_in, user } = res.body.data;
      expect(typeof token).toBe('string');
      expect(typeof refresh_token).toBe('string');
      expect(expires_in).toBe(3600);
      expect(user).toMatchObject({
        email: 'Owner@Clinic.test',
        role: 'admin',
        first_name: 'Olga',
        last_name: 'Owner',
        tenant_name: 'Sunrise Clinic',
      });
      expect(user.tenant_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
      const tenant = await api.http.get('/api/tenant').set(bearer(token));
      expect(tenant.body.data).toMatchObject({
        id: user.tenant_id,
        name: 'Sunrise Clinic',
        slug: 'sunrise-clinic',
        timezone: 'UTC',
      });
    });

    it('accepts the seeds camelCase spellings (firstName, lastName, tenantName)', async () => {
      const res = await api.http.post('/api/auth/register').send({
        email: 'camel@case.test',
        password: TEST_PASSWORD,
        firstName: 'Cam',
        lastName: 'El',
        tenantName: 'Camel Co',
      });
      expect(res.status).toBe(201);
      expect(res.body.data.user).toMatchObject({
        first_name: 'Cam',
        last_name: 'El',
        tenant_name: 'Camel Co',
      });
    });

    it('refuses a taken email (any case) with 409 and creates nothing', async () => {
      const first = await createTenant(api.http);
      const res = await api.http.post('/api/auth/register').send({
        email: first.admin.email.toUpperCase(),
        password: TEST_PASSWORD,
        first_name: 'X',
        last_name: 'Y',
        tenant_name: 'Another Name Entirely',
      });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        success: false,
        error: { code: 'CONFLICT', message: expect.any(String), details: null },
      });
      // Other test files create tenants in the same database meanwhile: look for this request's tenant only.
      const made = await api.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM tenants WHERE lower(name) = 'another name entirely'`);
      expect(made[0].n).toBe(0);
    });

    it('refuses a tenant name that exists (case-insensitive) and leaves no user behind', async () => {
      const first = await createTenant(api.http);
      const res = await api.http.post('/api/auth/register').send({
        email: 'second-owner@example.test',
        password: TEST_PASSWORD,
        first_name: 'X',
        last_name: 'Y',
        tenant_name: first.name.toUpperCase(),
      });
      expect(res.status).toBe(409);
      expect(await countUsers('second-owner@example.test')).toBe(0);
    });

    it('reports every invalid field', async () => {
      const res = await api.http
        .post('/api/auth/register')
        .send({ email: 'not-an-email', password: 'short', first_name: '', tenant_name: 'Z' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      const fields = res.body.error.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining(['email', 'password', 'first_name', 'last_name', 'tenant_name']),
      );
    });

    it('refuses a password of spaces alone (however long) and creates nothing', async () => {
      const res = await api.http.post('/api/auth/register').send({
        email: 'blank-password@example.test',
        password: ' '.repeat(12),
        first_name: 'B',
        last_name: 'Lank',
        tenant_name: 'Blank Password Clinic',
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: [{ field: 'password', reason: 'must not be only spaces' }],
      });
      expect(await countUsers('blank-password@example.test')).toBe(0);
    });

    it('needs tenant_name when creating a tenant', async () => {
      const res = await api.http
        .post('/api/auth/register')
        .send({ email: 'nt@example.test', password: TEST_PASSWORD, first_name: 'N', last_name: 'T' });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { field: 'tenant_name', reason: 'is required to create a tenant' },
      ]);
      expect(await countUsers('nt@example.test')).toBe(0);
    });

    it('cannot join an existing tenant or pick a role without that tenant admin token', async () => {
      const tenant = await createTenant(api.http);
      const base = { password: TEST_PASSWORD, first_name: 'In', last_name: 'Truder' };
      const noToken = await api.http
        .post('/api/auth/register')
        .send({ ...base, email: 'j1@example.test', tenant_id: tenant.id, role: 'admin' });
      expect(noToken.status).toBe(401);
      expect(noToken.body.error.code).toBe('AUTHENTICATION_REQUIRED');
      const roleOnly = await api.http
        .post('/api/auth/register')
        .send({ ...base, email: 'j2@example.test', role: 'admin', tenant_name: 'Mine' });
      expect(roleOnly.status).toBe(401);

      const agent = await createUser(api.http, tenant, 'agent');
      const byAgent = await api.http
        .post('/api/auth/register')
        .set(agent.headers)
        .send({ ...base, email: 'j3@example.test', tenant_id: tenant.id });
      expect(byAgent.status).toBe(403);
      expect(byAgent.body.error.code).toBe('AUTHORIZATION_FAILED');

      const other = await createTenant(api.http);
      const byOtherAdmin = await api.http
        .post('/api/auth/register')
        .set(other.admin.headers)
        .send({ ...base, email: 'j4@example.test', tenant_id: tenant.id });
      expect(byOtherAdmin.status).toBe(404);

      const badToken = await api.http
        .post('/api/auth/register')
        .set(bearer('not.a.jwt'))
        .send({ ...base, email: 'j5@example.test', tenant_id: tenant.id });
      expect(badToken.status).toBe(401);

      for (const email of [
        'j1@example.test',
        'j2@example.test',
        'j3@example.test',
        'j4@example.test',
        'j5@example.test',
      ]) {
        expect(await countUsers(email)).toBe(0);
      }
    });

    it('with a token, tenant_name alone still creates a tenant (never a user of the caller tenant)', async () => {
      const tenant = await createTenant(api.http);
      const suffix = uniqueSuffix();
      const email = `second-clinic-${suffix}@example.test`;
      const tenantName = `Second Clinic ${suffix}`;
      const body = {
        email,
        password: TEST_PASSWORD,
        first_name: 'Se',
        last_name: 'Cond',
        tenant_name: tenantName,
      };
      const db = api.app.get(DataSource);
      const countTenants = () =>
        db.query('SELECT count(*)::int AS n FROM tenants WHERE name = $1', [tenantName]).then((r) => r[0].n);
      // With tenant_id or role it would be both: refused, and nothing is created.
      for (const extra of [{ tenant_id: tenant.id }, { role: 'manager' }]) {
        const res = await api.http
          .post('/api/auth/register')
          .set(tenant.admin.headers)
          .send({ ...body, ...extra });
        expect(res.status).toBe(400);
        expect(res.body.error.details).toEqual([{ field: 'tenant_name', reason: expect.any(String) }]);
      }
      expect(await countUsers(email)).toBe(0);
      expect(await countTenants()).toBe(0);

      const res = await api.http.post('/api/auth/register').set(tenant.admin.headers).send(body);
      expect(res.status).toBe(201);
      expect(res.body.data.user).toMatchObject({ email, role: 'admin', tenant_name: tenantName });
      expect(res.body.data.user.tenant_id).not.toBe(tenant.id);
      expect(await countTenants()).toBe(1);
      const users = await api.http.get('/api/users').set(tenant.admin.headers);
      expect(users.body.data.map((u: { email: string }) => u.email)).not.toContain(email);
    });

    it("lets the tenant's admin add a user with a role", async () => {
      const tenant = await createTenant(api.http);
      const res = await api.http.post('/api/auth/register').set(tenant.admin.headers).send({
        email: 'joined@example.test',
        password: TEST_PASSWORD,
        first_name: 'Jo',
        last_name: 'In',
        tenant_id: tenant.id,
        role: 'manager',
      });
      expect(res.status).toBe(201);
      expect(res.body.data.user).toMatchObject({ tenant_id: tenant.id, role: 'manager' });
      // Its id in capitals is the same tenant (a UUID's case means nothing).
      const upper = await api.http.post('/api/auth/register').set(tenant.admin.headers).send({
        email: 'joined-upper@example.test',
        password: TEST_PASSWORD,
        first_name: 'Up',
        last_name: 'Per',
        tenant_id: tenant.id.toUpperCase(),
        role: 'agent',
      });
      expect(upper.status).toBe(201);
      expect(upper.body.data.user).toMatchObject({ tenant_id: tenant.id, role: 'agent' });
    });
  });

  describe('login', () => {
    it('takes an email with spaces around it (as a phone keyboard adds one) at register, login and user creation', async () => {
      const suffix = uniqueSuffix();
      const registered = await api.http.post('/api/auth/register').send({
        email: `  Spaced-${suffix}@Example.test `,
        password: TEST_PASSWORD,
        first_name: 'S',
        last_name: 'P',
        tenant_name: `Spaced ${suffix}`,
      });
      expect(registered.status).toBe(201);
      expect(registered.body.data.user.email).toBe(`Spaced-${suffix}@Example.test`);
      const login = await api.http
        .post('/api/auth/login')
        .send({ email: ` spaced-${suffix}@example.test  `, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.data.user.id).toBe(registered.body.data.user.id);
      const created = await api.http
        .post('/api/users')
        .set(bearer(registered.body.data.token))
        .send({
          email: ` agent-${suffix}@example.test `,
          password: TEST_PASSWORD,
          first_name: 'A',
          last_name: 'G',
          role: 'agent',
        });
      expect(created.status).toBe(201);
      expect(created.body.data.email).toBe(`agent-${suffix}@example.test`);
    });

    it('logs in by email, and by username with the tenant slug or name (seed 003 clinicName)', async () => {
      const tenant = await createTenant(api.http, 'Test Clinic Login');
      await createUser(api.http, tenant, 'agent', { username: 'demo' });
      const bySlug = await api.http
        .post('/api/auth/login')
        .send({ username: 'demo', password: TEST_PASSWORD, tenant: 'test-clinic-login' });
      expect(bySlug.status).toBe(200);
      expect(bySlug.body.data.user).toMatchObject({ username: 'demo', role: 'agent', tenant_id: tenant.id });
      const byClinicName = await api.http
        .post('/api/auth/login')
        .send({ clinicName: 'test clinic login', username: 'DEMO', password: TEST_PASSWORD });
      expect(byClinicName.status).toBe(200);
      const byEmail = await api.http
        .post('/api/auth/login')
        .send({ email: tenant.admin.email.toUpperCase(), password: TEST_PASSWORD });
      expect(byEmail.status).toBe(200);
      expect(byEmail.body.data.user.id).toBe(tenant.admin.id);
    });

    it('takes a username with spaces around it, as it takes the tenant', async () => {
      const tenant = await createTenant(api.http, `Spaced Username ${uniqueSuffix()}`);
      const user = await createUser(api.http, tenant, 'agent', { username: 'spacey' });
      const res = await api.http
        .post('/api/auth/login')
        .send({ username: ' spacey  ', password: TEST_PASSWORD, tenant: ` ${tenant.name} ` });
      expect(res.status).toBe(200);
      expect(res.body.data.user.id).toBe(user.id);
    });

    it("answers the user fields the seeds' examples show: 003's clinicName and 004's name", async () => {
      const tenant = await createTenant(api.http, 'Seed Fields Clinic');
      await createUser(api.http, tenant, 'admin', { username: 'demo', first_name: 'John', last_name: 'Doe' });
      const seed003 = await api.http
        .post('/api/auth/login')
        .send({ clinicName: 'Seed Fields Clinic', username: 'demo', password: TEST_PASSWORD });
      expect(seed003.status).toBe(200);
      const seed003User = { username: 'demo', clinic_name: 'Seed Fields Clinic', role: 'admin' };
      expect(seed003.body.data.user).toMatchObject(seed003User);
      const verify = await api.http.get('/api/auth/verify').set(bearer(seed003.body.data.token));
      expect(verify.body.data.user).toMatchObject(seed003User);
      const seed004 = await api.http
        .post('/api/auth/login')
        .send({ email: tenant.admin.email, password: TEST_PASSWORD });
      expect(seed004.body.data.user).toMatchObject({ email: tenant.admin.email, name: 'Ada Admin' });
    });

    it("a tenant named after another's slug does not take its logins: the slug wins", async () => {
      const victim = await createTenant(api.http);
      await createUser(api.http, victim, 'agent', { username: 'demo' });
      const db = api.app.get(DataSource);
      const [{ slug }] = await db.query('SELECT slug FROM tenants WHERE id = $1', [victim.id]);
      const squatter = await createTenant(api.http, slug);
      expect(squatter.id).not.toBe(victim.id);
      // The victim's row is written again, so it now lies after the squatter's in the table.
      await db.query(`UPDATE tenants SET updated_at = now() WHERE id = $1`, [victim.id]);
      for (let i = 0; i < 3; i++) {
        const res = await api.http
          .post('/api/auth/login')
          .send({ username: 'demo', password: TEST_PASSWORD, tenant: slug });
        expect(res.status).toBe(200);
        expect(res.body.data.user.tenant_id).toBe(victim.id);
      }
    });

    it('answers the same 401 for a wrong password, an unknown email, a wrong tenant and an unknown tenant', async () => {
      const tenant = await createTenant(api.http);
      const wrong = await api.http
        .post('/api/auth/login')
        .send({ email: tenant.admin.email, password: 'wrong password!' });
      const unknown = await api.http
        .post('/api/auth/login')
        .send({ email: 'nobody@example.test', password: TEST_PASSWORD });
      const other = await createTenant(api.http);
      const wrongTenant = await api.http
        .post('/api/auth/login')
        .send({ email: tenant.admin.email, password: TEST_PASSWORD, tenant: other.name });
      const unknownTenant = await api.http
        .post('/api/auth/login')
        .send({ username: 'demo', password: TEST_PASSWORD, tenant: `no-such-clinic-${uniqueSuffix()}` });
      for (const res of [wrong, unknown, wrongTenant, unknownTenant]) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual({
          success: false,
          error: { code: 'AUTHENTICATION_REQUIRED', message: 'Invalid credentials', details: null },
        });
      }
    });

    it('needs a tenant with a username', async () => {
      const res = await api.http.post('/api/auth/login').send({ username: 'demo', password: TEST_PASSWORD });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'tenant', reason: 'is required with username' }]);
      // A tenant that is no text is refused as such, with an email as with a username.
      for (const by of [{ email: 'ana@example.test' }, { username: 'demo' }]) {
        const wrong = await api.http
          .post('/api/auth/login')
          .send({ ...by, password: TEST_PASSWORD, tenant: 5 });
        expect(wrong.status).toBe(400);
        expect(wrong.body.error.details).toEqual([
          { field: 'tenant', reason: "must be the tenant's slug or name" },
        ]);
      }
    });
  });

  describe('me, verify, logout, refresh', () => {
    it('me and verify describe the caller', async () => {
      const tenant = await createTenant(api.http);
      const me = await api.http.get('/api/auth/me').set(tenant.admin.headers);
      expect(me.status).toBe(200);
      expect(me.body.data).toMatchObject({
        principal_type: 'user',
        user: { id: tenant.admin.id, role: 'admin' },
        tenant: { id: tenant.id },
      });
      const verify = await api.http.get('/api/auth/verify').set(tenant.admin.headers);
      expect(verify.body.data).toMatchObject({ valid: true, user: { id: tenant.admin.id } });
      expect(new Date(verify.body.data.expires_at).getTime()).toBeGreaterThan(api.clock.nowMs());
    });

    it('logout revokes the access token and the refresh token sent with it', async () => {
      const tenant = await createTenant(api.http);
      const out = await api.http
        .post('/api/auth/logout')
        .set(tenant.admin.headers)
        .send({ refresh_token: tenant.admin.refresh_token });
      expect(out.status).toBe(200);
      expect(out.body.data).toEqual({ message: 'Successfully logged out' });
      const after = await api.http.get('/api/auth/me').set(tenant.admin.headers);
      expect(after.status).toBe(401);
      expect(after.body.error).toEqual({
        code: 'AUTHENTICATION_REQUIRED',
        message: 'Token revoked',
        details: null,
      });
      const refresh = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: tenant.admin.refresh_token });
      expect(refresh.status).toBe(401);
    });

    it("logout ends the session: its refresh token (a refreshed pair's too) is refused without being sent; another login's still works", async () => {
      const tenant = await createTenant(api.http);
      const other = await api.http
        .post('/api/auth/login')
        .send({ email: tenant.admin.email, password: TEST_PASSWORD });
      expect(other.status).toBe(200);
      // A refresh keeps the session: its new pair belongs to the same login.
      const refreshed = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: tenant.admin.refresh_token });
      expect(refreshed.status).toBe(200);
      const out = await api.http.post('/api/auth/logout').set(bearer(refreshed.body.data.token));
      expect(out.status).toBe(200);
      const again = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: refreshed.body.data.refresh_token });
      expect(again.status).toBe(401);
      expect(again.body.error).toEqual({
        code: 'AUTHENTICATION_REQUIRED',
        message: 'Token revoked',
        details: null,
      });
      // So is the session's first access token, which logout was not called with.
      const first = await api.http.get('/api/auth/me').set(bearer(tenant.admin.token));
      expect(first.status).toBe(401);
      expect(first.body.error).toEqual({
        code: 'AUTHENTICATION_REQUIRED',
        message: 'Token revoked',
        details: null,
      });
      expect((await api.http.get('/api/auth/me').set(bearer(other.body.data.token))).status).toBe(200);
      // The other login is another session.
      const theirs = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: other.body.data.refresh_token });
      expect(theirs.status).toBe(200);
    });

    it('refresh rotates: the new pair works, the old refresh token is refused the second time', async () => {
      const tenant = await createTenant(api.http);
      const first = await api.http
        .post('/api/auth/refresh')
        .send({ refreshToken: tenant.admin.refresh_token });
      expect(first.status).toBe(200);
      expect((await api.http.get('/api/auth/me').set(bearer(first.body.data.token))).status).toBe(200);
      const clock = api.clock.now();
      api.clock.advance(11_000);
      try {
        const reused = await api.http
          .post('/api/auth/refresh')
          .send({ refresh_token: tenant.admin.refresh_token });
        expect(reused.status).toBe(401);
      } finally {
        api.clock.set(clock);
      }
      const accessAsRefresh = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: tenant.admin.token });
      expect(accessAsRefresh.status).toBe(401);
    });

    it('two refreshes of one token at once (two tabs) each get a pair of the session, within 10 s of the first', async () => {
      const tenant = await createTenant(api.http);
      const refresh = () =>
        api.http.post('/api/auth/refresh').send({ refresh_token: tenant.admin.refresh_token });
      const [one, two] = await Promise.all([refresh(), refresh()]);
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(one.body.data.refresh_token).not.toBe(two.body.data.refresh_token);
      for (const pair of [one, two])
        expect((await api.http.get('/api/auth/me').set(bearer(pair.body.data.token))).status).toBe(200);
      const clock = api.clock.now();
      api.clock.advance(9_000);
      expect((await refresh()).status).toBe(200);
      api.clock.set(clock);
      // The session lives on: each pair refreshes in turn.
      for (const pair of [one, two]) {
        const next = await api.http
          .post('/api/auth/refresh')
          .send({ refresh_token: pair.body.data.refresh_token });
        expect(next.status).toBe(200);
      }
    });

    it("a replayed refresh token ends its session: the newest pair is refused too; another login's still works", async () => {
      const tenant = await createTenant(api.http);
      const other = await api.http
        .post('/api/auth/login')
        .send({ email: tenant.admin.email, password: TEST_PASSWORD });
      // The thief refreshes first with a copied refresh token; the user's own refresh is then a replay.
      const stolen = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: tenant.admin.refresh_token });
      expect(stolen.status).toBe(200);
      const clock = api.clock.now();
      api.clock.advance(11_000);
      const replayed = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: tenant.admin.refresh_token });
      api.clock.set(clock);
      expect(replayed.status).toBe(401);
      expect(replayed.body.error).toEqual({
        code: 'AUTHENTICATION_REQUIRED',
        message: 'Token revoked',
        details: null,
      });
      const thiefAccess = await api.http.get('/api/auth/me').set(bearer(stolen.body.data.token));
      expect(thiefAccess.status).toBe(401);
      expect(thiefAccess.body.error).toEqual({
        code: 'AUTHENTICATION_REQUIRED',
        message: 'Token revoked',
        details: null,
      });
      const thiefRefresh = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: stolen.body.data.refresh_token });
      expect(thiefRefresh.status).toBe(401);
      expect((await api.http.get('/api/auth/me').set(bearer(other.body.data.token))).status).toBe(200);
      const theirs = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: other.body.data.refresh_token });
      expect(theirs.status).toBe(200);
    });

    it('an expired token (on the platform clock) and a tampered one get 401', async () => {
      const tenant = await createTenant(api.http);
      const [head, body] = tenant.admin.token.split('.');
      const tampered = `${head}.${body}.${'A'.repeat(43)}`;
      expect((await api.http.get('/api/auth/me').set(bearer(tampered))).status).toBe(401);
      const forged = JSON.parse(Buffer.from(body, 'base64url').toString());
      forged.role = 'admin';
      forged.tid = '00000000-0000-4000-8000-000000000000';
      const reSigned = `${head}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${tenant.admin.token.split('.')[2]}`;
      expect((await api.http.get('/api/auth/me').set(bearer(reSigned))).status).toBe(401);

      const clock = api.clock.now();
      api.clock.advance(3601 * 1000);
      try {
        const expired = await api.http.get('/api/auth/me').set(tenant.admin.headers);
        expect(expired.status).toBe(401);
        expect(expired.body.error.message).toBe('Token expired');
      } finally {
        api.clock.set(clock);
      }
      expect((await api.http.get('/api/auth/me').set(tenant.admin.headers)).status).toBe(200);
    });

    it('a missing token is a 401 envelope', async () => {
      const res = await api.http.get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        error: { code: 'AUTHENTICATION_REQUIRED', message: 'Authentication required', details: null },
      });
    });
  });
});
