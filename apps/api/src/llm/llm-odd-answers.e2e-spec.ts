import { ManualClock } from '@app/common';
import { MAX_ANSWER_BYTES } from '@app/providers';
import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { ScriptedAnswer, ScriptedOpenAiServer } from '../ai-agents/scripted-openai.fixture';

/**
 * What an OpenAI-compatible server may answer that the database cannot hold as it is: a NUL or a lone surrogate in
 * the text (JSON allows `\u0000` and `\ud800`), a token count past any integer column, a model name longer than any
 * model's. The call was made and billed: it answers as a call does and is recorded once, never a 4xx or a 500 from the
 * ledger's insert.
 */

type Json = Record<string, unknown>;

const NUL = '\u0000';
const LONE = '\ud800';

describe('odd answers of an OpenAI-compatible server (e2e)', () => {
  let model: ScriptedOpenAiServer;
  let next: ScriptedAnswer;

  beforeAll(async () => {
    model = await new ScriptedOpenAiServer(() => next).start();
  });
  const api = useTestApi({
    clock: new ManualClock('2026-11-30T10:00:00.000Z'),
    env: { LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '5000' },
  });
  afterAll(() => model.stop());

  async function tenantOnModel(): Promise<TestTenant> {
    const t = await createTenant(api.http);
    const res = await api.http.patch('/api/llm/providers').set(t.admin.headers).send({
      provider: 'openai',
      api_key: 'sk-odd-answers-0123456789',
      base_url: model.baseUrl,
      model: 'gpt-4o-mini',
    });
    expect(res.status).toBe(200);
    return t;
  }

  const ledger = async (t: TestTenant) =>
    (await api.db.query(
      `SELECT id, kind, model, success, error_code, input_tokens, output_tokens, cost_usd::float8 AS cost_usd, output
         FROM ai_interactions WHERE tenant_id = $1`,
      [t.id],
    )) as Json[];

  const testPrompt = (t: TestTenant) =>
    api.http.post('/api/llm/test-prompt').set(t.admin.headers).send({ prompt: 'Say hi' });

  it('test-prompt: a NUL or a lone surrogate in the answer is stored as U+FFFD, answered and recorded once', async () => {
    const t = await tenantOnModel();
    next = { text: `Hello${NUL}world ${LONE}!` };
    const res = await testPrompt(t);
    expect(res.status).toBe(200);
    expect(res.body.data.response).toBe('Hello\ufffdworld \ufffd!');
    const rows = await ledger(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: res.body.data.interaction_id,
      success: true,
      output: 'Hello\ufffdworld \ufffd!',
      input_tokens: 120,
      output_tokens: 40,
    });
  });

  it('test-prompt: token counts past any integer are not believed (estimated), and the call is recorded once', async () => {
    const t = await tenantOnModel();
    next = { text: 'Hi', usage: { prompt_tokens: 1e12, completion_tokens: 3e10, total_tokens: 1.03e12 } };
    const res = await testPrompt(t);
    expect(res.status).toBe(200);
    const rows = await ledger(t);
    expect(rows).toHaveLength(1);
    expect(res.body.data.usage.input_tokens).toBeLessThan(100);
    expect(res.body.data.usage.output_tokens).toBeLessThan(100);
    expect(rows[0]).toMatchObject({
      success: true,
      input_tokens: res.body.data.usage.input_tokens,
      output_tokens: res.body.data.usage.output_tokens,
      cost_usd: res.body.data.usage.total_cost,
    });
  });

  it('test-prompt: an answered model name no model has (300 characters) is recorded as the model asked', async () => {
    const t = await tenantOnModel();
    next = { text: 'Hi', model: 'g'.repeat(300) };
    const res = await testPrompt(t);
    expect(res.status).toBe(200);
    expect(res.body.data.model).toBe('gpt-4o-mini');
    expect(await ledger(t)).toEqual([expect.objectContaining({ model: 'gpt-4o-mini', success: true })]);
  });

  it('test-prompt: an answer larger than any answer can be is cut off: a 503, recorded once', async () => {
    const t = await tenantOnModel();
    next = { text: 'a'.repeat(MAX_ANSWER_BYTES) };
    const res = await testPrompt(t);
    expect(res.status).toBe(503);
    expect(res.body.error.details).toMatchObject({ kind: 'invalid_response', retryable: false });
    expect(await ledger(t)).toEqual([
      expect.objectContaining({ success: false, error_code: 'invalid_response' }),
    ]);
  });

  it('a server error whose text holds a NUL is a 503, recorded once as a failed call', async () => {
    const t = await tenantOnModel();
    next = {
      status: 500,
      error: { error: { message: `broken${NUL}here`, type: 'server_error', code: null } },
    };
    const res = await testPrompt(t);
    expect(res.status).toBe(503);
    expect(res.body.error.details).toMatchObject({ kind: 'unavailable', provider_status: 500 });
    const rows = await ledger(t);
    expect(rows).toEqual([expect.objectContaining({ success: false, error_code: 'unavailable' })]);
    expect(JSON.stringify(rows[0].output)).toContain('broken\ufffdhere');
  });

  it('an agent run whose answer holds a NUL (in its response and an action) answers 200 and is recorded once', async () => {
    const t = await tenantOnModel();
    const agent = await api.http
      .post('/api/ai-agents')
      .set(t.admin.headers)
      .send({ name: 'Odd', type: 'support' });
    next = {
      json: {
        response: `Happy${NUL} to help`,
        actions: [{ type: 'note', parameters: [{ name: `k${NUL}ey`, value: `v${LONE}` }] }],
        confidence: 0.9,
        qualified: null,
      },
    };
    const res = await api.http
      .post(`/api/ai-agents/${agent.body.data.id}/execute`)
      .set(t.admin.headers)
      .send({ input: { message: 'Pricing?' } });
    expect(res.status).toBe(200);
    expect(res.body.data.output).toEqual({
      response: 'Happy\ufffd to help',
      actions: [{ type: 'note', parameters: { 'k\ufffdey': 'v\ufffd' } }],
      confidence: 0.9,
    });
    expect(await ledger(t)).toEqual([
      expect.objectContaining({ id: res.body.data.interaction_id, kind: 'agent_run', success: true }),
    ]);
  });

  it('a product-context turn whose reply and metadata hold a NUL is stored, answered and recorded once', async () => {
    const t = await tenantOnModel();
    next = {
      json: {
        reply: `Thanks${NUL} What do you sell?`,
        status: 'clarifying',
        metadata: {
          product: `Fleet${NUL}wise`,
          description: null,
          value_propositions: [],
          industries: [`Auto${LONE}`],
          ideal_customer: null,
          tone: null,
        },
        missing: ['description'],
      },
    };
    const res = await api.http
      .post('/api/product-context/chat')
      .set(t.admin.headers)
      .send({ userMessage: 'We sell Fleetwise' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      reply: 'Thanks\ufffd What do you sell?',
      metadata: { product: 'Fleet\ufffdwise', industries: ['Auto\ufffd'] },
    });
    const log = await api.http.get('/api/product-context/log').set(t.admin.headers);
    expect(log.body.data.map((turn: Json) => turn.content)).toEqual([
      'We sell Fleetwise',
      'Thanks\ufffd What do you sell?',
    ]);
    expect(await ledger(t)).toEqual([expect.objectContaining({ kind: 'product_context', success: true })]);
  });
});
