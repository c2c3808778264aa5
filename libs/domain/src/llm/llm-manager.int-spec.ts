import { LocalLlmProvider, openAiCostUsd, OpenAiLlmAdapter, ProviderError } from '@app/providers';
import { createTenant, TestTenant, useTestApi, UUID_PATTERN } from '@app/testing';
import { FakeHttpServer } from '../../../providers/test/fake-http.server';
import {
  chatCompletion,
  CLASSIFY_ANSWER,
  CLASSIFY_INPUT,
} from '../../../providers/src/openai/openai.fixtures';
import { LlmConfigResolver } from './llm-config-resolver';
import { aiMessageUsage, LlmManager } from './llm-manager.service';

/**
 * LlmManager on a real Postgres (issue 7): the tenant's provider is picked from its config, and every call is one
 * ai_interactions row, a failure included, which is rethrown unchanged.
 */
describe('LlmManager (integration)', () => {
  const api = useTestApi();
  let manager: LlmManager;
  let t: TestTenant;

  beforeAll(async () => {
    manager = api.app.get(LlmManager);
    t = await createTenant(api.http);
  });

  const row = async (id: string) =>
    (await api.db.query('SELECT * FROM ai_interactions WHERE id = $1', [id]))[0] as Record<string, unknown>;
  const rowsOf = async (tenantId: string, kind: string) =>
    (await api.db.query(
      'SELECT * FROM ai_interactions WHERE tenant_id = $1 AND kind = $2 ORDER BY created_at',
      [tenantId, kind],
    )) as Record<string, unknown>[];

  it('forTenant is the local provider without a config; local() is the built-in one', async () => {
    const llm = await manager.forTenant(t.id);
    expect(llm).toBeInstanceOf(LocalLlmProvider);
    expect(llm.model).toBe('reachline-local-1');
    expect(manager.local()).toBeInstanceOf(LocalLlmProvider);
  });

  it('forTenant builds the OpenAI adapter from the tenant’s row', async () => {
    const other = await createTenant(api.http);
    const resolver = api.app.get(LlmConfigResolver);
    await api.db.query(
      `INSERT INTO llm_configs (tenant_id, provider, model, base_url, api_style, credentials_sealed)
       VALUES ($1, 'openai', 'gpt-4.1-mini', 'http://127.0.0.1:9/v1', 'chat', $2)`,
      [other.id, resolver.seal('sk-int-test-key-000000')],
    );
    const llm = await manager.forTenant(other.id);
    expect(llm).toBeInstanceOf(OpenAiLlmAdapter);
    expect(llm).toMatchObject({ provider: 'openai', model: 'gpt-4.1-mini' });
  });

  it('records a success with its usage, ids and assessment, and answers the interaction id', async () => {
    const result = await manager.call(
      t.id,
      { kind: 'agent_run', input: { message: 'qualify' } },
      (llm) => llm.complete({ prompt: 'Is this lead qualified?' }),
      { assess: () => ({ success: true, qualified: true }) },
    );
    expect(result.interaction_id).toMatch(UUID_PATTERN);
    expect(await row(result.interaction_id)).toMatchObject({
      tenant_id: t.id,
      kind: 'agent_run',
      provider: 'local',
      model: 'reachline-local-1',
      prompt_version: result.prompt_version,
      input: { message: 'qualify' },
      output: result.output,
      success: true,
      qualified: true,
      error_code: null,
      input_tokens: result.usage.input_tokens,
      output_tokens: result.usage.output_tokens,
      created_at: api.clock.now(),
    });
    expect(aiMessageUsage(result)).toEqual({
      interaction_id: result.interaction_id,
      provider: 'local',
      model: 'reachline-local-1',
      prompt_version: result.prompt_version,
      input_tokens: result.usage.input_tokens,
      output_tokens: result.usage.output_tokens,
      cost_usd: 0,
    });
  });

  it('records a provider failure with its kind and rethrows the same error', async () => {
    const failure = ProviderError.fromHttp('openai', 429, {
      message: 'Rate limit reached for sk-abcdefghijklmnop',
    });
    const before = (await rowsOf(t.id, 'classification')).length;
    await expect(
      manager.call(
        t.id,
        { kind: 'classification', message_id: '0d8f3f3e-0c35-4f6b-9d1e-3b1b8e0f2a11', input: { text: 'hi' } },
        () => Promise.reject(failure),
        { llm: { provider: 'openai', model: 'gpt-4o-mini' } as never },
      ),
    ).rejects.toBe(failure);
    const rows = await rowsOf(t.id, 'classification');
    expect(rows).toHaveLength(before + 1);
    const recorded = rows.at(-1)!;
    expect(recorded).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      message_id: '0d8f3f3e-0c35-4f6b-9d1e-3b1b8e0f2a11',
      input: { text: 'hi' },
      success: false,
      qualified: null,
      error_code: 'rate_limited',
      input_tokens: 0,
      output_tokens: 0,
      prompt_version: null,
    });
    expect(JSON.stringify(recorded.output)).not.toContain('sk-abcdefghijklmnop');
  });

  it('records an OpenAI answer that fails validation with the tokens and cost it was billed', async () => {
    const server = await FakeHttpServer.start();
    try {
      const other = await createTenant(api.http);
      await api.db.query(
        `INSERT INTO llm_configs (tenant_id, provider, model, base_url, api_style, credentials_sealed)
         VALUES ($1, 'openai', 'gpt-4o-mini', $2, 'chat', $3)`,
        [other.id, `${server.url}/v1`, api.app.get(LlmConfigResolver).seal('sk-int-test-key-000000')],
      );
      server.reply({
        status: 200,
        body: chatCompletion(JSON.stringify({ ...CLASSIFY_ANSWER, label: 'maybe' }), {
          usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 },
        }),
      });
      await expect(
        manager.call(other.id, { kind: 'classification' }, (llm) => llm.classifyReply(CLASSIFY_INPUT)),
      ).rejects.toMatchObject({ kind: 'invalid_response' });
      const [recorded, ...more] = await rowsOf(other.id, 'classification');
      expect(more).toEqual([]);
      expect(recorded).toMatchObject({
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        prompt_version: 'classify-reply@1',
        success: false,
        error_code: 'invalid_response',
        input_tokens: 1000,
        output_tokens: 200,
      });
      // gpt-4o-mini at $0.15 / $0.60 per million tokens.
      expect(openAiCostUsd('gpt-4o-mini-2024-07-18', 1000, 200)).toBeCloseTo(0.00027, 12);
      expect(Number(recorded.cost_usd)).toBeCloseTo(0.00027, 10);
    } finally {
      await server.close();
    }
  });

  it('records any other failure as error_code "error" and rethrows it', async () => {
    const bug = new TypeError('boom');
    await expect(manager.call(t.id, { kind: 'message' }, () => Promise.reject(bug))).rejects.toBe(bug);
    expect((await rowsOf(t.id, 'message')).at(-1)).toMatchObject({
      provider: 'local',
      model: 'reachline-local-1',
      success: false,
      error_code: 'error',
      output: { error: 'boom' },
    });
  });

  it('an OpenAI config with no usable key fails as ProviderError auth, recorded', async () => {
    const other = await createTenant(api.http);
    await api.db.query(
      `INSERT INTO llm_configs (tenant_id, provider, model, api_style) VALUES ($1, 'openai', 'gpt-4o-mini', 'chat')`,
      [other.id],
    );
    await expect(manager.forTenant(other.id)).rejects.toMatchObject({ name: 'ProviderError', kind: 'auth' });
    const attempt = manager.call(other.id, { kind: 'auto_reply' }, (llm) => llm.complete({ prompt: 'hi' }));
    await expect(attempt).rejects.toBeInstanceOf(ProviderError);
    expect(await rowsOf(other.id, 'auto_reply')).toEqual([
      expect.objectContaining({
        provider: 'openai',
        model: 'gpt-4o-mini',
        success: false,
        error_code: 'auth',
      }),
    ]);
  });
});
