import { JobProducer, QueueName } from '@app/queues';
import {
  addFailedJob,
  bearer,
  createApiKey,
  createTenant,
  createUser,
  TEST_PASSWORD,
  TestTenant,
  uniqueSuffix,
  useTestApi,
} from '@app/testing';
import type { Response } from 'supertest';

/**
 * The role matrix of DESIGN §3, route by route: admin > manager > agent, for users and API keys alike.
 * A refused call answers 403 AUTHORIZATION_FAILED (or 401 without credentials) and changes nothing.
 */

type Role = 'admin' | 'manager' | 'agent';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Ctx = Record<string, string>;

interface Route {
  route: string;
  method: Method;
  /** The lowest role allowed (`agent`: any signed-in caller). */
  min: Role;
  /** The status an allowed caller gets. */
  ok: number;
  /** Makes what the call acts on (a fresh one per allowed caller). */
  prepare?: () => Promise<Ctx>;
  path: (ctx: Ctx) => string;
  body?: (ctx: Ctx) => object;
  /** What a refused call must leave exactly as it was. */
  state?: (ctx: Ctx) => Promise<unknown>;
}

interface Principal {
  name: string;
  role: Role;
  headers: Record<string, string>;
}

const RANK: Record<Role, number> = { admin: 3, manager: 2, agent: 1 };

