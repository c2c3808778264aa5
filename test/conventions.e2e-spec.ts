import {
  bearer,
  countRows,
  createTenant,
  createUser,
  EchoWebhookModule,
  expectValidation,
  TEST_PASSWORD,
  TestApi,
  TestTenant,
  uniqueSuffix,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';

/** DESIGN §3 conventions, seen from outside: envelopes, error codes, limits, ids, CORS, pagination, aliases. */

/** Nothing of the server's insides in a body: no stack, no driver error, no SQL, no file paths. */
function expectNoLeak(res: Response): void {
  const text = res.text ?? '';
  expect(text).not.toMatch(/QueryFailedError|TypeORMError|EntityNotFound/);
  expect(text).not.toMatch(/\bstack\b/i);
  expect(text).not.toMatch(/\bat [\w$.<>[\] ]+ \(/);
  expect(text).not.toMatch(/\bat .*:\d+:\d+/);
  expect(text).not.toMatch(/\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b.*\b(FROM|VALUES|SET|WHERE)\b/i);
  expect(text).not.toMatch(/node_modules|\.ts:\d+|\.js:\d+/);
  expect(text).not.toMatch(/duplicate key|violates|relation "|column "|syntax error at/i);
}

/** The error envelope with exactly `code`, a message and (when given) exact details; never a leak. */
function expectError(res: Response, status: number, code: string, details?: unknown): void {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: {
      success: false,
      error:
        details === undefined
          ? { code, message: expect.any(String), details: null }
          : { code, message: expect.any(String), details },
    },
  });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expectNoLeak(res);
}

/** Every key of every object in `value`, at any depth. */
function allKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => allKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...allKeys(v, `${path}.${k}`)]);
}

function expectSnakeCaseOnly(body: unknown): void {
  const keys = allKeys(body);
  expect(keys.length).toBeGreaterThan(0);
  const camel = keys.filter((k) => /[A-Z]/.test(k.slice(k.lastIndexOf('.') + 1)));
  expect(camel).toEqual([]);
}

function registerBody(overrides: Record<string, unknown> = {}) {
  const id = uniqueSuffix();
  return {
    email: `conv-${id}@example.test`,
    password: TEST_PASSWORD,
    first_name: 'Conny',
    last_name: 'Ventions',
    tenant_name: `Conventions ${id}`,
    ...overrides,
  };
}

function countUsers(api: TestApi, email: string): Promise<number> {
  return countRows(api.app.get(DataSource), 'users', 'lower(email) = lower($1)', [email]);
}

function countTenantsNamed(api: TestApi, name: string): Promise<number> {
  return countRows(api.app.get(DataSource), 'tenants', 'lower(name) = lower($1)', [name]);
}

