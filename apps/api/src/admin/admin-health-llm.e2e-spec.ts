import { createTenant, createUser, expectError, TestTenant, useTestApi } from '@app/testing';
import { FakeOpenAiServer } from '../llm/fake-openai.fixture';

/**
 * Seed 002's `GET /admin/health`: "verifying DB & LLM connectivity". The tenant's LLM provider is asked for its model
 * list (no tokens spent) and the answer says whether it answered, how fast, and why not.
 */
describe('GET /api/admin/health: LLM connectivity (e2e)', () => {
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
  });
  const api = useTestApi();
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.mode = { reply: 'unused', promptTokens: 1, completionTokens: 1 };
  });

  const health = (t: TestTenant) => api.http.get('/api/admin/health').set(t.admin.headers);
  const useOpenAi = async (t: TestTenant, baseUrl = fake.baseUrl) => {
    const res = await api.http.patch('/api/llm/providers').set(t.admin.headers).send({
      provider: 'openai',
      model: 'gpt-4o-mini',
      api_key: 'sk-health-check-key-0123456789',
      base_url: baseUrl,
    });
    expect(res.status).toBe(200);
  };
  const modelListCalls = () => fake.seen.filter((r) => r.method === 'GET' && r.path.endsWith('/models'));

  it('a reachable OpenAI-compatible server is online: its model list asked with the tenant key, no tokens spent', async () => {
    const tenant = await createTenant(api.http);
    await useOpenAi(tenant);
    const before = fake.seen.length;

    const res = await health(tenant);

    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('ok');
    expect(res.body.data.llm).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      configured: true,
      source: 'tenant',
      connectivity: 'online',
      latency_ms: expect.any(Number),
      error: null,
    });
    const seen = fake.seen.slice(before);
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
    expect(seen[0].headers.authorization).toBe('Bearer sk-health-check-key-0123456789');
  });

  it('a refused key is offline with error auth, and the health is degraded', async () => {
    const tenant = await createTenant(api.http);
    await useOpenAi(tenant);
    fake.mode = { status: 401 };

    const res = await health(tenant);

    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'degraded',
      checks: { database: 'online', redis: 'online', queues: 'online' },
      llm: { provider: 'openai', connectivity: 'offline', latency_ms: null, error: 'auth' },
    });
    expect(JSON.stringify(res.body)).not.toContain('sk-health-check-key');
  });

  it('a server that errs is offline with error unavailable; one nobody listens on, with error network', async () => {
    const tenant = await createTenant(api.http);
    await useOpenAi(tenant);
    fake.mode = { status: 503 };
    expect((await health(tenant)).body.data.llm).toMatchObject({
      connectivity: 'offline',
      error: 'unavailable',
    });

    const closed = await new FakeOpenAiServer().start();
    await closed.stop();
    await useOpenAi(tenant, closed.baseUrl);
    const res = await health(tenant);
    expect(res.body.data).toMatchObject({
      status: 'degraded',
      llm: { connectivity: 'offline', latency_ms: null, error: 'network' },
    });
  });

  it("another tenant's health checks its own provider, never this tenant's", async () => {
    const tenant = await createTenant(api.http);
    await useOpenAi(tenant);
    const other = await createTenant(api.http);
    const before = modelListCalls().length;

    const res = await health(other);

    expect(res.body.data).toMatchObject({
      status: 'ok',
      llm: { provider: 'local', source: 'default', connectivity: 'online', error: null },
    });
    expect(modelListCalls()).toHaveLength(before);
  });

  it('is refused to a manager (403) and asks no provider', async () => {
    const tenant = await createTenant(api.http);
    await useOpenAi(tenant);
    const manager = await createUser(api.http, tenant, 'manager');
    const before = fake.seen.length;

    expectError(await api.http.get('/api/admin/health').set(manager.headers), 403, 'AUTHORIZATION_FAILED');
    expect(fake.seen).toHaveLength(before);
  });
});