describe('role matrix (e2e)', () => {
  let tenant: TestTenant;
  let principals: Principal[];

  const queue = (name: QueueName) => api.app.get(JobProducer).queue(name);
  const one = async (sql: string, params: unknown[]) => (await api.db.query(sql, params))[0];

  async function newUser(): Promise<Ctx> {
    const res = await api.http
      .post('/api/users')
      .set(tenant.admin.headers)
      .send({
        email: `target-${uniqueSuffix()}@example.test`,
        password: TEST_PASSWORD,
        first_name: 'Tara',
        last_name: 'Get',
        role: 'agent',
      });
    expect(res.status).toBe(201);
    return { id: res.body.data.id };
  }

  async function newKey(): Promise<Ctx> {
    return { id: (await createApiKey(api.http, tenant, 'agent')).id };
  }

  async function newFailedJob(): Promise<Ctx> {
    return {
      id: await addFailedJob(queue(QueueName.Workflows), 'workflow.run', { tenant_id: tenant.id }, 'boom'),
    };
  }

  let phoneSeq = 4155550600;
  async function newLead(): Promise<Ctx> {
    const phone = `+1${phoneSeq++}`;
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send({ first_name: 'Ro', phone });
    expect(res.status).toBe(201);
    return { id: res.body.data.id, phone };
  }
  async function newAiAgent(): Promise<Ctx> {
    const res = await api.http
      .post('/api/ai-agents')
      .set(tenant.admin.headers)
      .send({ name: `Qualifier ${uniqueSuffix()}`, type: 'sales', capabilities: ['lead-qualification'] });
    expect(res.status).toBe(201);
    return { id: res.body.data.id };
  }
  const aiAgentRow = (ctx: Ctx) => one('SELECT * FROM ai_agents WHERE id = $1', [ctx.id]);
  const APPOINTMENT = { patient_name: 'Pat', appointment_date: '2026-12-24', appointment_time: '14:00' };
  async function newAppointment(): Promise<Ctx> {
    const res = await api.http.post('/api/appointments').set(tenant.admin.headers).send(APPOINTMENT);
    expect(res.status).toBe(201);
    return { id: res.body.data.id };
  }
  const appointmentRow = (ctx: Ctx) => one('SELECT * FROM appointments WHERE id = $1', [ctx.id]);
  const appointmentCount = () =>
    one('SELECT count(*)::int AS n FROM appointments WHERE tenant_id = $1', [tenant.id]);
  const aiCounts = () =>
    one(
      `SELECT (SELECT count(*)::int FROM ai_agents WHERE tenant_id = $1) AS agents,
              (SELECT count(*)::int FROM ai_interactions WHERE tenant_id = $1) AS interactions,
              (SELECT count(*)::int FROM product_context_messages WHERE tenant_id = $1) AS context_turns,
              (SELECT count(*)::int FROM llm_configs WHERE tenant_id = $1) AS llm_configs`,
      [tenant.id],
    );
  const messageCount = () => one('SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1', [tenant.id]);

  const jobState = async (ctx: Ctx) => (await queue(QueueName.Workflows).getJob(ctx.id))?.getState();
  const queueCounts = async () => queue(QueueName.System).getJobCounts();
  const userRow = (ctx: Ctx) => one('SELECT * FROM users WHERE id = $1', [ctx.id]);
  const keyRow = (ctx: Ctx) => one('SELECT * FROM api_keys WHERE id = $1', [ctx.id]);
  const tenantRow = () => one('SELECT * FROM tenants WHERE id = $1', [tenant.id]);
  const counts = () =>
    one(
      `SELECT (SELECT count(*)::int FROM users WHERE tenant_id = $1) AS users,
              (SELECT count(*)::int FROM api_keys WHERE tenant_id = $1) AS keys`,
      [tenant.id],
    );

  const ADMIN_ROUTES: Route[] = [
    { route: 'GET /api/users', method: 'get', min: 'admin', ok: 200, path: () => '/api/users' },
    {
      route: 'POST /api/users',
      method: 'post',
      min: 'admin',
      ok: 201,
      path: () => '/api/users',
      body: () => ({
        email: `new-${uniqueSuffix()}@example.test`,
        password: TEST_PASSWORD,
        first_name: 'New',
        last_name: 'Comer',
        role: 'admin',
      }),
      state: counts,
    },
    {
      route: 'GET /api/users/:id',
      method: 'get',
      min: 'admin',
      ok: 200,
      prepare: newUser,
      path: (c) => `/api/users/${c.id}`,
    },
    {
      route: 'PATCH /api/users/:id',
      method: 'patch',
      min: 'admin',
      ok: 200,
      prepare: newUser,
      path: (c) => `/api/users/${c.id}`,
      body: () => ({ first_name: 'Changed', role: 'admin', password: 'another long password' }),
      state: userRow,
    },
    {
      route: 'DELETE /api/users/:id',
      method: 'delete',
      min: 'admin',
      ok: 200,
      prepare: newUser,
      path: (c) => `/api/users/${c.id}`,
      state: userRow,
    },
    { route: 'GET /api/api-keys', method: 'get', min: 'admin', ok: 200, path: () => '/api/api-keys' },
    {
      route: 'POST /api/api-keys',
      method: 'post',
      min: 'admin',
      ok: 201,
      path: () => '/api/api-keys',
      body: () => ({ name: `key ${uniqueSuffix()}`, role: 'admin' }),
      state: counts,
    },
    {
      route: 'DELETE /api/api-keys/:id',
      method: 'delete',
      min: 'admin',
      ok: 200,
      prepare: newKey,
      path: (c) => `/api/api-keys/${c.id}`,
      state: keyRow,
    },
    {
      route: 'PATCH /api/tenant',
      method: 'patch',
      min: 'admin',
      ok: 200,
      path: () => '/api/tenant',
      body: () => ({
        name: `Renamed ${uniqueSuffix()}`,
        timezone: 'Asia/Tokyo',
        settings: { by: uniqueSuffix() },
      }),
      state: tenantRow,
    },
    {
      route: 'PATCH /api/llm/providers',
      method: 'patch',
      min: 'admin',
      ok: 200,
      path: () => '/api/llm/providers',
      body: () => ({ provider: 'local', temperature: 0.4 }),
      state: aiCounts,
    },
    ...['llm/test-prompt', 'llm/testPrompt'].map((p): Route => ({
      route: `POST /api/${p}`,
      method: 'post',
      min: 'admin',
      ok: 200,
      path: () => `/api/${p}`,
      body: () => ({ prompt: 'Say hello' }),
      state: aiCounts,
    })),
    { route: 'GET /api/admin/config', method: 'get', min: 'admin', ok: 200, path: () => '/api/admin/config' },
    {
      route: 'PATCH /api/admin/config',
      method: 'patch',
      min: 'admin',
      ok: 200,
      path: () => '/api/admin/config',
      body: () => ({ scoring: { qualified_threshold: 65 } }),
      state: tenantRow,
    },
    { route: 'GET /api/admin/health', method: 'get', min: 'admin', ok: 200, path: () => '/api/admin/health' },
    { route: 'GET /api/admin/queues', method: 'get', min: 'admin', ok: 200, path: () => '/api/admin/queues' },
    {
      route: 'POST /api/admin/queues/ping',
      method: 'post',
      min: 'admin',
      ok: 202,
      path: () => '/api/admin/queues/ping',
      state: queueCounts,
    },
    {
      route: 'POST /api/admin/queues/:queue/jobs/:id/retry',
      method: 'post',
      min: 'admin',
      ok: 202,
      prepare: newFailedJob,
      path: (c) => `/api/admin/queues/workflows/jobs/${c.id}/retry`,
      state: jobState,
    },
    {
      route: 'GET /api/messages/unknown',
      method: 'get',
      min: 'admin',
      ok: 200,
      path: () => '/api/messages/unknown',
    },
  ];

  const MANAGER_ROUTES: Route[] = [
    {
      route: 'GET /api/system/status',
      method: 'get',
      min: 'manager',
      ok: 200,
      path: () => '/api/system/status',
    },
    {
      route: 'GET /api/system/activity',
      method: 'get',
      min: 'manager',
      ok: 200,
      path: () => '/api/system/activity',
    },
    {
      route: 'GET /api/analytics/whatsapp',
      method: 'get',
      min: 'manager',
      ok: 200,
      path: () => '/api/analytics/whatsapp',
    },
    {
      route: 'GET /api/llm/providers',
      method: 'get',
      min: 'manager',
      ok: 200,
      path: () => '/api/llm/providers',
    },
    {
      route: 'GET /api/analytics/ai-performance',
      method: 'get',
      min: 'manager',
      ok: 200,
      path: () => '/api/analytics/ai-performance',
    },
    ...['product-context/chat', 'productContext/chat'].map((p): Route => ({
      route: `POST /api/${p}`,
      method: 'post',
      min: 'manager',
      ok: 200,
      path: () => `/api/${p}`,
      body: () => ({ user_message: 'We sell scheduling software to dental clinics.' }),
      state: aiCounts,
    })),
    {
      route: 'POST /api/ai-agents',
      method: 'post',
      min: 'manager',
      ok: 201,
      path: () => '/api/ai-agents',
      body: () => ({ name: `Agent ${uniqueSuffix()}`, type: 'support', capabilities: ['faq-answers'] }),
      state: aiCounts,
    },
    {
      route: 'PATCH /api/ai-agents/:id',
      method: 'patch',
      min: 'manager',
      ok: 200,
      prepare: newAiAgent,
      path: (c) => `/api/ai-agents/${c.id}`,
      body: () => ({ status: 'inactive' }),
      state: aiAgentRow,
    },
    {
      route: 'DELETE /api/ai-agents/:id',
      method: 'delete',
      min: 'manager',
      ok: 200,
      prepare: newAiAgent,
      path: (c) => `/api/ai-agents/${c.id}`,
      state: aiAgentRow,
    },
    {
      route: 'POST /api/ai-agents/:id/execute',
      method: 'post',
      min: 'manager',
      ok: 200,
      prepare: newAiAgent,
      path: (c) => `/api/ai-agents/${c.id}/execute`,
      body: () => ({ input: { message: 'We need pricing for 20 seats' } }),
      state: aiCounts,
    },
    {
      route: 'POST /api/messages',
      method: 'post',
      min: 'manager',
      ok: 201,
      prepare: newLead,
      path: () => '/api/messages',
      body: (c) => ({ lead_id: c.id, channel: 'sms', body: 'Hello' }),
      state: messageCount,
    },
    {
      route: 'POST /api/leads/:id/messages',
      method: 'post',
      min: 'manager',
      ok: 201,
      prepare: newLead,
      path: (c) => `/api/leads/${c.id}/messages`,
      body: () => ({ channel: 'sms', body: 'Hello' }),
      state: messageCount,
    },
    {
      route: 'POST /api/sms/send',
      method: 'post',
      min: 'manager',
      ok: 201,
      prepare: newLead,
      path: () => '/api/sms/send',
      body: (c) => ({ phone: c.phone, message: 'Hello' }),
      state: messageCount,
    },
  ];

  const ANY_ROLE_ROUTES: Route[] = [
    { route: 'GET /api/auth/me', method: 'get', min: 'agent', ok: 200, path: () => '/api/auth/me' },
    { route: 'GET /api/auth/verify', method: 'get', min: 'agent', ok: 200, path: () => '/api/auth/verify' },
    { route: 'GET /api/tenant', method: 'get', min: 'agent', ok: 200, path: () => '/api/tenant' },
    ...['conversations', 'sms/conversations', 'whatsapp/conversations', 'telegram/conversations'].map(
      (p): Route => ({
        route: `GET /api/${p}`,
        method: 'get',
        min: 'agent',
        ok: 200,
        path: () => `/api/${p}`,
      }),
    ),
    ...[
      'product-context',
      'productContext',
      'product-context/log',
      'productContext/log',
      'product-context/recommendations',
      'productContext/recommendations',
      'ai-agents',
    ].map((p): Route => ({
      route: `GET /api/${p}`,
      method: 'get',
      min: 'agent',
      ok: 200,
      path: () => `/api/${p}`,
    })),
    {
      route: 'GET /api/ai-agents/:id',
      method: 'get',
      min: 'agent',
      ok: 200,
      prepare: newAiAgent,
      path: (c) => `/api/ai-agents/${c.id}`,
    },
    {
      route: 'GET /api/messages/:leadId',
      method: 'get',
      min: 'agent',
      ok: 200,
      prepare: newLead,
      path: (c) => `/api/messages/${c.id}`,
    },
    {
      route: 'GET /api/leads/:id/messages',
      method: 'get',
      min: 'agent',
      ok: 200,
      prepare: newLead,
      path: (c) => `/api/leads/${c.id}/messages`,
    },
    // Appointments are booked and worked by whoever takes the call, as calls are logged.
    { route: 'GET /api/appointments', method: 'get', min: 'agent', ok: 200, path: () => '/api/appointments' },
    {
      route: 'POST /api/appointments',
      method: 'post',
      min: 'agent',
      ok: 201,
      path: () => '/api/appointments',
      body: () => APPOINTMENT,
      state: appointmentCount,
    },
    {
      route: 'GET /api/appointments/:id',
      method: 'get',
      min: 'agent',
      ok: 200,
      prepare: newAppointment,
      path: (c) => `/api/appointments/${c.id}`,
    },
    {
      route: 'PUT /api/appointments/:id',
      method: 'put',
      min: 'agent',
      ok: 200,
      prepare: newAppointment,
      path: (c) => `/api/appointments/${c.id}`,
      body: () => ({ status: 'confirmed' }),
      state: appointmentRow,
    },
    {
      route: 'DELETE /api/appointments/:id',
      method: 'delete',
      min: 'agent',
      ok: 200,
      prepare: newAppointment,
      path: (c) => `/api/appointments/${c.id}`,
      state: appointmentRow,
    },
  ];

  /** Routes that need a caller but no role: refused only without credentials. */
  const SIGNED_IN_ROUTES: Route[] = [
    { route: 'POST /api/auth/logout', method: 'post', min: 'agent', ok: 200, path: () => '/api/auth/logout' },
  ];

  const ROUTES = [...ADMIN_ROUTES, ...MANAGER_ROUTES, ...ANY_ROLE_ROUTES];

  function call(route: Route, ctx: Ctx, headers: Record<string, string>) {
    const req = api.http[route.method](route.path(ctx)).set(headers);
    return route.body ? req.send(route.body(ctx)) : req;
  }
  const api = useTestApi();

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const manager = await createUser(api.http, tenant, 'manager');
    const agent = await createUser(api.http, tenant, 'agent');
    const key = async (role: Role) => ({ 'X-API-Key': (await createApiKey(api.http, tenant, role)).key });
    principals = [
      { name: 'admin user', role: 'admin', headers: tenant.admin.headers },
      { name: 'admin API key', role: 'admin', headers: await key('admin') },
      { name: 'manager user', role: 'manager', headers: manager.headers },
      { name: 'manager API key', role: 'manager', headers: await key('manager') },
      { name: 'agent user', role: 'agent', headers: agent.headers },
      {
        name: 'agent API key (as bearer)',
        role: 'agent',
        headers: bearer((await key('agent'))['X-API-Key']),
      },
    ];
  });

  async function expectRefused(route: Route, refused: Principal[]): Promise<void> {
    const ctx = (await route.prepare?.()) ?? {};
    const before = await route.state?.(ctx);
    for (const principal of refused) {
      const res = await call(route, ctx, principal.headers);
      expect({ who: principal.name, status: res.status, body: res.body }).toEqual({
        who: principal.name,
        status: 403,
        body: {
          success: false,
          error: { code: 'AUTHORIZATION_FAILED', message: `This needs the ${route.min} role`, details: null },
        },
      });
    }
    if (route.state) expect(await route.state(ctx)).toEqual(before);
  }

  async function expectAllowed(route: Route, allowed: Principal[]): Promise<void> {
    for (const principal of allowed) {
      const ctx = (await route.prepare?.()) ?? {};
      const res: Response = await call(route, ctx, principal.headers);
      expect({ who: principal.name, status: res.status, success: res.body.success }).toEqual({
        who: principal.name,
        status: route.ok,
        success: true,
      });
    }
  }

  const below = (min: Role) => () => principals.filter((p) => RANK[p.role] < RANK[min]);
  const atLeast = (min: Role) => () => principals.filter((p) => RANK[p.role] >= RANK[min]);

  describe('admin-only routes', () => {
    it.each(ADMIN_ROUTES.map((r) => [r.route, r]))(
      '%s: 403 to managers and agents (users and keys), nothing changes',
      async (_, route) => {
        await expectRefused(route, below('admin')());
      },
    );
  });

  describe('manager routes', () => {
    it.each(MANAGER_ROUTES.map((r) => [r.route, r]))('%s: 403 to agents (user and key)', async (_, route) => {
      await expectRefused(route, below('manager')());
    });
  });

  describe('allowed callers', () => {
    it.each(ROUTES.map((r) => [r.route, r]))(
      '%s: answers every role at or above the minimum',
      async (_, route) => {
        await expectAllowed(route, atLeast(route.min)());
      },
    );

    it('GET /api/auth/me names each caller with its own role', async () => {
      for (const principal of principals) {
        const res = await api.http.get('/api/auth/me').set(principal.headers);
        const who = res.body.data.user ?? res.body.data.api_key;
        expect({ who: principal.name, role: who.role }).toEqual({
          who: principal.name,
          role: principal.role,
        });
      }
    });
  });

  describe('without credentials', () => {
    it.each([...ROUTES, ...SIGNED_IN_ROUTES].map((r) => [r.route, r]))(
      '%s: 401 without a token or with a bad one, nothing changes',
      async (_, route) => {
        const ctx = (await route.prepare?.()) ?? {};
        const before = await route.state?.(ctx);
        for (const headers of [{}, bearer('not.a.jwt'), { 'X-API-Key': 'rlk_nope' }]) {
          const res = await call(route, ctx, headers);
          expect(res.status).toBe(401);
          expect(res.body).toEqual({
            success: false,
            error: { code: 'AUTHENTICATION_REQUIRED', message: expect.any(String), details: null },
          });
        }
        const bare = await call(route, ctx, {});
        expect(bare.body.error.message).toBe('Authentication required');
        if (route.state) expect(await route.state(ctx)).toEqual(before);
      },
    );
  });

  describe('public routes need no token', () => {
    it('POST /api/auth/register, /api/auth/login and /api/auth/refresh', async () => {
      const email = `public-${uniqueSuffix()}@example.test`;
      const register = await api.http.post('/api/auth/register').send({
        email,
        password: TEST_PASSWORD,
        first_name: 'Pub',
        last_name: 'Lic',
        tenant_name: `Public ${uniqueSuffix()}`,
      });
      expect(register.status).toBe(201);
      expect(register.body.data.user).toMatchObject({ email, role: 'admin' });

      const login = await api.http.post('/api/auth/login').send({ email, password: TEST_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.data.user.email).toBe(email);

      const refresh = await api.http
        .post('/api/auth/refresh')
        .send({ refresh_token: login.body.data.refresh_token });
      expect(refresh.status).toBe(200);
      expect(refresh.body.data).toMatchObject({
        token: expect.any(String),
        refresh_token: expect.any(String),
      });
    });

    it('GET /api/health and /api/health/ready', async () => {
      for (const path of ['/api/health', '/api/health/ready']) {
        const res = await api.http.get(path);
        expect({ path, status: res.status, success: res.body.success }).toEqual({
          path,
          status: 200,
          success: true,
        });
      }
    });
  });
});
