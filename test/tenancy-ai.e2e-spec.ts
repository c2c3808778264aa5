import { createApiKey, createTenant, TestTenant, uniqueSuffix, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';

/**
 * The AI routes across tenants (issue 7): A has an LLM config, a product context built by chat, an AI agent that ran
 * once and a lead. B's admin, by token and by API key, names A's agent and lead on every AI route: each answers
 * 404 exactly like an unknown id, B's singletons and lists show nothing of A's, and every AI row of A is unchanged.
 */
describe('tenancy of the AI routes (e2e)', () => {
  const api = useTestApi();
  let a: TestTenant;
  let b: TestTenant;
  let bKey: string;
  let aAgent: { id: string; name: string };
  let aLeadId: string;
  let aSnapshot: unknown;

  const AI_TABLES = [
    'llm_configs',
    'product_contexts',
    'product_context_messages',
    'ai_agents',
    'ai_interactions',
    'reply_classifications',
    'leads',
    'activity_log',
  ];
  const snapshotOfA = async () =>
    Object.fromEntries(
      await Promise.all(
        AI_TABLES.map(async (t) => [
          t,
          await api.db.query(`SELECT * FROM ${t} WHERE tenant_id = $1 ORDER BY 1, created_at`, [a.id]),
        ]),
      ),
    );

  beforeAll(async () => {
    a = await createTenant(api.http, `AI Alpha ${uniqueSuffix()}`);
    b = await createTenant(api.http, `AI Beta ${uniqueSuffix()}`);
    bKey = (await createApiKey(api.http, b, 'admin')).key;

    const admin = a.admin.headers;
    expect(
      (await api.http.patch('/api/llm/providers').set(admin).send({ provider: 'local', temperature: 0.3 }))
        .status,
    ).toBe(200);
    const chat = await api.http
      .post('/api/product-context/chat')
      .set(admin)
      .send({ user_message: 'Alphadent sells appointment reminders to dental clinics in Portugal.' });
    expect(chat.status).toBe(200);
    const lead = await api.http
      .post('/api/leads')
      .set(admin)
      .send({ first_name: 'Alma', phone: '+14155550991' });
    aLeadId = lead.body.data.id;
    const name = `Alpha Qualifier ${uniqueSuffix()}`;
    const agent = await api.http
      .post('/api/ai-agents')
      .set(admin)
      .send({ name, type: 'sales', capabilities: ['lead-qualification'] });
    expect(agent.status).toBe(201);
    aAgent = { id: agent.body.data.id, name };
    const run = await api.http
      .post(`/api/ai-agents/${aAgent.id}/execute`)
      .set(admin)
      .send({ input: { lead_id: aLeadId, message: 'We want pricing for 12 chairs' } });
    expect(run.status).toBe(200);
    aSnapshot = await snapshotOfA();
  });

  const bCallers = () => [
    { who: 'B admin token', headers: b.admin.headers },
    { who: 'B admin key', headers: { 'X-API-Key': bKey } },
  ];

  function expectNotFound(who: string, route: string, res: Response, message: string): void {
    const seen = { who, route, status: res.status, body: res.body };
    expect(seen).toEqual({
      who,
      route,
      status: 404,
      body: { success: false, error: { code: 'NOT_FOUND', message, details: null } },
    });
  }

  it("AI agent routes on A's agent answer 404, like an unknown agent, and change nothing", async () => {
    for (const { who, headers } of bCallers()) {
      for (const id of [aAgent.id, randomUUID()]) {
        const requests: Record<string, () => PromiseLike<Response>> = {
          [`GET /api/ai-agents/${id}`]: () => api.http.get(`/api/ai-agents/${id}`).set(headers),
          [`PATCH /api/ai-agents/${id}`]: () =>
            api.http.patch(`/api/ai-agents/${id}`).set(headers).send({ status: 'inactive' }),
          [`DELETE /api/ai-agents/${id}`]: () => api.http.delete(`/api/ai-agents/${id}`).set(headers),
          [`POST /api/ai-agents/${id}/execute`]: () =>
            api.http
              .post(`/api/ai-agents/${id}/execute`)
              .set(headers)
              .send({ input: { message: 'Hello' } }),
        };
        for (const [route, request] of Object.entries(requests)) {
          expectNotFound(who, route, await request(), 'AI agent not found');
        }
      }
    }
    expect(await snapshotOfA()).toEqual(aSnapshot);
  });

  it("B cannot name A's lead to its own agent or to reclassify", async () => {
    const own = await api.http
      .post('/api/ai-agents')
      .set(b.admin.headers)
      .send({ name: `Beta Bot ${uniqueSuffix()}`, type: 'support', capabilities: ['faq-answers'] });
    expect(own.status).toBe(201);
    for (const { who, headers } of bCallers()) {
      const run = await api.http
        .post(`/api/ai-agents/${own.body.data.id}/execute`)
        .set(headers)
        .send({ input: { lead_id: aLeadId, message: 'Qualify this lead' } });
      expectNotFound(who, 'POST execute with lead_id of A', run, 'Lead not found');
      const reclassify = await api.http.post(`/api/leads/${aLeadId}/reclassify`).set(headers);
      expectNotFound(who, 'POST /api/leads/:id/reclassify', reclassify, 'Lead not found');
    }
    expect(await snapshotOfA()).toEqual(aSnapshot);
  });

  it('singletons and lists show B only its own AI state', async () => {
    const markers = [a.id, aAgent.id, aAgent.name, aLeadId, 'Alphadent'];
    for (const { headers } of bCallers()) {
      for (const path of [
        '/api/llm/providers',
        '/api/product-context',
        '/api/product-context/log',
        '/api/product-context/recommendations',
        '/api/ai-agents',
        '/api/analytics/ai-performance',
      ]) {
        const res = await api.http.get(path).set(headers);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const json = JSON.stringify(res.body);
        for (const marker of markers)
          expect({ path, leaks: json.includes(marker) }).toEqual({ path, leaks: false });
      }
    }
    const context = await api.http.get('/api/product-context').set(b.admin.headers);
    expect(context.body.data.status).toBe('empty');
    const providers = await api.http.get('/api/llm/providers').set(b.admin.headers);
    expect(providers.body.data.active.source).not.toBe('tenant');
    const log = await api.http.get('/api/product-context/log').set(b.admin.headers);
    expect(log.body.meta.total).toBe(0);
  });

  it("B's own chat and config change B only", async () => {
    const chat = await api.http
      .post('/api/product-context/chat')
      .set(b.admin.headers)
      .send({ user_message: 'Betacorp sells fleet telematics to logistics companies.' });
    expect(chat.status).toBe(200);
    const patched = await api.http
      .patch('/api/llm/providers')
      .set(b.admin.headers)
      .send({ provider: 'local' });
    expect(patched.status).toBe(200);
    expect(await snapshotOfA()).toEqual(aSnapshot);
    const context = await api.http.get('/api/product-context').set(a.admin.headers);
    expect(JSON.stringify(context.body)).not.toContain('Betacorp');
  });
});
