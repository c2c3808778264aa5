import {
  countRows,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { randomUUID } from 'node:crypto';

const URL_OK = 'https://crm.example.com/hooks/reachline';

describe('webhooks: endpoints (e2e)', () => {
  // No private address allowed here: the platform's default.
  const api = useTestApi({ env: { EGRESS_ALLOWED: '' } });

  const endpoints = (tenantId: string) =>
    countRows(api.db, 'webhook_endpoints', 'tenant_id = $1', [tenantId]);
  const rowOf = async (id: string) =>
    (await api.db.query('SELECT * FROM webhook_endpoints WHERE id = $1', [id]))[0] as Record<string, unknown>;

  async function create(tenant: TestTenant, body: Record<string, unknown> = {}) {
    return api.http
      .post('/api/webhooks')
      .set(tenant.admin.headers)
      .send({ url: URL_OK, events: ['lead.created', 'message.received'], ...body });
  }

  it('POST answers the secret once, stores it sealed, and lists, reads, changes and deletes the endpoint', async () => {
    const tenant = await createTenant(api.http);
    const res = await create(tenant, { description: ' CRM sync ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      data: {
        id: expect.stringMatching(UUID_PATTERN),
        url: URL_OK,
        events: ['lead.created', 'message.received'],
        description: 'CRM sync',
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
        previous_secret: null,
        previous_secret_expires_at: null,
        enabled: true,
        consecutive_failures: 0,
        disabled_at: null,
        disabled_reason: null,
        created_by_id: tenant.admin.id,
        created_at: expect.stringMatching(ISO_TIMESTAMP),
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      },
    });
    const { id, secret } = res.body.data;
    const masked = `whsec_********${secret.slice(-4)}`;
    expect(JSON.stringify(await rowOf(id))).not.toContain(secret.slice(6));

    const list = await api.http.get('/api/webhooks').set(tenant.admin.headers);
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ total: 1, limit: 50, offset: 0 });
    expect(list.body.data).toEqual([{ ...res.body.data, secret: masked }]);
    const one = await api.http.get(`/api/webhooks/${id}`).set(tenant.admin.headers);
    expect(one.body.data).toEqual({ ...res.body.data, secret: masked });

    const patched = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ events: ['lead.updated'], enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      events: ['lead.updated'],
      enabled: false,
      disabled_reason: 'disabled by a user',
      secret: masked,
    });
    const enabled = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ enabled: true });
    expect(enabled.body.data).toMatchObject({ enabled: true, disabled_at: null, disabled_reason: null });

    const deleted = await api.http.delete(`/api/webhooks/${id}`).set(tenant.admin.headers);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.id).toBe(id);
    expect(await endpoints(tenant.id)).toBe(0);
    expectError(await api.http.get(`/api/webhooks/${id}`).set(tenant.admin.headers), 404, 'NOT_FOUND');
    const activity = await api.http.get('/api/system/activity').set(tenant.admin.headers);
    const types = (activity.body.data as { type: string }[]).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['webhook.created', 'webhook.deleted']));
    expect(JSON.stringify(activity.body)).not.toContain(secret.slice(6));
  });

  it('refuses a bad URL, events or field with per-field details and creates nothing', async () => {
    const tenant = await createTenant(api.http);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ url: undefined, events: undefined }, ['url', 'events']],
      [{ url: 'ftp://crm.example.com/x' }, ['url']],
      [{ url: 'not a url' }, ['url']],
      [{ url: 'file:///etc/passwd' }, ['url']],
      [{ url: 'https://user:pass@crm.example.com/x' }, ['url']],
      [{ url: 'https://token@crm.example.com/x' }, ['url']],
      [{ url: 'https://crm.example.com:25/x' }, ['url']],
      [{ url: 'http://crm.example.com:6000/x' }, ['url']],
      [{ url: 'https://crm.example.com:0/x' }, ['url']],
      [{ events: [] }, ['events']],
      [{ events: ['lead.deleted'] }, ['events']],
      [{ events: 'lead.created' }, ['events']],
      [{ url: 42 }, ['url']],
      [{ description: 'x'.repeat(201) }, ['description']],
      [{ secret: 'whsec_mine' }, ['secret']],
      [{ tenant_id: randomUUID() }, ['tenant_id']],
    ];
    for (const [body, fields] of cases) {
      const res = await create(tenant, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expectValidation(res, fields);
    }
    expect(await endpoints(tenant.id)).toBe(0);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://localhost./hook',
    'http://api.localhost./hook',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/hook',
    'http://[fd00::1]/hook',
    'http://0.0.0.0/hook',
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://[::ffff:127.0.0.1]/hook',
  ])('refuses %s (a private, loopback or link-local address: SSRF) and creates nothing', async (url) => {
    const tenant = await createTenant(api.http);
    const res = await create(tenant, { url });
    expectValidation(res, ['url']);
    expect(res.body.error.details[0].reason).toMatch(/private, loopback or reserved/);
    expect(await endpoints(tenant.id)).toBe(0);
  });

  it('PATCH refuses bad input and a private URL, and changes nothing', async () => {
    const tenant = await createTenant(api.http);
    const { id } = (await create(tenant)).body.data;
    const before = await rowOf(id);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ url: 'http://127.0.0.1/x' }, ['url']],
      [{ url: 'gopher://example.com' }, ['url']],
      [{ url: 'https://user:pass@crm.example.com/x' }, ['url']],
      [{ url: 'https://crm.example.com:587/x' }, ['url']],
      [{ events: [] }, ['events']],
      [{ events: ['nope'] }, ['events']],
      [{ enabled: 'yes' }, ['enabled']],
      [{ secret: 'x' }, ['secret']],
    ];
    for (const [body, fields] of cases) {
      const res = await api.http.patch(`/api/webhooks/${id}`).set(tenant.admin.headers).send(body);
      expectValidation(res, fields);
    }
    expect(await rowOf(id)).toEqual(before);
  });

  it('PATCH with description null (or blank) clears the description, and changes nothing else', async () => {
    const tenant = await createTenant(api.http);
    const { id } = (await create(tenant, { description: 'CRM sync' })).body.data;
    const before = await rowOf(id);
    const cleared = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ description: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data.description).toBeNull();
    expect(await rowOf(id)).toEqual({ ...before, description: null, updated_at: expect.any(Date) });

    await api.http.patch(`/api/webhooks/${id}`).set(tenant.admin.headers).send({ description: 'Again' });
    const blank = await api.http
      .patch(`/api/webhooks/${id}`)
      .set(tenant.admin.headers)
      .send({ description: '  ' });
    expect(blank.status).toBe(200);
    expect(blank.body.data.description).toBeNull();
    const created = await create(tenant, { description: null });
    expect(created.status).toBe(201);
    expect(created.body.data.description).toBeNull();
  });

  it('stores the URL without the spaces pasted around it (POST and PATCH)', async () => {
    const tenant = await createTenant(api.http);
    const res = await create(tenant, { url: `  ${URL_OK}\n` });
    expect(res.status).toBe(201);
    expect(res.body.data.url).toBe(URL_OK);
    const other = 'https://crm.example.com/hooks/other';
    const changed = await api.http
      .patch(`/api/webhooks/${res.body.data.id}`)
      .set(tenant.admin.headers)
      .send({ url: ` ${other} ` });
    expect(changed.body.data.url).toBe(other);
    expect((await rowOf(res.body.data.id)).url).toBe(other);
  });

  it('answers 404 for an unknown or malformed id on every route', async () => {
    const tenant = await createTenant(api.http);
    for (const id of [randomUUID(), 'nope']) {
      const h = tenant.admin.headers;
      for (const res of [
        await api.http.get(`/api/webhooks/${id}`).set(h),
        await api.http.patch(`/api/webhooks/${id}`).set(h).send({ enabled: false }),
        await api.http.delete(`/api/webhooks/${id}`).set(h),
        await api.http.get(`/api/webhooks/${id}/deliveries`).set(h),
      ])
        expectError(res, 404, 'NOT_FOUND');
    }
  });

  it('another tenant neither sees nor touches the endpoint (404), and it stays as it was', async () => {
    const owner = await createTenant(api.http);
    const other = await createTenant(api.http);
    const { id } = (await create(owner)).body.data;
    const before = await rowOf(id);
    const h = other.admin.headers;
    expect((await api.http.get('/api/webhooks').set(h)).body.data).toEqual([]);
    expectError(await api.http.get(`/api/webhooks/${id}`).set(h), 404, 'NOT_FOUND');
    expectError(
      await api.http.patch(`/api/webhooks/${id}`).set(h).send({ enabled: false }),
      404,
      'NOT_FOUND',
    );
    expectError(await api.http.delete(`/api/webhooks/${id}`).set(h), 404, 'NOT_FOUND');
    expectError(await api.http.get(`/api/webhooks/${id}/deliveries`).set(h), 404, 'NOT_FOUND');
    expect(await rowOf(id)).toEqual(before);
  });

  it('is for admins: a manager or agent gets 403, no token 401, and nothing is created', async () => {
    const tenant = await createTenant(api.http);
    const { id } = (await create(tenant)).body.data;
    for (const role of ['manager', 'agent'] as const) {
      const user = await createUser(api.http, tenant, role);
      expectError(await api.http.get('/api/webhooks').set(user.headers), 403, 'AUTHORIZATION_FAILED');
      expectError(
        await api.http
          .post('/api/webhooks')
          .set(user.headers)
          .send({ url: URL_OK, events: ['lead.created'] }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expectError(
        await api.http.delete(`/api/webhooks/${id}`).set(user.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
    }
    expectError(await api.http.get('/api/webhooks'), 401, 'AUTHENTICATION_REQUIRED');
    expect(await endpoints(tenant.id)).toBe(1);
  });

  it('caps a tenant at 20 endpoints (409) and creates no 21st', async () => {
    const tenant = await createTenant(api.http);
    for (let i = 0; i < 20; i++) expect((await create(tenant)).status).toBe(201);
    expectError(await create(tenant), 409, 'CONFLICT');
    expect(await endpoints(tenant.id)).toBe(20);
  });

  it('keeps the cap when creations race: 8 at once with 18 made give two 201s and six 409s', async () => {
    const tenant = await createTenant(api.http);
    for (let i = 0; i < 18; i++) expect((await create(tenant)).status).toBe(201);
    const raced = await Promise.all(Array.from({ length: 8 }, () => create(tenant)));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409, 409, 409]);
    raced.filter((r) => r.status === 409).forEach((r) => expectError(r, 409, 'CONFLICT'));
    expect(await endpoints(tenant.id)).toBe(20);
  });
});
