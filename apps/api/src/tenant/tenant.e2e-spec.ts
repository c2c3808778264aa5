import {
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
} from '@app/testing';
import { randomUUID } from 'node:crypto';

describe('tenant (e2e)', () => {
  const api = useTestApi();

  const tenantRow = async (id: string) =>
    (
      await api.db.query(
        'SELECT name, slug, timezone, default_country, settings, updated_at FROM tenants WHERE id = $1',
        [id],
      )
    )[0] as Record<string, unknown>;
  const patch = (tenant: TestTenant, body: unknown) =>
    api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send(body as object);

  describe('GET /api/tenant', () => {
    it("answers the caller's tenant to every role, user or API key", async () => {
      const tenant = await createTenant(api.http, `Sunny Clinic ${uniqueSuffix()}`);
      const manager = await createUser(api.http, tenant, 'manager');
      const agent = await createUser(api.http, tenant, 'agent');
      const agentKey = await createApiKey(api.http, tenant, 'agent');
      const expected = {
        success: true,
        data: {
          id: tenant.id,
          name: tenant.name,
          slug: tenant.name.toLowerCase().replace(/ /g, '-'),
          timezone: 'UTC',
          default_country: null,
          settings: {},
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      };
      for (const headers of [
        tenant.admin.headers,
        manager.headers,
        agent.headers,
        { 'X-API-Key': agentKey.key },
      ]) {
        const res = await api.http.get('/api/tenant').set(headers);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(expected);
      }
    });
  });

  describe('PATCH /api/tenant', () => {
    it('changes name, time zone and default country, and GET shows them', async () => {
      const tenant = await createTenant(api.http);
      const name = `Clínica Sol ${uniqueSuffix()}`;
      const res = await patch(tenant, {
        name: `  ${name} `,
        timezone: 'Europe/Lisbon',
        defaultCountry: 'pt',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: tenant.id,
          name,
          slug: expect.any(String),
          timezone: 'Europe/Lisbon',
          default_country: 'PT',
          settings: {},
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      const got = await api.http.get('/api/tenant').set(tenant.admin.headers);
      expect(got.body).toEqual(res.body);

      const cleared = await patch(tenant, { default_country: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.data).toMatchObject({ name, timezone: 'Europe/Lisbon', default_country: null });

      // The new name is the tenant's name for login by username (seed 003 clinicName).
      await createUser(api.http, tenant, 'agent', { username: 'desk' });
      const login = await api.http
        .post('/api/auth/login')
        .send({ clinicName: name.toUpperCase(), username: 'desk', password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.data.user.tenant_id).toBe(tenant.id);
    });

    it('refuses a time zone that is not IANA and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const before = await tenantRow(tenant.id);
      for (const timezone of ['Mars/Olympus', '', 'UTC+25', 42]) {
        const res = await patch(tenant, { timezone, name: `Should Not Land ${uniqueSuffix()}` });
        expectValidation(res, ['timezone']);
      }
      expect(await tenantRow(tenant.id)).toEqual(before);
    });

    it("accepts 'PT' and refuses 'XX' as default country, changing nothing", async () => {
      const tenant = await createTenant(api.http);
      expect((await patch(tenant, { default_country: 'PT' })).body.data.default_country).toBe('PT');
      const before = await tenantRow(tenant.id);
      for (const country of ['XX', 'PRT', 'P', 1]) {
        expectValidation(await patch(tenant, { default_country: country, timezone: 'Asia/Tokyo' }), [
          'default_country',
        ]);
      }
      expect(await tenantRow(tenant.id)).toEqual(before);
    });

    it('merges settings as a JSON merge patch, keeping keys as the client spelled them; at most 64 KB', async () => {
      const tenant = await createTenant(api.http);
      const first = await patch(tenant, {
        settings: { scoring: { qualified_threshold: 70 }, quietHours: { start: '21:00', end: '08:00' } },
      });
      expect(first.status).toBe(200);
      expect(first.body.data.settings).toEqual({
        scoring: { qualified_threshold: 70 },
        quietHours: { start: '21:00', end: '08:00' },
      });
      const second = await patch(tenant, { settings: { language: 'pt-PT' } });
      expect(second.body.data.settings).toEqual({
        scoring: { qualified_threshold: 70 },
        quietHours: { start: '21:00', end: '08:00' },
        language: 'pt-PT',
      });
      const third = await patch(tenant, {
        settings: { scoring: { qualified_threshold: 80 } },
        timezone: 'UTC',
      });
      expect(third.body.data.settings).toEqual({
        scoring: { qualified_threshold: 80 },
        quietHours: { start: '21:00', end: '08:00' },
        language: 'pt-PT',
      });
      expect((await tenantRow(tenant.id)).settings).toEqual(third.body.data.settings);
      // A merge patch: nested keys merge, null removes.
      const fourth = await patch(tenant, {
        settings: { scoring: { intent: { question: 60 } }, quietHours: null },
      });
      expect(fourth.body.data.settings).toEqual({
        scoring: { qualified_threshold: 80, intent: { question: 60 } },
        language: 'pt-PT',
      });

      const before = await tenantRow(tenant.id);
      for (const settings of [['a'], 'text', 7, { notes: 'x'.repeat(70 * 1024) }]) {
        expectValidation(await patch(tenant, { settings }), ['settings']);
      }
      expect(await tenantRow(tenant.id)).toEqual(before);
    });

    it('checks settings.scoring and settings.ai as PATCH admin/config does: a bad value or unknown key changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const set = await patch(tenant, {
        settings: {
          scoring: { qualifiedThreshold: 60, intent: { question: 65 }, engagement: { per_reply: 5 } },
          ai: { auto_reply: true, human_cost_per_message: 2.5 },
          branding: { colour: 'teal' },
        },
      });
      expect(set.status).toBe(200);
      const config = await api.http.get('/api/admin/config').set(tenant.admin.headers);
      expect(config.body.data).toMatchObject({
        scoring: { qualified_threshold: 60, intent: { question: 65 }, engagement: { per_reply: 5 } },
        ai: { auto_reply: true, human_cost_per_message: 2.5 },
      });
      // null removes a key, as a merge patch says: the default comes back.
      const removed = await patch(tenant, {
        settings: { scoring: { intent: null }, ai: { auto_reply: null } },
      });
      expect(removed.status).toBe(200);
      expect(removed.body.data.settings.scoring).toEqual({
        qualifiedThreshold: 60,
        engagement: { per_reply: 5 },
      });

      const before = await tenantRow(tenant.id);
      const refused: Array<[unknown, string[]]> = [
        [{ scoring: { qualified_threshold: 'abc' } }, ['settings.scoring.qualified_threshold']],
        [
          { scoring: { qualified_threshold: 5000, intent_weight: -7 } },
          ['settings.scoring.qualified_threshold', 'settings.scoring.intent_weight'],
        ],
        [{ scoring: { qualifiedThreshold: 70.5 } }, ['settings.scoring.qualified_threshold']],
        [{ scoring: { intent: { question: 101 } } }, ['settings.scoring.intent.question']],
        [{ scoring: { qualifed_threshold: 70 } }, ['settings.scoring.qualifed_threshold']],
        [{ scoring: 'strict' }, ['settings.scoring']],
        [
          { ai: { auto_reply: 'yes', human_cost_per_message: 'free' } },
          ['settings.ai.auto_reply', 'settings.ai.human_cost_per_message'],
        ],
        [{ ai: [true] }, ['settings.ai']],
      ];
      for (const [settings, fields] of refused) {
        const res = await patch(tenant, { settings, name: `Should Not Land ${uniqueSuffix()}` });
        expectValidation(res, fields);
      }
      expect(await tenantRow(tenant.id)).toEqual(before);
    });

    it("refuses another tenant's name in any case with 409 and changes nothing", async () => {
      const tenant = await createTenant(api.http);
      const other = await createTenant(api.http, `Taken Name ${uniqueSuffix()}`);
      const before = await tenantRow(tenant.id);
      for (const name of [other.name, other.name.toUpperCase(), ` ${other.name.toLowerCase()} `]) {
        expectError(
          await patch(tenant, { name, timezone: 'Europe/Paris', settings: { leaked: true } }),
          409,
          'CONFLICT',
          'A tenant with this name already exists',
        );
      }
      expect(await tenantRow(tenant.id)).toEqual(before);
      expect((await tenantRow(other.id)).name).toBe(other.name);

      const ownCase = await patch(tenant, { name: tenant.name.toUpperCase() });
      expect(ownCase.status).toBe(200);
      expect(ownCase.body.data.name).toBe(tenant.name.toUpperCase());
    });

    it('refuses bad names, unknown fields and nulls with 400 (never a 500) and changes nothing', async () => {
      const tenant = await createTenant(api.http);
      const before = await tenantRow(tenant.id);
      const cases: [unknown, string[]][] = [
        [{ name: 'A' }, ['name']],
        // Checked trimmed, as stored: spaces alone are no name, and " A " is one letter.
        [{ name: '    ' }, ['name']],
        [{ name: ' A ' }, ['name']],
        [{ name: 'x'.repeat(201) }, ['name']],
        [{ name: 12 }, ['name']],
        [{ slug: 'mine', name: 'Fine Name' }, ['slug']],
        [{ id: randomUUID() }, ['id']],
        [{ name: null }, ['name']],
        [{ timezone: null }, ['timezone']],
      ];
      const answers = [];
      for (const [body] of cases) {
        const res = await patch(tenant, body);
        answers.push({
          body,
          status: res.status,
          fields: Array.isArray(res.body.error?.details)
            ? res.body.error.details.map((d: { field: string }) => d.field)
            : res.body.error,
        });
      }
      expect(answers).toEqual(cases.map(([body, fields]) => ({ body, status: 400, fields })));
      expect(await tenantRow(tenant.id)).toEqual(before);
    });

    it('is admin only: managers and agents (users or keys) get 403 and nothing changes', async () => {
      const tenant = await createTenant(api.http);
      const manager = await createUser(api.http, tenant, 'manager');
      const agent = await createUser(api.http, tenant, 'agent');
      const managerKey = await createApiKey(api.http, tenant, 'manager');
      const adminKey = await createApiKey(api.http, tenant, 'admin');
      const before = await tenantRow(tenant.id);
      for (const headers of [manager.headers, agent.headers, { 'X-API-Key': managerKey.key }]) {
        expectError(
          await api.http
            .patch('/api/tenant')
            .set(headers)
            .send({ name: `Hijacked ${uniqueSuffix()}`, timezone: 'Asia/Tokyo', settings: { x: 1 } }),
          403,
          'AUTHORIZATION_FAILED',
          'This needs the admin role',
        );
      }
      expect(await tenantRow(tenant.id)).toEqual(before);

      const byKey = await api.http
        .patch('/api/tenant')
        .set('X-API-Key', adminKey.key)
        .send({ timezone: 'Asia/Tokyo' });
      expect(byKey.status).toBe(200);
      expect(byKey.body.data.timezone).toBe('Asia/Tokyo');
    });

    it('records tenant.updated in the activity feed', async () => {
      const tenant = await createTenant(api.http);
      const res = await patch(tenant, { timezone: 'America/New_York', settings: { a: 1 } });
      expect(res.status).toBe(200);
      const activity = await api.http
        .get('/api/system/activity?type=tenant.updated')
        .set(tenant.admin.headers);
      expect(activity.status).toBe(200);
      expect(activity.body).toEqual({
        success: true,
        data: [
          {
            id: expect.any(String),
            type: 'tenant.updated',
            description: expect.stringContaining('timezone'),
            status: 'success',
            timestamp: expect.stringMatching(ISO_TIMESTAMP),
            actor_user_id: tenant.admin.id,
            actor_api_key_id: null,
            data: { fields: ['timezone', 'settings'] },
          },
        ],
        meta: { total: 1, limit: 50, offset: 0 },
      });
      const latest = await api.http.get('/api/system/activity?limit=1').set(tenant.admin.headers);
      expect(latest.body.data[0].type).toBe('tenant.updated');
    });
  });
});
