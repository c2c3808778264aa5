import { ManualClock } from '@app/common';
import {
  connectLiveClient,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  TestApi,
  TestTenant,
  TestUser,
  UUID_PATTERN,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import {
  ERROR_400_NO_JSON_MODE,
  ERROR_400_NO_STRUCTURED_OUTPUTS,
} from '../../../../libs/providers/src/openai/openai.fixtures';
import { ScriptedAnswer, ScriptedOpenAiServer, ScriptedRequest } from './scripted-openai.fixture';

/**
 * `POST ai-agents/:id/execute` (issue 7 item 5, seed 004 "Execute Agent"): the answer's shape, the ai_interactions
 * row, `agent.status` over socket.io (processing, then completed or failed) to the tenant's clients only, the
 * agent's config and the product context reaching the model, the SDK shorthand, an inactive agent, another tenant's
 * lead, a provider failure, and validation that runs nothing. The built-in local provider serves one tenant; a
 * scripted OpenAI-compatible server plays the model for the other.
 */

type Json = Record<string, unknown>;

const NOW = '2026-11-30T10:00:00.000Z';

/**
 * The scripted model: a message with `fail` is a 500, `unsure` answers low confidence; `gpt-4` refuses Structured
 * Outputs and JSON mode with OpenAI's 400s, as the real one does.
 */
function agentModel(request: ScriptedRequest): ScriptedAnswer {
  const format = (request.body.response_format as { type?: string } | undefined)?.type;
  if (request.model === 'gpt-4' && format === 'json_schema') {
    return { status: 400, error: ERROR_400_NO_STRUCTURED_OUTPUTS };
  }
  if (request.model === 'gpt-4' && format === 'json_object')
    return { status: 400, error: ERROR_400_NO_JSON_MODE };
  const input = request.user as { message: string; lead: { id: string; first_name: string } | null };
  if (input.message.includes('fail')) return { status: 500 };
  return {
    json: {
      response: `Hi ${input.lead?.first_name ?? 'there'}, happy to help with pricing.`,
      actions: input.lead
        ? [
            {
              type: 'schedule_call',
              parameters: [
                { name: 'leadId', value: input.lead.id },
                { name: 'suggestedTime', value: '2026-12-01T14:00:00Z' },
              ],
            },
          ]
        : [],
      confidence: input.message.includes('unsure') ? 0.3 : 0.92,
      qualified: input.lead ? true : null,
    },
  };
}

describe('AI agent execution (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let model: ScriptedOpenAiServer;
  let local: TestTenant;
  let cloud: TestTenant;
  let theirs: TestTenant;
  let manager: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    model = await new ScriptedOpenAiServer(agentModel).start();
    api = await createTestApi({
      clock: new ManualClock(NOW),
      env: { LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '5000' },
    });
    db = api.app.get(DataSource);
    local = await createTenant(api.http);
    cloud = await createTenant(api.http);
    theirs = await createTenant(api.http);
    manager = await createUser(api.http, local, 'manager');
    const llm = await api.http
      .patch('/api/llm/providers')
      .set(cloud.admin.headers)
      .send({ provider: 'openai', api_key: 'sk-test-agents', base_url: model.baseUrl, model: 'gpt-4o-mini' });
    expect(llm.status).toBe(200);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await api.close();
    await model.stop();
  });

  async function live(token: string): Promise<HeardEvent[]> {
    const client = await connectLiveClient(api.url, token);
    sockets.push(client.socket);
    return client.heard;
  }

  const statuses = (heard: HeardEvent[], agentId: string) =>
    heard.filter((h) => h.event === 'agent.status' && h.payload.agent_id === agentId).map((h) => h.payload);

  async function createAgent(t: TestTenant, body: Json): Promise<string> {
    const res = await api.http.post('/api/ai-agents').set(t.admin.headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST /api/ai-agents answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  async function createLead(t: TestTenant, body: Json = {}): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Jane', email: `jane-${randomUUID()}@example.test`, company: 'Acme', ...body });
    if (res.status !== 201)
      throw new Error(`POST /api/leads answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data.id;
  }

  const runs = (agentId: string): Promise<Json[]> =>
    db.query(
      `SELECT id, tenant_id, kind, agent_id, lead_id, provider, model, input, output, success, qualified, error_code,
              input_tokens, output_tokens, cost_usd, latency_ms, created_at
         FROM ai_interactions WHERE agent_id = $1 ORDER BY id`,
      [agentId],
    );

  const execute = (headers: Record<string, string>, agentId: string, body: unknown) =>
    api.http
      .post(`/api/ai-agents/${agentId}/execute`)
      .set(headers)
      .send(body as object);

  describe('on the built-in local provider', () => {
    it("answers seed 004's shape, records the run and tells the tenant's sockets (not another tenant's)", async () => {
      const agent = await createAgent(local, {
        name: 'Sales Assistant',
        type: 'sales',
        capabilities: ['lead-qualification'],
      });
      const lead = await createLead(local);
      const heard = await live(manager.token);
      const elsewhere = await live(theirs.admin.token);
      const res = await execute(manager.headers, agent, {
        input: { leadId: lead, message: 'I need help with pricing', context: { previous_interactions: 3 } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          output: {
            response: expect.any(String),
            actions: expect.any(Array),
            confidence: expect.any(Number),
          },
          usage: {
            input_tokens: expect.any(Number),
            output_tokens: expect.any(Number),
            total_cost: 0,
          },
          interaction_id: expect.stringMatching(UUID_PATTERN),
          latency_ms: expect.any(Number),
        },
      });
      const data = res.body.data;
      expect(data.output.response.length).toBeGreaterThan(0);
      const [row] = await runs(agent);
      expect(row).toEqual({
        id: data.interaction_id,
        tenant_id: local.id,
        kind: 'agent_run',
        agent_id: agent,
        lead_id: lead,
        provider: 'local',
        model: 'reachline-local-1',
        input: { message: 'I need help with pricing', lead_id: lead, context: { previous_interactions: 3 } },
        output: expect.objectContaining({
          response: data.output.response,
          confidence: data.output.confidence,
        }),
        success: data.output.confidence >= 0.5,
        qualified: (row.output as Json).qualified ?? null,
        error_code: null,
        input_tokens: data.usage.input_tokens,
        output_tokens: data.usage.output_tokens,
        cost_usd: '0',
        latency_ms: data.latency_ms,
        created_at: new Date(NOW),
      });
      const task = `Qualifying lead ${lead}`;
      await waitFor(() => statuses(heard, agent).length >= 2 || undefined, 5000, 'agent.status events');
      expect(statuses(heard, agent)).toEqual([
        { agent_id: agent, status: 'processing', current_task: task, timestamp: NOW },
        { agent_id: agent, status: 'completed', current_task: task, timestamp: NOW },
      ]);
      // The agent's record counts the run.
      const get = await api.http.get(`/api/ai-agents/${agent}`).set(manager.headers);
      expect(get.body.data.performance.total_interactions).toBe(1);
      expect(statuses(elsewhere, agent)).toEqual([]);
    });

    it('runs without a lead, and takes the SDK shorthand (a string input, the lead in context)', async () => {
      const agent = await createAgent(local, { name: 'Support Bot', type: 'support' });
      const lead = await createLead(local);
      const bare = await execute(manager.headers, agent, {
        input: { message: 'What are your opening hours?' },
      });
      expect(bare.status).toBe(200);
      const sdk = await execute(manager.headers, agent, {
        input: 'Qualify this lead',
        context: { leadId: lead },
      });
      expect(sdk.status).toBe(200);
      const byId = new Map((await runs(agent)).map((r) => [r.id, r]));
      expect(byId.get(bare.body.data.interaction_id)).toMatchObject({
        lead_id: null,
        input: { message: 'What are your opening hours?', lead_id: null, context: {} },
      });
      expect(byId.get(sdk.body.data.interaction_id)).toMatchObject({
        lead_id: lead,
        input: { message: 'Qualify this lead', lead_id: lead, context: {} },
      });
    });
  });

  describe('on the tenant’s OpenAI provider (scripted)', () => {
    it("sends the agent's model, prompt and limits with the lead and product context; answers snake_case actions", async () => {
      await db.query(
        `INSERT INTO product_contexts (tenant_id, metadata, status) VALUES ($1, $2, 'confirmed')`,
        [
          cloud.id,
          JSON.stringify({ product: 'Fleetwise', value_propositions: [], industries: ['Automotive'] }),
        ],
      );
      const agent = await createAgent(cloud, {
        name: 'Closer',
        type: 'sales',
        capabilities: ['lead-qualification', 'appointment-scheduling'],
        config: { model: 'gpt-4o', temperature: 0.3, maxTokens: 500, systemPrompt: 'Always be closing.' },
      });
      const lead = await createLead(cloud, { first_name: 'Ada', position: 'CTO' });
      const res = await execute(cloud.admin.headers, agent, {
        input: { lead_id: lead, message: 'Can you send pricing?', context: { lead_value: 5000 } },
      });
      expect(res.status).toBe(200);
      expect(res.body.data.output).toEqual({
        response: 'Hi Ada, happy to help with pricing.',
        actions: [
          { type: 'schedule_call', parameters: { lead_id: lead, suggested_time: '2026-12-01T14:00:00Z' } },
        ],
        confidence: 0.92,
      });
      const sent = model.seen.at(-1)!;
      expect(sent).toMatchObject({ model: 'gpt-4o', task: 'agent_run_output' });
      expect(sent.body).toMatchObject({ temperature: 0.3, max_tokens: 500 });
      expect(sent.system).toContain('Always be closing.');
      expect(sent.user).toMatchObject({
        now: NOW,
        message: 'Can you send pricing?',
        lead: { id: lead, first_name: 'Ada', position: 'CTO', company: 'Acme' },
        context: { lead_value: 5000 },
        product: { product: 'Fleetwise', industries: ['Automotive'] },
      });
      const [row] = await runs(agent);
      expect(row).toMatchObject({
        id: res.body.data.interaction_id,
        provider: 'openai',
        model: 'gpt-4o',
        success: true,
        qualified: true,
        input_tokens: 120,
        output_tokens: 40,
      });
      expect(res.body.data.usage).toEqual({
        input_tokens: 120,
        output_tokens: 40,
        total_cost: Number(row.cost_usd),
      });
      expect(Number(row.cost_usd)).toBeGreaterThan(0);
    });

    it("an agent's max_tokens below what its structured answer needs is raised to it (256), not sent as is", async () => {
      const agent = await createAgent(cloud, { name: 'Terse', type: 'support', config: { maxTokens: 50 } });
      const res = await execute(cloud.admin.headers, agent, { input: { message: 'Can you send pricing?' } });
      expect(res.status).toBe(200);
      const sent = model.seen.at(-1)!;
      expect(sent.task).toBe('agent_run_output');
      expect(sent.body.max_tokens).toBe(256);
      // The agent keeps the limit it was given; only the call is raised.
      const got = await api.http.get(`/api/ai-agents/${agent}`).set(cloud.admin.headers);
      expect(got.body.data.config.max_tokens).toBe(50);
    });

    it('a message with an emoji where the ledger cuts its copy (1000 characters) runs, and the billed run is recorded', async () => {
      const agent = await createAgent(cloud, { name: 'Emoji', type: 'support' });
      const message = `${'a'.repeat(999)}\u{1F600} and the rest of the question`;
      const res = await execute(cloud.admin.headers, agent, { input: { message } });
      expect(res.status).toBe(200);
      expect(model.seen.at(-1)!.user).toMatchObject({ message });
      const [row] = await runs(agent);
      expect(row).toMatchObject({ id: res.body.data.interaction_id, success: true, input_tokens: 120 });
      // The kept copy ends before the emoji, never on half of it.
      expect((row.input as { message: string }).message).toBe('a'.repeat(999));
      expect(res.body.data.usage.total_cost).toBe(Number(row.cost_usd));
    });

    it('a run below 0.5 confidence is recorded as unsuccessful', async () => {
      const agent = await createAgent(cloud, { name: 'Hesitant', type: 'support' });
      const res = await execute(cloud.admin.headers, agent, { input: { message: 'unsure about this' } });
      expect(res.status).toBe(200);
      expect(await runs(agent)).toEqual([expect.objectContaining({ success: false, qualified: null })]);
    });

    it('a provider failure answers 503, is recorded as a failed run and raises agent.status failed', async () => {
      const agent = await createAgent(cloud, { name: 'Unlucky', type: 'support' });
      const heard = await live(cloud.admin.token);
      const res = await execute(cloud.admin.headers, agent, { input: { message: 'please fail' } });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        success: false,
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: expect.any(String),
          details: { provider: 'openai', kind: 'unavailable', provider_status: 500, retryable: true },
        },
      });
      expect(await runs(agent)).toEqual([
        expect.objectContaining({
          kind: 'agent_run',
          success: false,
          error_code: 'unavailable',
          provider: 'openai',
        }),
      ]);
      const task = 'Answering: please fail';
      await waitFor(() => statuses(heard, agent).length >= 2 || undefined, 5000, 'agent.status events');
      expect(statuses(heard, agent).map((s) => [s.status, s.current_task])).toEqual([
        ['processing', task],
        ['failed', task],
      ]);
    });
  });

  it("a failed run of an agent with its own model is recorded under the agent's model", async () => {
    const agent = await createAgent(cloud, {
      name: 'Own Model',
      type: 'support',
      config: { model: 'gpt-4o' },
    });
    const res = await execute(cloud.admin.headers, agent, { input: { message: 'please fail' } });
    expect(res.status).toBe(503);
    expect(model.seen.at(-1)).toMatchObject({ model: 'gpt-4o' });
    expect(await runs(agent)).toEqual([
      expect.objectContaining({
        success: false,
        provider: 'openai',
        model: 'gpt-4o',
        error_code: 'unavailable',
      }),
    ]);
  });

  it('an agent on gpt-4 (seed 004), which has neither Structured Outputs nor JSON mode, runs with the schema in its prompt', async () => {
    const agent = await createAgent(cloud, {
      name: 'Lead Qualifier',
      type: 'qualification',
      capabilities: ['lead-qualification'],
      config: { model: 'gpt-4', temperature: 0.5, maxTokens: 400 },
    });
    const before = model.seen.length;
    const res = await execute(cloud.admin.headers, agent, { input: { message: 'Can you send pricing?' } });
    expect(res.status).toBe(200);
    expect(res.body.data.output).toEqual({
      response: 'Hi there, happy to help with pricing.',
      actions: [],
      confidence: 0.92,
    });
    const sent = model.seen.slice(before);
    expect(sent.map((r) => (r.body.response_format as { type?: string } | undefined)?.type)).toEqual([
      'json_schema',
      'json_object',
      undefined,
    ]);
    expect(sent[2].system).toContain('# Answer format');
    // Two refused requests (not billed) and one answer: the run is recorded once, with the answer's tokens.
    const [row] = await runs(agent);
    expect(row).toMatchObject({ success: true, model: 'gpt-4', input_tokens: 120, output_tokens: 40 });
    expect(res.body.data.usage).toEqual({
      input_tokens: 120,
      output_tokens: 40,
      total_cost: Number(row.cost_usd),
    });

    // The next run on gpt-4 goes straight to the format that worked.
    const again = await execute(cloud.admin.headers, agent, { input: { message: 'And a demo?' } });
    expect(again.status).toBe(200);
    expect(model.seen.length).toBe(before + 4);
    expect(model.seen.at(-1)!.body.response_format).toBeUndefined();
  });

  describe('refusals that run nothing', () => {
    let agent: string;
    let heard: HeardEvent[];

    beforeAll(async () => {
      agent = await createAgent(local, { name: 'Gatekeeper', type: 'sales' });
      heard = await live(local.admin.token);
    });

    async function expectNothingRan(): Promise<void> {
      expect(await runs(agent)).toEqual([]);
      // Give a stray event time to arrive before saying none did.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(statuses(heard, agent)).toEqual([]);
    }

    it.each([
      ['no input', {}, ['input']],
      ['an empty message', { input: { message: '  ' } }, ['input.message']],
      ['a message over 4000 characters', { input: { message: 'm'.repeat(4001) } }, ['input.message']],
      ['a lead id that is not a UUID', { input: { message: 'Hi', leadId: 'lead_123' } }, ['input.lead_id']],
      ['a context that is not an object', { input: { message: 'Hi', context: 'vip' } }, ['input.context']],
      [
        'a context too large',
        { input: { message: 'Hi', context: { blob: 'x'.repeat(9000) } } },
        ['input.context'],
      ],
      ['an unknown input field', { input: { message: 'Hi', priority: 'high' } }, ['input.priority']],
      [
        'a shorthand lead id that is not a UUID',
        { input: 'Hi', context: { leadId: 7 } },
        ['context.lead_id'],
      ],
    ])('%s is a 400', async (_, body, fields) => {
      expectValidation(await execute(local.admin.headers, agent, body), fields);
      await expectNothingRan();
    });

    it('a lead id that is not a UUID is told so alike, in input or in the shorthand context', async () => {
      const messages: string[] = [];
      for (const body of [
        { input: { message: 'Hi', lead_id: 'lead_123' } },
        { input: 'Hi', context: { lead_id: 'lead_123' } },
      ])
        messages.push((await execute(local.admin.headers, agent, body)).body.error.message);
      expect(messages).toEqual([
        'Invalid input: input.lead_id must be a UUID',
        'Invalid input: context.lead_id must be a UUID',
      ]);
      await expectNothingRan();
    });

    it("another tenant's lead, or an unknown one, is a 404", async () => {
      const foreign = await createLead(theirs);
      for (const leadId of [foreign, randomUUID()]) {
        expectError(
          await execute(local.admin.headers, agent, { input: { lead_id: leadId, message: 'Hi' } }),
          404,
          'NOT_FOUND',
          'Lead not found',
        );
      }
      await expectNothingRan();
    });

    it('an inactive agent is a 409 until it is activated', async () => {
      const patch = (status: string) =>
        api.http.patch(`/api/ai-agents/${agent}`).set(local.admin.headers).send({ status });
      expect((await patch('inactive')).status).toBe(200);
      const refused = await execute(local.admin.headers, agent, { input: { message: 'Hi' } });
      expect({ status: refused.status, body: refused.body }).toEqual({
        status: 409,
        body: {
          success: false,
          error: { code: 'CONFLICT', message: expect.any(String), details: { status: 'inactive' } },
        },
      });
      await expectNothingRan();
      expect((await patch('active')).status).toBe(200);
      expect((await execute(local.admin.headers, agent, { input: { message: 'Hi' } })).status).toBe(200);
      expect(await runs(agent)).toHaveLength(1);
    });

    it("another tenant cannot run this tenant's agent, even on its own lead", async () => {
      const before = await runs(agent);
      const theirLead = await createLead(theirs);
      expectError(
        await execute(theirs.admin.headers, agent, { input: { lead_id: theirLead, message: 'Hi' } }),
        404,
        'NOT_FOUND',
        'AI agent not found',
      );
      expect(await runs(agent)).toEqual(before);
    });
  });
});
