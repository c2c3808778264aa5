import { SecretBox } from '@app/common';
import { openAiCostUsd } from '@app/providers';
import {
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  PgSessions,
  TestApi,
  TestTenant,
  UUID_PATTERN,
} from '@app/testing';
import { DataSource } from 'typeorm';
import { FakeOpenAiServer } from './fake-openai.fixture';

/**
 * The tenant's LLM (issue 7 item 1, seed 002): GET/PATCH /api/llm/providers and POST /api/llm/test-prompt
 * (alias testPrompt). Keys are sealed at rest and never returned; every test prompt is an ai_interactions row.
 */

const KEY = 'sk-test-tenant-key-0123456789abcdefXYZ';

const DEFAULT_VIEW = {
  active: {
    provider: 'local',
    model: 'reachline-local-1',
    base_url: null,
    api_style: null,
    key_set: false,
    source: 'default',
    temperature: null,
    max_tokens: null,
  },
  providers: [
    { name: 'local', available: true, models: ['reachline-local-1'] },
    { name: 'openai', available: false, models: expect.arrayContaining(['gpt-4o-mini']), key_set: false },
  ],
};

describe('LLM providers and test prompt (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
    api = await createTestApi({ env: { LLM_MAX_RETRIES: '1', LLM_TIMEOUT_MS: '5000' } });
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.mode = { reply: 'Hello from the fake model', promptTokens: 20, completionTokens: 5 };
  });

  const getProviders = (t: TestTenant) => api.http.get('/api/llm/providers').set(t.admin.headers);
  const patch = (t: TestTenant, body: object) =>
    api.http.patch('/api/llm/providers').set(t.admin.headers).send(body);
  const testPrompt = (t: TestTenant, body: object, path = 'test-prompt') =>
    api.http.post(`/api/llm/${path}`).set(t.admin.headers).send(body);
  const configRow = async (t: TestTenant) =>
    (
      await db.query(
        'SELECT provider, model, base_url, api_style, credentials_sealed, settings, updated_at FROM llm_configs WHERE tenant_id = $1',
        [t.id],
      )
    )[0] as Record<string, unknown> | undefined;
  const interaction = async (id: string) =>
    (await db.query('SELECT * FROM ai_interactions WHERE id = $1', [id]))[0] as Record<string, unknown>;
  const interactions = async (t: TestTenant) =>
    (await db.query('SELECT * FROM ai_interactions WHERE tenant_id = $1 ORDER BY created_at, id', [
      t.id,
    ])) as Record<string, unknown>[];

  /** Points the tenant at the fake server with its own key. */
  const useFake = async (t: TestTenant) => {
    const res = await patch(t, {
      provider: 'openai',
      model: 'gpt-4o-mini',
      apiKey: KEY,
      baseUrl: fake.baseUrl,
    });
    expect(res.status).toBe(200);
    return res;
  };

  it('a tenant without a config uses the local provider (no platform key in the test config)', async () => {
    const t = await createTenant(api.http);
    const res = await getProviders(t);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: DEFAULT_VIEW });
    expect(await configRow(t)).toBeUndefined();
    const status = await api.http.get('/api/system/status').set(t.admin.headers);
    expect(status.body.data.llm).toEqual({
      provider: 'local',
      model: 'reachline-local-1',
      configured: true,
      source: 'default',
    });
  });

  it('test-prompt (and its alias testPrompt) runs on the local provider and is recorded', async () => {
    const t = await createTenant(api.http);
    for (const path of ['test-prompt', 'testPrompt']) {
      const res = await testPrompt(t, { prompt: 'Say hello to a dental clinic', maxTokens: 50 }, path);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          response: expect.any(String),
          provider: 'local',
          model: 'reachline-local-1',
          usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_cost: 0 },
          latency_ms: expect.any(Number),
          interaction_id: expect.stringMatching(UUID_PATTERN),
        },
      });
      expect(res.body.data.response.length).toBeGreaterThan(0);
      expect(await interaction(res.body.data.interaction_id)).toMatchObject({
        tenant_id: t.id,
        kind: 'test_prompt',
        provider: 'local',
        model: 'reachline-local-1',
        success: true,
        error_code: null,
        input: { prompt: 'Say hello to a dental clinic', system: null, max_tokens: 50 },
        output: res.body.data.response,
        input_tokens: res.body.data.usage.input_tokens,
        output_tokens: res.body.data.usage.output_tokens,
      });
    }
    expect(await interactions(t)).toHaveLength(2);
  });

  it('test-prompt takes a prompt and system with an emoji where the ledger cuts its copy (2000 characters)', async () => {
    const t = await createTenant(api.http);
    const text = `${'a'.repeat(1999)}\u{1F600} and more`;
    const res = await testPrompt(t, { prompt: text, system: text });
    expect(res.status).toBe(200);
    expect(await interaction(res.body.data.interaction_id)).toMatchObject({
      success: true,
      input: { prompt: 'a'.repeat(1999), system: 'a'.repeat(1999) },
    });
  });

  it('test-prompt refuses a missing, empty or blank prompt and records nothing', async () => {
    const t = await createTenant(api.http);
    expectValidation(await testPrompt(t, {}), ['prompt']);
    for (const prompt of ['', '   ', '\n\t ']) {
      const res = await testPrompt(t, { prompt });
      expectValidation(res, ['prompt']);
      expect(res.body.error.details).toEqual([{ field: 'prompt', reason: 'must not be empty' }]);
    }
    expectValidation(await testPrompt(t, { prompt: 'hi', temperature: 3 }), ['temperature']);
    expect(await interactions(t)).toEqual([]);
  });

  it('two PATCHes at once: a key rotated by one is never written back by the other (each reads under the lock)', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    const sessions = new PgSessions(db);
    let statuses: number[];
    try {
      // The first PATCH has read the row and waits to write it; the second comes while it waits.
      const holder = await sessions.begin();
      await holder.tx.query('SELECT 1 FROM llm_configs WHERE tenant_id = $1 FOR UPDATE', [t.id]);
      const send = (body: object) => patch(t, body).then((r) => r.status);
      const rotate = send({ api_key: 'sk-rotated-key-0123456789abcdefNEW' });
      await sessions.lockWaiters('%llm%', 1);
      const tune = send({ provider: 'openai', temperature: 0.3 });
      await sessions.lockWaiters('%llm%', 2);
      await holder.tx.commitTransaction();
      statuses = await Promise.all([rotate, tune]);
    } finally {
      await sessions.close();
    }
    expect(statuses).toEqual([200, 200]);
    const row = await configRow(t);
    const sealed = new SecretBox(api.config.encryptionKey).decrypt(String(row?.credentials_sealed));
    expect(JSON.parse(sealed)).toEqual({ api_key: 'sk-rotated-key-0123456789abcdefNEW' });
    expect(row?.settings).toEqual({ temperature: 0.3 });
  });

  it('PATCH to openai on an OpenAI-compatible server: the key is sealed, never shown, and sent as the bearer', async () => {
    const t = await createTenant(api.http);
    const res = await useFake(t);
    const expected = {
      active: {
        provider: 'openai',
        model: 'gpt-4o-mini',
        base_url: fake.baseUrl,
        api_style: 'chat',
        key_set: true,
        source: 'tenant',
        temperature: null,
        max_tokens: null,
      },
      providers: [
        { name: 'local', available: true, models: ['reachline-local-1'] },
        { name: 'openai', available: true, models: expect.arrayContaining(['gpt-4o-mini']), key_set: true },
      ],
    };
    expect(res.body).toEqual({ success: true, data: expected });
    expect(JSON.stringify(res.body)).not.toContain(KEY);
    expect(JSON.stringify(res.body)).not.toContain(KEY.slice(-4));

    const row = await configRow(t);
    expect(row).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', base_url: fake.baseUrl });
    expect(row!.credentials_sealed).toMatch(/^v1:/);
    expect(row!.credentials_sealed).not.toContain(KEY);
    expect(JSON.stringify(row)).not.toContain(KEY);

    const got = await getProviders(t);
    expect(got.body.data).toEqual(expected);
    expect(JSON.stringify(got.body)).not.toContain(KEY);

    const before = fake.seen.length;
    const prompt = await testPrompt(t, { prompt: 'Say hi', system: 'Be brief', temperature: 0.2 });
    expect(prompt.status).toBe(200);
    expect(prompt.body.data).toEqual({
      response: 'Hello from the fake model',
      provider: 'openai',
      model: 'gpt-4o-mini',
      usage: { input_tokens: 20, output_tokens: 5, total_cost: openAiCostUsd('gpt-4o-mini', 20, 5) },
      latency_ms: expect.any(Number),
      interaction_id: expect.stringMatching(UUID_PATTERN),
    });
    expect(prompt.body.data.usage.total_cost).toBeGreaterThan(0);
    expect(JSON.stringify(prompt.body)).not.toContain(KEY);
    const calls = fake.seen.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('/v1/chat/completions');
    expect(calls[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(calls[0].body).toMatchObject({ model: 'gpt-4o-mini' });
    expect(JSON.stringify(calls[0].body.messages)).toContain('Say hi');

    const recorded = await interaction(prompt.body.data.interaction_id);
    expect(recorded).toMatchObject({
      kind: 'test_prompt',
      provider: 'openai',
      model: 'gpt-4o-mini',
      success: true,
      input_tokens: 20,
      output_tokens: 5,
      output: 'Hello from the fake model',
    });
    expect(Number(recorded.cost_usd)).toBeCloseTo(openAiCostUsd('gpt-4o-mini', 20, 5), 6);
    expect(JSON.stringify(recorded)).not.toContain(KEY);

    const status = await api.http.get('/api/system/status').set(t.admin.headers);
    expect(status.body.data.llm).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      configured: true,
      source: 'tenant',
    });
    const activity = await api.http.get('/api/system/activity?type=llm_config.updated').set(t.admin.headers);
    expect(activity.body.data).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ provider: 'openai', previous_provider: 'local', key_changed: true }),
      }),
    ]);
    expect(JSON.stringify(activity.body)).not.toContain(KEY);
  });

  it('PATCH without provider keeps the current one: { apiKey } alone rotates the key and changes nothing else', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    expect((await patch(t, { provider: 'openai', temperature: 0.4, max_tokens: 700 })).status).toBe(200);
    const before = await configRow(t);
    const rotated = 'sk-rotated-key-0123456789abcdefROT';

    const res = await patch(t, { apiKey: rotated });
    expect(res.status).toBe(200);
    expect(res.body.data.active).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      base_url: fake.baseUrl,
      api_style: 'chat',
      key_set: true,
      source: 'tenant',
      temperature: 0.4,
      max_tokens: 700,
    });
    expect(res.body.data.providers[1]).toMatchObject({ name: 'openai', available: true, key_set: true });
    for (const key of [rotated, KEY]) {
      expect(JSON.stringify(res.body)).not.toContain(key);
      expect(JSON.stringify((await getProviders(t)).body)).not.toContain(key);
    }

    // Only the sealed key (and the row's updated_at) changed; the new key is the one sent.
    const after = await configRow(t);
    const unsealed = new SecretBox(api.config.encryptionKey).decrypt(String(after?.credentials_sealed));
    expect(JSON.parse(unsealed)).toEqual({ api_key: rotated });
    const rest = (row?: Record<string, unknown>) => ({ ...row, credentials_sealed: 0, updated_at: 0 });
    expect(rest(after)).toEqual(rest(before));
    const sent = fake.seen.length;
    expect((await testPrompt(t, { prompt: 'hi' })).status).toBe(200);
    expect(fake.seen.slice(sent).map((r) => r.headers.authorization)).toEqual([`Bearer ${rotated}`]);
    const activity = await api.http.get('/api/system/activity?type=llm_config.updated').set(t.admin.headers);
    expect(activity.body.data[0].data).toMatchObject({
      provider: 'openai',
      previous_provider: 'openai',
      key_changed: true,
    });
  });

  it('PATCH without provider on a tenant with no config uses the default (local); a body naming nothing is a 400', async () => {
    const t = await createTenant(api.http);
    const empty = await patch(t, {});
    expectValidation(empty, ['body']);
    expect(empty.body.error.details[0].reason).toContain('provider, model, api_key');
    // Worded as every other refused input is.
    expect(empty.body.error.message).toMatch(/^Invalid input: body must name something to change/);
    // local takes no key: the reason says how to switch.
    const keyed = await patch(t, { apiKey: KEY });
    expectValidation(keyed, ['api_key']);
    expect(keyed.body.error.details[0].reason).toContain('send provider openai');
    expect(keyed.body.error.message).toMatch(/^Invalid input: api_key is only taken with provider openai/);
    expectValidation(await patch(t, { baseUrl: 'https://gateway.example/v1' }), ['base_url']);
    expect(await configRow(t)).toBeUndefined();
    expect((await getProviders(t)).body.data).toEqual(DEFAULT_VIEW);

    const tuned = await patch(t, { temperature: 0.5 });
    expect(tuned.status).toBe(200);
    expect(tuned.body.data.active).toEqual({
      ...DEFAULT_VIEW.active,
      source: 'tenant',
      temperature: 0.5,
    });
    const row = await configRow(t);
    expect(row).toMatchObject({ provider: 'local', model: 'reachline-local-1', credentials_sealed: null });
    expectValidation(await patch(t, {}), ['body']);
    expect(await configRow(t)).toEqual(row);
  });

  it('PATCH takes provider and api_style in any case, as other enums are taken', async () => {
    const t = await createTenant(api.http);
    const local = await patch(t, { provider: 'Local' });
    expect(local.status).toBe(200);
    expect(local.body.data.active.provider).toBe('local');
    const openai = await patch(t, {
      provider: 'OpenAI',
      api_key: KEY,
      base_url: fake.baseUrl,
      api_style: 'Responses',
    });
    expect(openai.status).toBe(200);
    expect(openai.body.data.active).toMatchObject({ provider: 'openai', api_style: 'responses' });
    expectValidation(await patch(t, { provider: 'Anthropic' }), ['provider']);
  });

  it('PATCH to openai without any key is a 400 and changes nothing', async () => {
    const t = await createTenant(api.http);
    expectValidation(await patch(t, { provider: 'openai', model: 'gpt-4o-mini' }), ['api_key']);
    expect(await configRow(t)).toBeUndefined();
    expect((await getProviders(t)).body.data).toEqual(DEFAULT_VIEW);

    // A tenant already on local with settings: a refused switch leaves its row exactly as it was.
    expect((await patch(t, { provider: 'local', temperature: 0.3 })).status).toBe(200);
    const before = await configRow(t);
    expectValidation(await patch(t, { provider: 'openai', base_url: fake.baseUrl }), ['api_key']);
    expectValidation(await patch(t, { provider: 'openai', api_key: '' }), ['api_key']);
    expectValidation(await patch(t, { provider: 'openai', api_key: KEY, base_url: 'ftp://x' }), ['base_url']);
    expectValidation(await patch(t, { provider: 'anthropic' }), ['provider']);
    expectValidation(await patch(t, { provider: 'local', model: 'gpt-4o' }), ['model']);
    expectValidation(await patch(t, { provider: 'local', api_key: KEY }), ['api_key']);
    expectValidation(await patch(t, { provider: 'openai', api_key: KEY, unknown: 1 }), ['unknown']);
    // Both spellings of a field with different values: neither is taken.
    const twice = await patch(t, {
      provider: 'openai',
      api_key: KEY,
      apiKey: `${KEY}-other`,
      baseUrl: fake.baseUrl,
    });
    expectValidation(twice, ['api_key']);
    expect(twice.body.error.message).toBe(
      'Invalid input: api_key and apiKey (its other spelling) have different values: send one',
    );
    expect(await configRow(t)).toEqual(before);
  });

  it('a stored key is kept across switches and api_key null removes it', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    const local = await patch(t, { provider: 'local' });
    expect(local.status).toBe(200);
    expect(local.body.data.active).toMatchObject({
      provider: 'local',
      model: 'reachline-local-1',
      key_set: false,
    });
    expect(local.body.data.providers[1]).toMatchObject({ name: 'openai', available: true, key_set: true });

    // Back to openai with no key in the body: the stored key (and base URL) still serve.
    const back = await patch(t, { provider: 'openai' });
    expect(back.status).toBe(200);
    expect(back.body.data.active).toMatchObject({
      provider: 'openai',
      base_url: fake.baseUrl,
      key_set: true,
    });
    expect((await testPrompt(t, { prompt: 'hi' })).body.data.provider).toBe('openai');

    // Removing the key while on openai leaves openai without a key: refused.
    const before = await configRow(t);
    expectValidation(await patch(t, { provider: 'openai', api_key: null }), ['api_key']);
    expect(await configRow(t)).toEqual(before);

    const removed = await patch(t, { provider: 'local', api_key: null, max_tokens: 300 });
    expect(removed.status).toBe(200);
    expect(removed.body.data.active).toMatchObject({ provider: 'local', max_tokens: 300 });
    expect(removed.body.data.providers[1]).toMatchObject({ available: false, key_set: false });
    expect((await configRow(t))!.credentials_sealed).toBeNull();
  });

  it('a stored key never follows a new base_url: it needs its key in the body; a URL with credentials is refused', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    const before = await configRow(t);
    const moved = await patch(t, { provider: 'openai', base_url: 'https://elsewhere.example/v1' });
    expectValidation(moved, ['api_key']);
    expect(moved.body.error.details[0].reason).toContain('new base_url');
    expectValidation(
      await patch(t, {
        provider: 'openai',
        api_key: KEY,
        base_url: 'https://user:secret@gateway.example/v1',
      }),
      ['base_url'],
    );
    expect(await configRow(t)).toEqual(before);
    // The same endpoint written again keeps the key; a new one with its key is taken.
    expect((await patch(t, { provider: 'openai', base_url: fake.baseUrl })).status).toBe(200);
    const withKey = await patch(t, {
      provider: 'openai',
      base_url: 'https://elsewhere.example/v1',
      api_key: 'sk-other',
    });
    expect(withKey.status).toBe(200);
    expect(withKey.body.data.active).toMatchObject({
      base_url: 'https://elsewhere.example/v1',
      key_set: true,
    });
  });

  it('managers read the providers; only admins change them or run a prompt (users and keys)', async () => {
    const t = await createTenant(api.http);
    const manager = await createUser(api.http, t, 'manager');
    const agent = await createUser(api.http, t, 'agent');
    const managerKey = await createApiKey(api.http, t, 'manager');
    const agentKey = await createApiKey(api.http, t, 'agent');
    const adminKey = await createApiKey(api.http, t, 'admin');

    for (const headers of [manager.headers, { 'X-API-Key': managerKey.key }]) {
      expect((await api.http.get('/api/llm/providers').set(headers)).body.data).toEqual(DEFAULT_VIEW);
    }
    for (const headers of [agent.headers, { 'X-API-Key': agentKey.key }]) {
      expectError(await api.http.get('/api/llm/providers').set(headers), 403, 'AUTHORIZATION_FAILED');
    }
    for (const headers of [manager.headers, agent.headers, { 'X-API-Key': managerKey.key }]) {
      expectError(
        await api.http.patch('/api/llm/providers').set(headers).send({ provider: 'openai', api_key: KEY }),
        403,
        'AUTHORIZATION_FAILED',
      );
      for (const path of ['test-prompt', 'testPrompt']) {
        expectError(
          await api.http.post(`/api/llm/${path}`).set(headers).send({ prompt: 'hi' }),
          403,
          'AUTHORIZATION_FAILED',
        );
      }
    }
    expectError(await api.http.get('/api/llm/providers'), 401, 'AUTHENTICATION_REQUIRED');
    expect(await configRow(t)).toBeUndefined();
    expect(await interactions(t)).toEqual([]);

    const byKey = await api.http
      .post('/api/llm/test-prompt')
      .set('X-API-Key', adminKey.key)
      .send({ prompt: 'hello' });
    expect(byKey.status).toBe(200);
  });

  it("a second tenant sees its own default, not the first tenant's config, and its prompts stay local", async () => {
    const first = await createTenant(api.http);
    const second = await createTenant(api.http);
    await useFake(first);
    const res = await getProviders(second);
    expect(res.body.data).toEqual(DEFAULT_VIEW);
    expect(JSON.stringify(res.body)).not.toContain(fake.baseUrl);
    const before = fake.seen.length;
    const prompt = await testPrompt(second, { prompt: 'hi' });
    expect(prompt.body.data.provider).toBe('local');
    expect(fake.seen.length).toBe(before);
    expect(await configRow(second)).toBeUndefined();
    expect((await interactions(second)).map((i) => i.provider)).toEqual(['local']);
    expect(await interactions(first)).toEqual([]);
  });

  it('the provider answering 500 (retried LLM_MAX_RETRIES times) is a 503 and a failed interaction', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    fake.mode = { status: 500 };
    const before = fake.seen.length;
    const res = await testPrompt(t, { prompt: 'Say hi' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      success: false,
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: expect.any(String),
        details: { provider: 'openai', kind: 'unavailable', provider_status: 500, retryable: true },
      },
    });
    expect(JSON.stringify(res.body)).not.toContain(KEY);
    // One call and one retry (LLM_MAX_RETRIES=1 in this test's config).
    expect(fake.seen.length - before).toBe(2);
    const rows = await interactions(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'test_prompt',
      provider: 'openai',
      model: 'gpt-4o-mini',
      success: false,
      error_code: 'unavailable',
      input_tokens: 0,
      output_tokens: 0,
      input: { prompt: 'Say hi', system: null },
    });
    expect(JSON.stringify(rows[0])).not.toContain(KEY);
  });

  it('records the cost it answers to the last digit (a gpt-4o-mini call of $0.0000108, not $0.000011)', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    fake.mode = { reply: 'Hi', promptTokens: 24, completionTokens: 12 };
    const prompt = await testPrompt(t, { prompt: 'Say hi' });
    expect(prompt.body.data.usage.total_cost).toBe(openAiCostUsd('gpt-4o-mini', 24, 12));
    expect(prompt.body.data.usage.total_cost).toBe(0.0000108);
    expect(Number((await interaction(prompt.body.data.interaction_id)).cost_usd)).toBe(0.0000108);
  });

  it('a key the provider refuses (401) is a 503 of kind auth, not a 500', async () => {
    const t = await createTenant(api.http);
    await useFake(t);
    fake.mode = { status: 401 };
    const res = await testPrompt(t, { prompt: 'Say hi' });
    expect(res.status).toBe(503);
    expect(res.body.error.details).toMatchObject({ kind: 'auth', retryable: false });
    expect((await interactions(t))[0]).toMatchObject({ success: false, error_code: 'auth' });
  });
});