describe('API conventions (e2e)', () => {
  describe('with the default test config', () => {
    const api = useTestApi();

    describe('unknown routes', () => {
      it('GET /api/nope is a 404 envelope', async () => {
        const res = await api.http.get('/api/nope');
        expectError(res, 404, 'NOT_FOUND');
        expect(res.headers['content-type']).toMatch(/^application\/json/);
      });

      it('POST /nope (outside /api) is a 404 envelope', async () => {
        const res = await api.http.post('/nope').send({ anything: true });
        expectError(res, 404, 'NOT_FOUND');
      });

      it('a known path with an unknown method is a 404 envelope, not a 500', async () => {
        const res = await api.http.put('/api/auth/login').send({});
        expectError(res, 404, 'NOT_FOUND');
      });
    });

    describe('bodies a client gets wrong', () => {
      it('malformed JSON is a 400 VALIDATION_ERROR and registers nobody', async () => {
        const email = `malformed-${uniqueSuffix()}@example.test`;
        const res = await api.http
          .post('/api/auth/register')
          .set('Content-Type', 'application/json')
          .send(`{"email": "${email}", "password": "${TEST_PASSWORD}", "first_name": "M", `);
        expectError(res, 400, 'VALIDATION_ERROR');
        expect(await countUsers(api, email)).toBe(0);
      });

      it('an empty JSON body is no body: a bodiless action runs, a route that needs fields names them', async () => {
        const tenant = await createTenant(api.http);
        const logout = await api.http
          .post('/api/auth/logout')
          .set(tenant.admin.headers)
          .set('Content-Type', 'application/json')
          .send('');
        expect(logout.status).toBe(200);
        expect((await api.http.get('/api/auth/me').set(tenant.admin.headers)).status).toBe(401);
        const login = await api.http.post('/api/auth/login').set('Content-Type', 'application/json').send('');
        expectError(login, 400, 'VALIDATION_ERROR', [
          { field: 'email', reason: 'must be an email (or send username and tenant)' },
          { field: 'password', reason: 'must be a string' },
        ]);
      });

      it.each([
        ['text/plain', (b: object) => JSON.stringify(b)],
        ['application/xml', () => '<register><email>x@example.test</email></register>'],
        ['text/csv', () => 'email,password\nx@example.test,secret'],
      ])('a %s body is a 415 UNSUPPORTED_MEDIA_TYPE and registers nobody', async (type, make) => {
        const body = registerBody();
        const res = await api.http.post('/api/auth/register').set('Content-Type', type).send(make(body));
        expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(await countUsers(api, body.email)).toBe(0);
        expect(await countTenantsNamed(api, body.tenant_name)).toBe(0);
      });

      it('an unknown body field is a 400 naming the field, and registers nobody', async () => {
        const body = registerBody({ nickname: 'Zed' });
        const res = await api.http.post('/api/auth/register').send(body);
        expectError(res, 400, 'VALIDATION_ERROR', [
          { field: 'nickname', reason: 'is not an accepted field' },
        ]);
        expect(res.body.error.message).toContain('nickname');
        expect(await countUsers(api, body.email)).toBe(0);
      });

      it('text no field can hold (a lone surrogate, a NUL) is a 400 naming each field, and registers nobody', async () => {
        const body = registerBody({ first_name: 'Ze\ud800d', last_name: 'Nu\u0000l' });
        const res = await api.http.post('/api/auth/register').send(body);
        expectError(res, 400, 'VALIDATION_ERROR', [
          { field: 'first_name', reason: 'contains an unpaired surrogate, which is not valid Unicode' },
          { field: 'last_name', reason: 'contains a NUL character, which cannot be stored' },
        ]);
        expect(await countUsers(api, body.email)).toBe(0);
        expect(await countTenantsNamed(api, body.tenant_name)).toBe(0);
        const email = registerBody({ email: `lone-${uniqueSuffix()}\udc00@example.test` });
        expectError(await api.http.post('/api/auth/register').send(email), 400, 'VALIDATION_ERROR', [
          { field: 'email', reason: 'contains an unpaired surrogate, which is not valid Unicode' },
        ]);
        expect(await countTenantsNamed(api, email.tenant_name)).toBe(0);
      });

      it('a body nested deeper than 32 levels is a 400 (not a stack overflow), and registers nobody', async () => {
        const body = registerBody();
        const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
        const json = JSON.stringify(body).replace(/}$/, `,"extra":${deep}}`);
        const res = await api.http
          .post('/api/auth/register')
          .set('Content-Type', 'application/json')
          .send(json);
        expectError(res, 400, 'VALIDATION_ERROR', [{ field: 'body', reason: 'nests deeper than 32 levels' }]);
        expect(await countUsers(api, body.email)).toBe(0);
        expect(await countTenantsNamed(api, body.tenant_name)).toBe(0);
      });

      it('a NUL in an export filter is a 400 envelope before any CSV goes out', async () => {
        const tenant = await createTenant(api.http);
        const res = await api.http.get('/api/leads/export?search=a%00b').set(tenant.admin.headers);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expectError(res, 400, 'VALIDATION_ERROR', [
          { field: 'search', reason: 'contains a NUL character, which cannot be stored' },
        ]);
      });

      it('an unknown field on PATCH /api/tenant rejects the whole write', async () => {
        const tenant = await createTenant(api.http);
        const res = await api.http
          .patch('/api/tenant')
          .set(tenant.admin.headers)
          .send({ name: 'Renamed By A Bad Request', colour: 'red' });
        expectError(res, 400, 'VALIDATION_ERROR', [{ field: 'colour', reason: 'is not an accepted field' }]);
        const after = await api.http.get('/api/tenant').set(tenant.admin.headers);
        expect(after.body.data.name).toBe(tenant.name);
      });

      it('details list each invalid field once, with its reason', async () => {
        const tenant = await createTenant(api.http);
        const before = await api.http.get('/api/users').set(tenant.admin.headers);
        const res = await api.http
          .post('/api/users')
          .set(tenant.admin.headers)
          .send({ email: 'not-an-email', password: 'short', first_name: '', role: 'boss' });
        expect(res.status).toBe(400);
        expect(res.body.success).toBe(false);
        expect(res.body.error.code).toBe('VALIDATION_ERROR');
        const details = res.body.error.details as { field: string; reason: string }[];
        expect(Array.isArray(details)).toBe(true);
        for (const d of details) {
          expect(Object.keys(d).sort()).toEqual(['field', 'reason']);
          expect(typeof d.reason).toBe('string');
          expect(d.reason.length).toBeGreaterThan(0);
        }
        const fields = details.map((d) => d.field);
        expect(new Set(fields).size).toBe(fields.length);
        expect([...fields].sort()).toEqual(['email', 'first_name', 'last_name', 'password', 'role']);
        expectNoLeak(res);
        const after = await api.http.get('/api/users').set(tenant.admin.headers);
        expect(after.body.meta.total).toBe(before.body.meta.total);
      });
    });

    describe('no 500 and no leak for anything a client can send', () => {
      let tenant: TestTenant;
      beforeAll(async () => {
        tenant = await createTenant(api.http);
      });

      const hostile: [string, (t: TestTenant) => Promise<Response>][] = [
        ['a JSON array as a body', () => api.http.post('/api/auth/login').send([1, 2])],
        [
          'a JSON string as a body',
          () => api.http.post('/api/auth/login').set('Content-Type', 'application/json').send('"hi"'),
        ],
        [
          'a __proto__ key',
          () =>
            api.http
              .post('/api/auth/login')
              .set('Content-Type', 'application/json')
              .send('{"email":"a@b.test","password":"x","__proto__":{"role":"admin"}}'),
        ],
        ['a non-UUID path id', (t) => api.http.get('/api/users/not-a-uuid').set(t.admin.headers)],
        [
          'an offset beyond bigint',
          (t) => api.http.get('/api/users?offset=99999999999999999999').set(t.admin.headers),
        ],
        ['a limit given twice', (t) => api.http.get('/api/users?limit=1&limit=2').set(t.admin.headers)],
        ['a NUL byte in a search', (t) => api.http.get('/api/users?search=%00').set(t.admin.headers)],
        [
          'a NUL byte in a name on register',
          () => api.http.post('/api/auth/register').send(registerBody({ first_name: 'Nu\u0000ll' })),
        ],
        [
          'a NUL byte in a login email',
          () => api.http.post('/api/auth/login').send({ email: 'a\u0000@b.test', password: TEST_PASSWORD }),
        ],
        [
          'a NUL byte in a tenant name',
          (t) => api.http.patch('/api/tenant').set(t.admin.headers).send({ name: 'Bad\u0000Name' }),
        ],
        ['a garbage bearer token', () => api.http.get('/api/auth/me').set(bearer('\u00ff\u00fe.x.y'))],
        [
          'a lone surrogate in an email on register',
          () => api.http.post('/api/auth/register').send(registerBody({ email: 'a\ud800@b.test' })),
        ],
        [
          'a NUL byte in an export filter',
          (t) => api.http.get('/api/leads/export?search=%00').set(t.admin.headers),
        ],
        [
          'an offset past bigint',
          (t) => api.http.get('/api/product-context/log?offset=1e20').set(t.admin.headers),
        ],
      ];

      it('SQL in a search is only text: it matches nobody', async () => {
        const search = encodeURIComponent("%' OR 1=1 --");
        const res = await api.http.get(`/api/users?search=${search}`).set(tenant.admin.headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ success: true, data: [], meta: { total: 0, limit: 50, offset: 0 } });
      });

      it.each(hostile)('%s answers a 4xx envelope', async (_what, send) => {
        const res = await send(tenant);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body).toEqual({
          success: false,
          error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
        });
        expectNoLeak(res);
        const after = await api.http.get('/api/tenant').set(tenant.admin.headers);
        expect(after.body.data.name).toBe(tenant.name);
      });
    });

    describe('X-Request-Id', () => {
      it('every answer carries a UUID request id, a new one per request', async () => {
        const first = await api.http.get('/api/health');
        const second = await api.http.get('/api/health');
        expect(first.status).toBe(200);
        expect(first.headers['x-request-id']).toMatch(UUID_PATTERN);
        expect(second.headers['x-request-id']).toMatch(UUID_PATTERN);
        expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      });

      it('error answers carry one too (404, 400, 401, 415)', async () => {
        const answers = await Promise.all([
          api.http.get('/api/nope'),
          api.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{'),
          api.http.get('/api/auth/me'),
          api.http.post('/api/auth/login').set('Content-Type', 'text/plain').send('x'),
        ]);
        expect(answers.map((r) => r.status)).toEqual([404, 400, 401, 415]);
        for (const res of answers) expect(res.headers['x-request-id']).toMatch(UUID_PATTERN);
      });

      it("echoes the caller's own sane X-Request-Id", async () => {
        const id = `trace-${uniqueSuffix()}-0001`;
        const res = await api.http.get('/api/health').set('X-Request-Id', id);
        expect(res.headers['x-request-id']).toBe(id);
        const failed = await api.http.get('/api/nope').set('X-Request-Id', id);
        expect(failed.headers['x-request-id']).toBe(id);
      });

      it.each([
        ['with a space and !', 'bad id!'],
        ['too short', 'short'],
        ['200 characters long', 'x'.repeat(200)],
        ['with markup', '<script>alert(1)</script>'],
      ])('replaces an insane X-Request-Id (%s) with a UUID', async (_what, id) => {
        const res = await api.http.get('/api/health').set('X-Request-Id', id);
        expect(res.headers['x-request-id']).toMatch(UUID_PATTERN);
        expect(res.headers['x-request-id']).not.toBe(id);
      });
    });

    describe('CORS (CORS_ORIGINS=http://dashboard.test)', () => {
      it('a preflight from the allowed origin is allowed, with X-API-Key among the headers', async () => {
        const res = await api.http
          .options('/api/auth/login')
          .set('Origin', 'http://dashboard.test')
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'Authorization, Content-Type, X-API-Key');
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe('http://dashboard.test');
        const allowed = String(res.headers['access-control-allow-headers'])
          .split(',')
          .map((h) => h.trim().toLowerCase());
        expect(allowed).toEqual(expect.arrayContaining(['x-api-key', 'authorization', 'content-type']));
        const methods = String(res.headers['access-control-allow-methods']).split(/,\s*/);
        expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
        // Bearer tokens only: no cookies.
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      });

      it('an answer to the allowed origin exposes the rate-limit and request-id headers', async () => {
        const res = await api.http.get('/api/health').set('Origin', 'http://dashboard.test');
        expect(res.status).toBe(200);
        expect(res.headers['access-control-allow-origin']).toBe('http://dashboard.test');
        const exposed = String(res.headers['access-control-expose-headers'])
          .split(',')
          .map((h) => h.trim().toLowerCase());
        expect(exposed).toEqual(
          expect.arrayContaining([
            'x-ratelimit-limit',
            'x-ratelimit-remaining',
            'x-ratelimit-reset',
            'x-request-id',
          ]),
        );
      });

      it('a disallowed origin gets no allow-origin header, on a preflight or a request', async () => {
        const preflight = await api.http
          .options('/api/auth/login')
          .set('Origin', 'http://evil.test')
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'X-API-Key');
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        const get = await api.http.get('/api/health').set('Origin', 'http://dashboard.test.evil.test');
        expect(get.headers['access-control-allow-origin']).toBeUndefined();
      });
    });

    describe('pagination on GET /api/users', () => {
      let tenant: TestTenant;
      let ids: string[];

      beforeAll(async () => {
        tenant = await createTenant(api.http);
        const manager = await createUser(api.http, tenant, 'manager');
        const agent = await createUser(api.http, tenant, 'agent');
        ids = [tenant.admin.id, manager.id, agent.id];
      });

      const list = (query: string) => api.http.get(`/api/users${query}`).set(tenant.admin.headers);

      it('defaults to limit 50, offset 0, with the total', async () => {
        const res = await list('');
        expect(res.status).toBe(200);
        expect(res.body.success).toBe(true);
        expect(res.body.meta).toEqual({ total: 3, limit: 50, offset: 0 });
        expect(res.body.data.map((u: { id: string }) => u.id).sort()).toEqual([...ids].sort());
        expect(Object.keys(res.body).sort()).toEqual(['data', 'meta', 'success']);
      });

      it('accepts limit=100', async () => {
        const res = await list('?limit=100');
        expect(res.status).toBe(200);
        expect(res.body.meta).toEqual({ total: 3, limit: 100, offset: 0 });
        expect(res.body.data).toHaveLength(3);
      });

      it.each([
        ['limit=101', 'limit', 'must not be greater than 100'],
        ['limit=0', 'limit', 'must not be less than 1'],
        ['offset=-1', 'offset', 'must not be less than 0'],
        ['page=0', 'page', 'must not be less than 1'],
      ])('refuses %s with a 400 naming the field', async (query, field, reason) => {
        const res = await list(`?${query}`);
        expectError(res, 400, 'VALIDATION_ERROR', [{ field, reason }]);
      });

      it('refuses a limit that is not a number', async () => {
        const res = await list('?limit=abc');
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_ERROR');
        expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
      });

      it('page=2&limit=1 is offset 1, the same row as offset=1&limit=1', async () => {
        const page1 = await list('?page=1&limit=1');
        const page2 = await list('?page=2&limit=1');
        const offset1 = await list('?offset=1&limit=1');
        expect(page1.body.meta).toEqual({ total: 3, limit: 1, offset: 0 });
        expect(page2.body.meta).toEqual({ total: 3, limit: 1, offset: 1 });
        expect(page2.body.data).toHaveLength(1);
        expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);
        expect(offset1.body.data).toEqual(page2.body.data);
      });

      it('a page past the end is empty but keeps the total', async () => {
        const res = await list('?page=4&limit=1');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ success: true, data: [], meta: { total: 3, limit: 1, offset: 3 } });
      });

      it('page with offset is a 400', async () => {
        const res = await list('?page=2&offset=1');
        expectError(res, 400, 'VALIDATION_ERROR', [
          { field: 'page', reason: 'cannot be combined with offset' },
        ]);
        // Worded as every refused input is (DESIGN §3, the validation pipe's wording).
        expect(res.body.error.message).toBe('Invalid input: page cannot be combined with offset');
      });

      it('meta.total counts the filtered set', async () => {
        const res = await list('?role=agent&limit=1');
        expect(res.body.meta).toEqual({ total: 1, limit: 1, offset: 0 });
        expect(res.body.data[0].id).toBe(ids[2]);
      });
    });

    describe('input aliases and snake_case output', () => {
      it('register accepts firstName / lastName / tenantName and answers snake_case only', async () => {
        const id = uniqueSuffix();
        const res = await api.http.post('/api/auth/register').send({
          email: `alias-${id}@example.test`,
          password: TEST_PASSWORD,
          firstName: 'Alia',
          lastName: 'Sing',
          tenantName: `Alias Tenant ${id}`,
        });
        expect(res.status).toBe(201);
        expect(res.body.data.user).toMatchObject({
          first_name: 'Alia',
          last_name: 'Sing',
          tenant_name: `Alias Tenant ${id}`,
          role: 'admin',
        });
        expectSnakeCaseOnly(res.body);
        const tenant = await api.http.get('/api/tenant').set(bearer(res.body.data.token));
        expect(tenant.body.data.name).toBe(`Alias Tenant ${id}`);
        expectSnakeCaseOnly(tenant.body);
      });

      it('login accepts clinicName with username; refresh accepts refreshToken', async () => {
        const tenant = await createTenant(api.http);
        const username = `u${uniqueSuffix()}`;
        const agent = await createUser(api.http, tenant, 'agent', { username });
        const login = await api.http
          .post('/api/auth/login')
          .send({ clinicName: tenant.name, username, password: TEST_PASSWORD });
        expect(login.status).toBe(200);
        expect(login.body.data.user).toMatchObject({ id: agent.id, username, tenant_id: tenant.id });
        expectSnakeCaseOnly(login.body);

        const refreshed = await api.http
          .post('/api/auth/refresh')
          .send({ refreshToken: login.body.data.refresh_token });
        expect(refreshed.status).toBe(200);
        expect(refreshed.body.data.user.id).toBe(agent.id);
        expectSnakeCaseOnly(refreshed.body);

        const me = await api.http.get('/api/auth/me').set(bearer(refreshed.body.data.token));
        expect(me.status).toBe(200);
        expectSnakeCaseOnly(me.body);
        const users = await api.http.get('/api/users').set(tenant.admin.headers);
        expect(users.status).toBe(200);
        expectSnakeCaseOnly(users.body);
      });

      it('a body with both spellings of a field reads it once when they agree, and is a 400 naming it when not', async () => {
        const id = uniqueSuffix();
        const agreeing = await api.http.post('/api/auth/register').send({
          email: `both-a-${id}@example.test`,
          password: TEST_PASSWORD,
          first_name: 'Canon',
          firstName: 'Canon',
          lastName: 'Ical',
          last_name: 'Ical',
          tenant_name: `Both A ${id}`,
          tenantName: `Both A ${id}`,
        });
        expect(agreeing.status).toBe(201);
        expect(agreeing.body.data.user).toMatchObject({
          first_name: 'Canon',
          last_name: 'Ical',
          tenant_name: `Both A ${id}`,
        });

        // Whichever comes first, neither spelling wins: the request is refused and nothing is created.
        for (const [letter, body] of [
          [
            'B',
            {
              first_name: 'Canon',
              firstName: 'Alias',
              tenant_name: `Canonical B ${id}`,
              tenantName: `Aliased B ${id}`,
            },
          ],
          [
            'C',
            {
              firstName: 'Alias',
              first_name: 'Canon',
              tenantName: `Aliased C ${id}`,
              tenant_name: `Canonical C ${id}`,
            },
          ],
        ] as const) {
          const email = `both-${letter.toLowerCase()}-${id}@example.test`;
          const res = await api.http
            .post('/api/auth/register')
            .send({ email, password: TEST_PASSWORD, last_name: 'Ical', ...body });
          expectValidation(res, ['first_name', 'tenant_name']);
          expect(res.body.error.details).toEqual([
            {
              field: 'first_name',
              reason: 'and firstName (its other spelling) have different values: send one',
            },
            {
              field: 'tenant_name',
              reason: 'and tenantName (its other spelling) have different values: send one',
            },
          ]);
          expect(await countTenantsNamed(api, `Canonical ${letter} ${id}`)).toBe(0);
          expect(await countTenantsNamed(api, `Aliased ${letter} ${id}`)).toBe(0);
        }
      });

      it('login with tenant and clinicName naming other tenants is a 400 naming tenant; naming the same one logs in', async () => {
        const tenant = await createTenant(api.http);
        const other = await createTenant(api.http);
        const username = `u${uniqueSuffix()}`;
        await createUser(api.http, tenant, 'agent', { username });
        const login = (clinicName: string) =>
          api.http
            .post('/api/auth/login')
            .send({ clinicName, tenant: tenant.name, username, password: TEST_PASSWORD });
        expectValidation(await login(other.name), ['tenant']);
        const res = await login(tenant.name);
        expect(res.status).toBe(200);
        expect(res.body.data.user.tenant_id).toBe(tenant.id);
      });
    });
  });

  describe('body limit (BODY_LIMIT_BYTES=2048)', () => {
    const api = useTestApi({ env: { BODY_LIMIT_BYTES: '2048' } });

    it('a 10 KB register body is a 413 PAYLOAD_TOO_LARGE and creates nobody', async () => {
      const body = registerBody();
      // Valid JSON, and a valid register body once parsed: only its size is wrong.
      const padded = JSON.stringify(body).replace('{', `{${' '.repeat(10 * 1024)}`);
      expect(Buffer.byteLength(padded)).toBeGreaterThan(10 * 1024);
      const res = await api.http
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send(padded);
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(await countUsers(api, body.email)).toBe(0);
      expect(await countTenantsNamed(api, body.tenant_name)).toBe(0);
    });

    it('the same body under the limit registers (the size was the only fault)', async () => {
      const body = registerBody();
      const res = await api.http
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expect(res.status).toBe(201);
      expect(await countUsers(api, body.email)).toBe(1);
    });
  });

  describe('webhook routes (fixture under /webhooks)', () => {
    const api = useTestApi({ imports: [EchoWebhookModule] });

    const sha256 = (raw: string) => createHash('sha256').update(Buffer.from(raw, 'utf8')).digest('hex');

    it('receives the exact raw bytes of a JSON body, with no token, no envelope and no rate-limit headers', async () => {
      const raw = '{ "z" : 1,\n  "a":[ 2,3 ], "name": "café", "n": 1.50 }';
      const res = await api.http
        .post('/webhooks/test/echo')
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ length: Buffer.byteLength(raw), sha256: sha256(raw) });
      expect(Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    });

    it('receives the exact raw bytes of a form body', async () => {
      const raw = 'CallSid=CA123&From=%2B14155550100&Body=caf%C3%A9+ol%C3%A9&Empty=&Dup=1&Dup=2';
      const res = await api.http
        .post('/webhooks/test/echo')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(raw);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ length: Buffer.byteLength(raw), sha256: sha256(raw) });
      expect(Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    });

    it('ignores a bad bearer token (a provider signature is its check, not a JWT)', async () => {
      const raw = '{"ok":true}';
      const res = await api.http
        .post('/webhooks/test/echo')
        .set(bearer('not.a.jwt'))
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ length: raw.length, sha256: sha256(raw) });
    });

    it('answers a provider without CORS headers, while an /api route still has them (CORS is for the dashboard)', async () => {
      const cors = (res: Response) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));
      const hook = await api.http
        .post('/webhooks/test/echo')
        .set('Origin', 'http://dashboard.test')
        .set('Content-Type', 'application/json')
        .send('{}');
      expect(hook.status).toBe(200);
      expect(cors(hook)).toEqual([]);
      // No CORS work at all: not even the `Vary: Origin` it adds to an answer whose origin it read.
      expect(hook.headers.vary).toBeUndefined();
      const preflight = await api.http
        .options('/webhooks/test/echo')
        .set('Origin', 'http://dashboard.test')
        .set('Access-Control-Request-Method', 'POST');
      expect(cors(preflight)).toEqual([]);
      const health = await api.http.get('/api/health').set('Origin', 'http://dashboard.test');
      expect(health.headers['access-control-allow-origin']).toBe('http://dashboard.test');
      expect(cors(health)).toContain('access-control-expose-headers');
      const apiPreflight = await api.http
        .options('/api/webhooks')
        .set('Origin', 'http://dashboard.test')
        .set('Access-Control-Request-Method', 'POST');
      expect(apiPreflight.status).toBe(204);
      expect(apiPreflight.headers['access-control-allow-origin']).toBe('http://dashboard.test');
    });

    it('is not under /api', async () => {
      const res = await api.http
        .post('/api/webhooks/test/echo')
        .set('Content-Type', 'application/json')
        .send('{}');
      expectError(res, 404, 'NOT_FOUND');
    });
  });
});
