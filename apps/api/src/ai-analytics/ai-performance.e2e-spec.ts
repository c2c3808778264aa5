import {
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  uniqueSuffix,
  useTestApi,
} from '@app/testing';
import { ScriptedOpenAiServer } from '../ai-agents/scripted-openai.fixture';

/**
 * `GET analytics/ai-performance` (issue 7 item 5, seed 004 "AI Performance"): every figure computed from known
 * ai_interactions and messages rows (inserted directly, so the expected values are exact), in and out of the
 * window; a run made through the API shows up, and so does the spend of an answer that failed validation; roles
 * and tenancy.
 */

type Json = Record<string, unknown>;

interface Run {
  kind?: string;
  agent?: string | null;
  success: boolean;
  qualified?: boolean | null;
  latency: number;
  cost: number;
  at: string;
}

const IN = '2026-11-10T12:00:00.000Z';

describe('AI performance analytics (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let agents: Record<'alpha' | 'beta' | 'charlie' | 'delta' | 'echo', string>;

  async function createAgent(t: TestTenant, name: string): Promise<string> {
    const res = await api.http.post('/api/ai-agents').set(t.admin.headers).send({ name, type: 'sales' });
    if (res.status !== 201) throw new Error(`POST /api/ai-agents answered ${res.status}`);
    return res.body.data.id;
  }

  async function insertRuns(t: TestTenant, runs: Run[]): Promise<void> {
    for (const r of runs) {
      await api.db.query(
        `INSERT INTO ai_interactions (tenant_id, kind, agent_id, provider, model, success, qualified, latency_ms,
           cost_usd, created_at)
         VALUES ($1, $2, $3, 'openai', 'gpt-4o-mini', $4, $5, $6, $7, $8)`,
        [
          t.id,
          r.kind ?? 'agent_run',
          r.agent ?? null,
          r.success,
          r.qualified ?? null,
          r.latency,
          r.cost,
          r.at,
        ],
      );
    }
  }

  async function insertMessages(
    t: TestTenant,
    messages: { direction: 'inbound' | 'outbound'; sender: string; at: string; status?: string }[],
  ): Promise<void> {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Mo', phone: '+14155550100' });
    const leadId = lead.body.data.id;
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [t.id, leadId],
    );
    for (const m of messages) {
      await api.db.query(
        `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
           idempotency_key, content, created_at)
         VALUES ($1, $2, $3, $4, 'sms', $5, 'simulator', $6, $7, 'Hello', $8)`,
        [
          t.id,
          conversation.id,
          leadId,
          m.direction,
          m.sender,
          m.status ?? (m.direction === 'inbound' ? 'received' : 'sent'),
          `ai-perf-${uniqueSuffix()}`,
          m.at,
        ],
      );
    }
  }

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    agents = {
      alpha: await createAgent(tenant, 'Alpha'),
      beta: await createAgent(tenant, 'Beta'),
      charlie: await createAgent(tenant, 'Charlie'),
      delta: await createAgent(tenant, 'Delta'),
      echo: await createAgent(tenant, 'Echo'),
    };
    const { alpha, beta, charlie, delta } = agents;
    await insertRuns(tenant, [
      { agent: alpha, success: true, qualified: true, latency: 1000, cost: 0.01, at: IN },
      { agent: alpha, success: true, qualified: false, latency: 2000, cost: 0.02, at: IN },
      { agent: alpha, success: false, latency: 3000, cost: 0.03, at: IN },
      {
        agent: alpha,
        success: true,
        qualified: true,
        latency: 2000,
        cost: 0.04,
        at: '2026-11-30T23:59:00.000Z',
      },
      { agent: alpha, success: true, latency: 7000, cost: 1, at: '2026-12-05T10:00:00.000Z' },
      { agent: beta, success: false, latency: 500, cost: 0.005, at: '2026-11-01T00:00:00.000Z' },
      { agent: charlie, success: true, latency: 1500, cost: 0.001, at: IN },
      { agent: delta, success: true, latency: 900, cost: 0.5, at: '2026-10-15T10:00:00.000Z' },
      ...[1, 2, 3].map(() => ({ kind: 'classification', success: true, latency: 100, cost: 0.001, at: IN })),
      ...[1, 2].map(() => ({ kind: 'message', success: true, latency: 800, cost: 0.002, at: IN })),
      { kind: 'auto_reply', success: false, latency: 600, cost: 0, at: IN },
      { kind: 'product_context', success: true, latency: 400, cost: 0.003, at: IN },
    ]);
    // Charlie and Delta are archived: Charlie ran in the window, Delta did not.
    for (const id of [charlie, delta])
      expect((await api.http.delete(`/api/ai-agents/${id}`).set(tenant.admin.headers)).status).toBe(200);
    await insertMessages(tenant, [
      ...[1, 2, 3].map(() => ({ direction: 'outbound' as const, sender: 'ai', at: IN })),
      { direction: 'outbound', sender: 'agent', at: IN },
      { direction: 'outbound', sender: 'system', at: IN },
      { direction: 'inbound', sender: 'lead', at: IN },
      { direction: 'inbound', sender: 'lead', at: IN },
      { direction: 'outbound', sender: 'ai', at: '2026-12-02T10:00:00.000Z' },
      // Never sent (refused or overtaken while they waited, still at the sender, or failed at the provider): neither
      // automated nor saved anything.
      ...['failed', 'queued', 'unknown'].map((status) => ({
        direction: 'outbound' as const,
        sender: 'ai',
        at: IN,
        status,
      })),
      { direction: 'outbound', sender: 'agent', at: IN, status: 'failed' },
    ]);
    // Another tenant's calls and messages never count here.
    const other = await createTenant(api.http);
    const otherAgent = await createAgent(other, 'Alpha');
    await insertRuns(other, [{ agent: otherAgent, success: true, latency: 10, cost: 5, at: IN }]);
    await insertMessages(other, [{ direction: 'outbound', sender: 'agent', at: IN }]);
  });

  const zero = { count: 0, cost: 0 };
  const get = (query = '', headers = tenant.admin.headers) =>
    api.http.get(`/api/analytics/ai-performance${query}`).set(headers);

  it('computes every figure from the calls and messages of the window (both ends inclusive)', async () => {
    const res = await get('?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      data: {
        agents: [
          {
            agent_id: agents.alpha,
            name: 'Alpha',
            metrics: {
              total_interactions: 4,
              successful_interactions: 3,
              success_rate: 0.75,
              avg_response_time: 2,
              cost_per_interaction: 0.025,
              lead_qualification_rate: 0.6667,
              total_cost: 0.1,
            },
          },
          {
            agent_id: agents.beta,
            name: 'Beta',
            metrics: {
              total_interactions: 1,
              successful_interactions: 0,
              success_rate: 0,
              avg_response_time: 0.5,
              cost_per_interaction: 0.005,
              lead_qualification_rate: 0,
              total_cost: 0.005,
            },
          },
          {
            agent_id: agents.charlie,
            name: 'Charlie',
            metrics: {
              total_interactions: 1,
              successful_interactions: 1,
              success_rate: 1,
              avg_response_time: 1.5,
              cost_per_interaction: 0.001,
              lead_qualification_rate: 0,
              total_cost: 0.001,
            },
          },
          {
            agent_id: agents.echo,
            name: 'Echo',
            metrics: {
              total_interactions: 0,
              successful_interactions: 0,
              success_rate: 0,
              avg_response_time: 0,
              cost_per_interaction: 0,
              lead_qualification_rate: 0,
              total_cost: 0,
            },
          },
        ],
        overall: {
          total_interactions: 13,
          total_cost: 0.116,
          avg_response_time: 0.992,
          success_rate: 0.7692,
          by_kind: {
            classification: { count: 3, cost: 0.003 },
            message: { count: 2, cost: 0.004 },
            auto_reply: { count: 1, cost: 0 },
            product_context: { count: 1, cost: 0.003 },
            agent_run: { count: 6, cost: 0.106 },
            test_prompt: zero,
          },
          automation_rate: 0.6,
          // Three AI-written messages at the default $1 each, less the period's $0.116 of model calls.
          total_savings: 2.88,
          human_cost_per_message: 1,
        },
        period: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' },
      },
    });
  });

  it('takes the window as date_from/date_to, as the other reports do, or in either spelling', async () => {
    const old = await get('?from=2026-11-01&to=2026-11-30');
    expect(old.status).toBe(200);
    for (const query of [
      '?date_from=2026-11-01&date_to=2026-11-30',
      '?date_from=2026-11-01&to=2026-11-30',
      '?date_from=2026-11-01&from=2026-11-01&date_to=2026-11-30',
    ]) {
      const res = await get(query);
      expect({ query, status: res.status, body: res.body }).toEqual({ query, status: 200, body: old.body });
    }
  });

  it('without a window counts everything, archived agents that ever ran included', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const { agents: rows, overall, period } = res.body.data;
    expect(period).toEqual({ from: null, to: null });
    expect(rows.map((a: Json) => [a.name, (a.metrics as Json).total_interactions])).toEqual([
      ['Alpha', 5],
      ['Beta', 1],
      ['Charlie', 1],
      ['Delta', 1],
      ['Echo', 0],
    ]);
    expect(overall).toMatchObject({
      total_interactions: 15,
      total_cost: 1.616,
      by_kind: expect.objectContaining({ agent_run: { count: 8, cost: 1.606 } }),
      automation_rate: 0.6667,
      total_savings: 2.38,
    });
  });

  it("counts the savings at the tenant's own human cost per message, negative when the AI cost more", async () => {
    const set = (cost: number) =>
      api.http
        .patch('/api/admin/config')
        .set(tenant.admin.headers)
        .send({ ai: { human_cost_per_message: cost } });
    expect((await set(0.25)).status).toBe(200);
    try {
      const res = await get();
      // Four AI-written messages at $0.25, less $1.616 of model calls.
      expect(res.body.data.overall).toMatchObject({ total_savings: -0.62, human_cost_per_message: 0.25 });
    } finally {
      expect((await set(1)).status).toBe(200);
    }
  });

  it('a date-time window cuts inside a day', async () => {
    const res = await get('?from=2026-11-30T00:00:00Z&to=2026-12-31');
    expect(res.body.data.overall.by_kind.agent_run).toEqual({ count: 2, cost: 1.04 });
    expect(res.body.data.overall.automation_rate).toBe(1);
  });

  it('a run made through the API is counted', async () => {
    const fresh = await createTenant(api.http);
    const agent = await createAgent(fresh, 'Runner');
    const run = await api.http
      .post(`/api/ai-agents/${agent}/execute`)
      .set(fresh.admin.headers)
      .send({ input: { message: 'Hello there' } });
    expect(run.status).toBe(200);
    const res = await get('', fresh.admin.headers);
    expect(res.body.data.agents).toEqual([
      {
        agent_id: agent,
        name: 'Runner',
        metrics: expect.objectContaining({ total_interactions: 1, total_cost: 0 }),
      },
    ]);
    expect(res.body.data.overall).toMatchObject({
      total_interactions: 1,
      by_kind: expect.objectContaining({ agent_run: { count: 1, cost: 0 } }),
      automation_rate: 0,
    });
  });

  it('an OpenAI answer that fails validation counts the tokens it was billed for', async () => {
    // The model answers an agent run with a confidence out of range, and reports its usage (120 + 40 tokens).
    const model = await new ScriptedOpenAiServer(() => ({
      json: { response: 'Qualified.', actions: [], confidence: 7, qualified: true },
    })).start();
    try {
      const fresh = await createTenant(api.http);
      const llm = await api.http
        .patch('/api/llm/providers')
        .set(fresh.admin.headers)
        .send({ provider: 'openai', api_key: 'sk-test-perf', base_url: model.baseUrl, model: 'gpt-4o-mini' });
      expect(llm.status).toBe(200);
      const agent = await createAgent(fresh, 'Strict');
      const run = await api.http
        .post(`/api/ai-agents/${agent}/execute`)
        .set(fresh.admin.headers)
        .send({ input: { message: 'Qualify this lead' } });
      expect(run.status).toBe(503);
      expect(run.body.error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { provider: 'openai', kind: 'invalid_response' },
      });
      expect(model.seen).toHaveLength(1);
      const [recorded] = await api.db.query(
        `SELECT success, error_code, input_tokens, output_tokens, cost_usd FROM ai_interactions WHERE tenant_id = $1`,
        [fresh.id],
      );
      expect(recorded).toMatchObject({
        success: false,
        error_code: 'invalid_response',
        input_tokens: 120,
        output_tokens: 40,
      });
      // gpt-4o-mini at $0.15 / $0.60 per million tokens.
      const cost = 0.000042;
      expect(Number(recorded.cost_usd)).toBeCloseTo(cost, 10);
      const res = await get('', fresh.admin.headers);
      expect(res.body.data.agents).toEqual([
        {
          agent_id: agent,
          name: 'Strict',
          metrics: expect.objectContaining({
            total_interactions: 1,
            successful_interactions: 0,
            cost_per_interaction: cost,
            total_cost: cost,
          }),
        },
      ]);
      expect(res.body.data.overall).toMatchObject({
        total_interactions: 1,
        total_cost: cost,
        by_kind: expect.objectContaining({ agent_run: { count: 1, cost } }),
      });
    } finally {
      await model.stop();
    }
  });

  it("answers the ledger's costs to their last digit, as each call answered them, and keeps them after an erasure", async () => {
    // gpt-4o-mini, 24 + 12 tokens: $0.0000108 a call (numeric(12,6) would have made it $0.000011).
    const usage = { prompt_tokens: 24, completion_tokens: 12, total_tokens: 36 };
    const model = await new ScriptedOpenAiServer((request) =>
      request.task === 'agent_run_output'
        ? { json: { response: 'Sure.', actions: [], confidence: 0.9, qualified: true }, usage }
        : { text: 'Hi', usage },
    ).start();
    try {
      const fresh = await createTenant(api.http);
      const llm = await api.http
        .patch('/api/llm/providers')
        .set(fresh.admin.headers)
        .send({ provider: 'openai', api_key: 'sk-test-perf', base_url: model.baseUrl, model: 'gpt-4o-mini' });
      expect(llm.status).toBe(200);
      const agent = await createAgent(fresh, 'Exact');
      const lead = await api.http
        .post('/api/leads')
        .set(fresh.admin.headers)
        .send({ first_name: 'Ada', phone: '+14155550123' });
      const answered: number[] = [];
      for (const input of [
        { message: 'Pricing?', lead_id: lead.body.data.id },
        { message: 'Hi' },
        { message: 'Yo' },
      ]) {
        const run = await api.http
          .post(`/api/ai-agents/${agent}/execute`)
          .set(fresh.admin.headers)
          .send({ input });
        expect(run.status).toBe(200);
        answered.push(run.body.data.usage.total_cost);
      }
      const prompt = await api.http
        .post('/api/llm/test-prompt')
        .set(fresh.admin.headers)
        .send({ prompt: 'Hi' });
      answered.push(prompt.body.data.usage.total_cost);
      expect(answered).toEqual([0.0000108, 0.0000108, 0.0000108, 0.0000108]);
      const ledger = async () =>
        (
          await api.db.query(
            `SELECT (sum(cost_usd) FILTER (WHERE kind = 'agent_run'))::float8 AS agent_runs,
                    (sum(cost_usd) FILTER (WHERE kind = 'test_prompt'))::float8 AS test_prompts,
                    sum(cost_usd)::float8 AS total
               FROM ai_interactions WHERE tenant_id = $1`,
            [fresh.id],
          )
        )[0] as { agent_runs: number; test_prompts: number; total: number };
      expect(await ledger()).toEqual({ agent_runs: 0.0000324, test_prompts: 0.0000108, total: 0.0000432 });
      const report = async () => {
        const res = await get('', fresh.admin.headers);
        expect(res.status).toBe(200);
        return res.body.data;
      };
      const expected = {
        agents: [
          {
            agent_id: agent,
            name: 'Exact',
            metrics: expect.objectContaining({
              total_interactions: 3,
              cost_per_interaction: 0.0000108,
              total_cost: 0.0000324,
            }),
          },
        ],
        overall: expect.objectContaining({
          total_interactions: 4,
          total_cost: 0.0000432,
          by_kind: expect.objectContaining({
            agent_run: { count: 3, cost: 0.0000324 },
            test_prompt: { count: 1, cost: 0.0000108 },
          }),
        }),
      };
      expect(await report()).toMatchObject(expected);
      // Erasing the lead scrubs what the AI read and wrote for it; its accounting stays.
      const erased = await api.http
        .delete(`/api/leads/${lead.body.data.id}?erase=true`)
        .set(fresh.admin.headers);
      expect(erased.status).toBe(200);
      expect(await ledger()).toEqual({ agent_runs: 0.0000324, test_prompts: 0.0000108, total: 0.0000432 });
      expect(await report()).toMatchObject(expected);
    } finally {
      await model.stop();
    }
  });

  it.each([
    ['?from=2026-02-30', ['from']],
    ['?to=yesterday', ['to']],
    ['?from=2026-11-01T10:00-99:99', ['from']],
    ['?from=2026-12-01&to=2026-11-01', ['to']],
    ['?since=2026-11-01', ['since']],
    ['?date_from=2026-02-30', ['date_from']],
    ['?date_from=2026-12-01&date_to=2026-11-01', ['date_to']],
    ['?date_from=2026-11-01&from=2026-11-02', ['date_from']],
    ['?date_to=2026-11-30&to=2026-11-29&from=2026-11-01', ['date_to']],
  ])('%s is a 400', async (query, fields) => {
    expectValidation(await get(query), fields);
  });

  it('needs the manager role', async () => {
    const rep = await createUser(api.http, tenant, 'agent');
    const key = await createApiKey(api.http, tenant, 'agent');
    for (const headers of [rep.headers, { 'X-API-Key': key.key }])
      expectError(await get('', headers), 403, 'AUTHORIZATION_FAILED', 'This needs the manager role');
    const manager = await createUser(api.http, tenant, 'manager');
    expect((await get('', manager.headers)).status).toBe(200);
    expect((await api.http.get('/api/analytics/ai-performance')).status).toBe(401);
  });

  it("another tenant's report holds none of this tenant's agents or calls", async () => {
    const stranger = await createTenant(api.http);
    const res = await get('', stranger.admin.headers);
    expect(res.body.data).toEqual({
      agents: [],
      overall: {
        total_interactions: 0,
        total_cost: 0,
        avg_response_time: 0,
        success_rate: 0,
        by_kind: {
          classification: zero,
          message: zero,
          auto_reply: zero,
          product_context: zero,
          agent_run: zero,
          test_prompt: zero,
        },
        automation_rate: 0,
        total_savings: 0,
        human_cost_per_message: 1,
      },
      period: { from: null, to: null },
    });
  });
});