describe('LLM providers with a platform OpenAI key (e2e)', () => {
  const PLATFORM_KEY = 'sk-platform-key-0123456789abcdefPLAT';
  let api: TestApi;
  let fake: FakeOpenAiServer;
  let other: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
    other = await new FakeOpenAiServer().start();
    api = await createTestApi({
      env: {
        OPENAI_API_KEY: PLATFORM_KEY,
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_MODEL: 'gpt-4o-mini',
        LLM_MAX_RETRIES: '0',
      },
    });
  });
  afterAll(async () => {
    await api.close();
    await fake.stop();
    await other.stop();
  });

  it('a tenant without a config uses the platform key, which is never shown', async () => {
    const t = await createTenant(api.http);
    const res = await api.http.get('/api/llm/providers').set(t.admin.headers);
    expect(res.body.data.active).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      base_url: fake.baseUrl,
      api_style: 'chat',
      key_set: true,
      source: 'platform',
      temperature: null,
      max_tokens: null,
    });
    expect(res.body.data.providers[1]).toMatchObject({ name: 'openai', available: true, key_set: false });
    expect(JSON.stringify(res.body)).not.toContain(PLATFORM_KEY);
    const prompt = await api.http.post('/api/llm/test-prompt').set(t.admin.headers).send({ prompt: 'hi' });
    expect(prompt.body.data).toMatchObject({ provider: 'openai', response: 'Hello from the fake model' });
    expect(fake.seen.at(-1)!.headers.authorization).toBe(`Bearer ${PLATFORM_KEY}`);
  });

  it("PATCH without provider on a tenant with no config stays on the platform's openai (the default)", async () => {
    const t = await createTenant(api.http);
    const res = await api.http.patch('/api/llm/providers').set(t.admin.headers).send({ maxTokens: 900 });
    expect(res.status).toBe(200);
    expect(res.body.data.active).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      base_url: fake.baseUrl,
      api_style: 'chat',
      key_set: true,
      source: 'tenant',
      temperature: null,
      max_tokens: 900,
    });
    expect(JSON.stringify(res.body)).not.toContain(PLATFORM_KEY);
  });

  it("the platform's key is never sent to a tenant's own base URL: that needs the tenant's key", async () => {
    const t = await createTenant(api.http);
    const patch = (body: object) => api.http.patch('/api/llm/providers').set(t.admin.headers).send(body);
    // The platform's endpoint with a chosen model: the platform's key serves.
    const same = await patch({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(same.status).toBe(200);
    expect(same.body.data.active).toMatchObject({ source: 'tenant', key_set: true, base_url: fake.baseUrl });

    expectValidation(await patch({ provider: 'openai', base_url: other.baseUrl }), ['api_key']);
    expect(other.seen).toHaveLength(0);

    const own = await patch({ provider: 'openai', base_url: other.baseUrl, api_key: KEY });
    expect(own.status).toBe(200);
    await api.http.post('/api/llm/test-prompt').set(t.admin.headers).send({ prompt: 'hi' }).expect(200);
    expect(other.seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
  });
});

describe('LLM calls a request waits on keep to the interactive budget (e2e)', () => {
  let api: TestApi;
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
    // The worker's budget: three retries, 30 s attempts; a request's is one retry and no long retry-after wait.
    api = await createTestApi({ env: { LLM_MAX_RETRIES: '3', LLM_TIMEOUT_MS: '30000' } });
  });
  afterAll(async () => {
    await api.close();
    await fake.stop();
  });

  it('test-prompt retries a 500 once, not LLM_MAX_RETRIES times, and does not wait out a long retry-after', async () => {
    const t = await createTenant(api.http);
    const configured = await api.http
      .patch('/api/llm/providers')
      .set(t.admin.headers)
      .send({ provider: 'openai', api_key: 'sk-interactive-0123456789abcdef', base_url: fake.baseUrl });
    expect(configured.status).toBe(200);
    const prompt = () => api.http.post('/api/llm/test-prompt').set(t.admin.headers).send({ prompt: 'hi' });

    fake.mode = { status: 500 };
    let before = fake.seen.length;
    expect((await prompt()).status).toBe(503);
    expect(fake.seen.length - before).toBe(2);

    // A rate limit asking for 25 s is answered at once, after one attempt.
    fake.mode = { status: 429, retryAfterSeconds: 25 };
    before = fake.seen.length;
    const limited = await prompt();
    expect(limited.status).toBe(503);
    expect(limited.body.error.details).toMatchObject({ kind: 'rate_limited', provider_status: 429 });
    expect(fake.seen.length - before).toBe(1);
  });
});
