import { SecretBox } from '@app/common';
import { createTenant, createTestApi, expectValidation, TestApi, TestTenant } from '@app/testing';
import { DataSource } from 'typeorm';
import { FakeOpenAiServer } from './fake-openai.fixture';

const KEY = 'sk-test-tenant-key-0123456789abcdefXYZ';

/**
 * A tenant's LLM `base_url` never takes our servers to an internal address (EGRESS_ALLOWED empty, as in production
 * without a local model server): refused when saved, and refused again when connecting (a row saved before the
 * operator narrowed the list). The platform's own OPENAI_BASE_URL is the operator's, and is reached wherever it is.
 */
describe('LLM endpoints and the egress policy (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
    api = await createTestApi({ env: { EGRESS_ALLOWED: '', LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '5000' } });
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.stop();
  });

  const configRow = async (t: TestTenant) =>
    (await db.query('SELECT base_url FROM llm_configs WHERE tenant_id = $1', [t.id]))[0];

  it('PATCH refuses a base_url at a private, loopback or link-local address, and saves nothing', async () => {
    const t = await createTenant(api.http);
    for (const baseUrl of [fake.baseUrl, 'http://169.254.169.254/latest', 'http://localhost:11434/v1']) {
      const res = await api.http
        .patch('/api/llm/providers')
        .set(t.admin.headers)
        .send({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl });
      expectValidation(res, ['base_url']);
      expect(res.body.error.details[0].reason).toContain('private, loopback or reserved');
    }
    expect(await configRow(t)).toBeUndefined();
    expect(fake.seen).toEqual([]);
  });

  it('a PATCH without provider is judged as openai when the tenant is on it: an internal base_url is refused', async () => {
    const t = await createTenant(api.http);
    const sealed = new SecretBox(api.config.encryptionKey).encrypt(JSON.stringify({ api_key: KEY }));
    await db.query(
      `INSERT INTO llm_configs (tenant_id, provider, model, base_url, api_style, credentials_sealed, settings)
       VALUES ($1, 'openai', 'gpt-4o-mini', 'https://gateway.example/v1', 'chat', $2, '{}')`,
      [t.id, sealed],
    );
    const before = await db.query('SELECT * FROM llm_configs WHERE tenant_id = $1', [t.id]);
    const res = await api.http
      .patch('/api/llm/providers')
      .set(t.admin.headers)
      .send({ apiKey: KEY, baseUrl: fake.baseUrl });
    expectValidation(res, ['base_url']);
    expect(res.body.error.details[0].reason).toContain('private, loopback or reserved');
    expect(await db.query('SELECT * FROM llm_configs WHERE tenant_id = $1', [t.id])).toEqual(before);
  });

  it('a stored base_url at an internal address is not connected to: the test prompt fails, nothing is sent', async () => {
    const t = await createTenant(api.http);
    const sealed = new SecretBox(api.config.encryptionKey).encrypt(JSON.stringify({ api_key: KEY }));
    await db.query(
      `INSERT INTO llm_configs (tenant_id, provider, model, base_url, api_style, credentials_sealed, settings)
       VALUES ($1, 'openai', 'gpt-4o-mini', $2, 'chat', $3, '{}')`,
      [t.id, fake.baseUrl, sealed],
    );
    const res = await api.http.post('/api/llm/test-prompt').set(t.admin.headers).send({ prompt: 'Say hi' });
    expect(res.status).toBe(503);
    expect(res.body.error.details).toMatchObject({ provider: 'openai', kind: 'rejected', retryable: false });
    expect(JSON.stringify(res.body)).not.toContain(KEY);
    expect(fake.seen).toEqual([]);
    const [row] = await db.query(`SELECT success, error_code FROM ai_interactions WHERE tenant_id = $1`, [
      t.id,
    ]);
    expect(row).toEqual({ success: false, error_code: 'rejected' });
  });
});

describe("LLM endpoints and the egress policy: the platform's own endpoint (e2e)", () => {
  let api: TestApi;
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
    api = await createTestApi({
      env: { EGRESS_ALLOWED: '', OPENAI_API_KEY: 'sk-platform-0123456789', OPENAI_BASE_URL: fake.baseUrl },
    });
  });
  afterAll(async () => {
    await api?.close();
    await fake?.stop();
  });

  it('is reached at a private address, for a tenant on the platform default or naming it itself', async () => {
    const t = await createTenant(api.http);
    const first = await api.http.post('/api/llm/test-prompt').set(t.admin.headers).send({ prompt: 'Say hi' });
    expect(first.status).toBe(200);
    const patched = await api.http
      .patch('/api/llm/providers')
      .set(t.admin.headers)
      .send({ provider: 'openai', model: 'gpt-4o-mini', baseUrl: fake.baseUrl });
    expect(patched.status).toBe(200);
    const second = await api.http
      .post('/api/llm/test-prompt')
      .set(t.admin.headers)
      .send({ prompt: 'Say hi' });
    expect(second.status).toBe(200);
    expect(fake.seen).toHaveLength(2);
  });
});
