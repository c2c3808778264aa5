import {
  createApiKey,
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  PgSessions,
  TestTenant,
  TestUser,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { randomUUID } from 'node:crypto';

/**
 * AI agents (issue 7 item 5, seed 004 "AI Agents API" at /api/ai-agents): create (seed body with camelCase config),
 * list with filters, pages and each agent's run record from ai_interactions, read, change, archive; validation that
 * changes nothing, roles (manager+ manages, every role reads), tenancy. Runs are in ai-agent-execute.e2e-spec.ts.
 */

type Json = Record<string, unknown>;
type Headers = Record<string, string>;

const SEED_BODY = {
  name: 'Customer Support Bot',
  type: 'support',
  capabilities: ['faq-answers', 'ticket-routing'],
  config: {
    model: 'gpt-3.5-turbo',
    temperature: 0.5,
    systemPrompt: 'You are a helpful customer support assistant...',
    maxTokens: 600,
  },
};

describe('AI agents (e2e)', () => {
  const api = useTestApi();
  let mine: TestTenant;
  let theirs: TestTenant;
  let manager: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    mine = await createTenant(api.http);
    theirs = await createTenant(api.http);
    manager = await createUser(api.http, mine, 'manager');
    rep = await createUser(api.http, mine, 'agent');
  });

  const agentRows = (t: TestTenant): Promise<Json[]> =>
    api.db.query('SELECT * FROM ai_agents WHERE tenant_id = $1 ORDER BY id', [t.id]);

  async function createAgent(headers: Headers, body: Json): Promise<Json & { id: string }> {
    const res = await api.http.post('/api/ai-agents').set(headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST /api/ai-agents answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async function run(
    t: TestTenant,
    agentId: string,
    success: boolean,
    latencyMs: number,
    kind = 'agent_run',
  ) {
    await api.db.query(
      `INSERT INTO ai_interactions (tenant_id, kind, agent_id, provider, model, success, latency_ms, cost_usd)
       VALUES ($1, $2, $3, 'local', 'reachline-local-1', $4, $5, 0)`,
      [t.id, kind, agentId, success, latencyMs],
    );
  }

  describe('POST /api/ai-agents', () => {
    it("creates seed 004's agent (camelCase config accepted), active, with an empty record", async () => {
      const res = await api.http.post('/api/ai-agents').set(manager.headers).send(SEED_BODY);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          name: 'Customer Support Bot',
          type: 'support',
          status: 'active',
          capabilities: ['faq-answers', 'ticket-routing'],
          performance: { total_interactions: 0, success_rate: 0, avg_response_time: 0 },
          config: {
            model: 'gpt-3.5-turbo',
            temperature: 0.5,
            max_tokens: 600,
            system_prompt: 'You are a helpful customer support assistant...',
          },
          created_by: manager.id,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
          archived_at: null,
        },
      });
      const [row] = (await agentRows(mine)).filter((r) => r.id === res.body.data.id);
      expect(row).toMatchObject({
        tenant_id: mine.id,
        status: 'active',
        archived_at: null,
        config: {
          model: 'gpt-3.5-turbo',
          temperature: 0.5,
          max_tokens: 600,
          system_prompt: 'You are a helpful customer support assistant...',
        },
      });
    });

    it('a live agent of the same name (any case) is a 409; an archived one frees the name', async () => {
      const first = await createAgent(manager.headers, { name: 'Twin', type: 'sales' });
      const before = await agentRows(mine);
      const dup = await api.http
        .post('/api/ai-agents')
        .set(manager.headers)
        .send({ name: ' twin ', type: 'support' });
      expectError(dup, 409, 'CONFLICT');
      expect(await agentRows(mine)).toEqual(before);
      expect((await api.http.delete(`/api/ai-agents/${first.id}`).set(manager.headers)).status).toBe(200);
      const again = await api.http
        .post('/api/ai-agents')
        .set(manager.headers)
        .send({ name: 'Twin', type: 'sales' });
      expect(again.status).toBe(201);
      // Another tenant may use the name.
      expect(
        (
          await api.http
            .post('/api/ai-agents')
            .set(theirs.admin.headers)
            .send({ name: 'Twin', type: 'sales' })
        ).status,
      ).toBe(201);
    });

    it.each([
      ['no name nor type', {}, ['name', 'type']],
      ['a blank name', { name: '  ', type: 'sales' }, ['name']],
      ['a name over 120 characters', { name: 'n'.repeat(121), type: 'sales' }, ['name']],
      ['a type that is not a word', { name: 'A', type: 'Sales Team' }, ['type']],
      ['a bad status', { name: 'A', type: 'sales', status: 'sleeping' }, ['status']],
      ['capabilities not a list', { name: 'A', type: 'sales', capabilities: 'all' }, ['capabilities']],
      [
        'a capability with spaces',
        { name: 'A', type: 'sales', capabilities: ['lead qualification'] },
        ['capabilities'],
      ],
      [
        'a temperature above 2',
        { name: 'A', type: 'sales', config: { temperature: 2.5 } },
        ['config.temperature'],
      ],
      ['max_tokens 0', { name: 'A', type: 'sales', config: { max_tokens: 0 } }, ['config.max_tokens']],
      ['maxTokens 8001', { name: 'A', type: 'sales', config: { maxTokens: 8001 } }, ['config.max_tokens']],
      ['an unknown config key', { name: 'A', type: 'sales', config: { top_p: 1 } }, ['config.top_p']],
      ['config null', { name: 'A', type: 'sales', config: null }, ['config']],
      ['an unknown field', { name: 'A', type: 'sales', colour: 'red' }, ['colour']],
    ])('%s is a 400 and creates nothing', async (_, body, fields) => {
      const before = await agentRows(mine);
      expectValidation(await api.http.post('/api/ai-agents').set(manager.headers).send(body), fields);
      expect(await agentRows(mine)).toEqual(before);
    });
  });

  describe('GET /api/ai-agents', () => {
    let tenant: TestTenant;
    let alpha: string;
    let beta: string;

    beforeAll(async () => {
      tenant = await createTenant(api.http);
      alpha = (await createAgent(tenant.admin.headers, { name: 'Alpha', type: 'sales' })).id;
      beta = (await createAgent(tenant.admin.headers, { name: 'beta', type: 'support', status: 'inactive' }))
        .id;
      await createAgent(tenant.admin.headers, { name: 'Gamma', type: 'sales' });
      // Alpha: 3 runs, 2 successful, 1 s, 2 s and 3 s; a classification call with its id does not count.
      await run(tenant, alpha, true, 1000);
      await run(tenant, alpha, true, 2000);
      await run(tenant, alpha, false, 3000);
      await run(tenant, alpha, true, 9000, 'classification');
      await run(tenant, beta, true, 500);
    });

    it("lists the tenant's agents by name with each one's run record", async () => {
      const res = await api.http.get('/api/ai-agents').set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ total: 3, limit: 50, offset: 0 });
      expect(res.body.data.map((a: Json) => [a.name, a.performance])).toEqual([
        ['Alpha', { total_interactions: 3, success_rate: 0.6667, avg_response_time: 2 }],
        ['beta', { total_interactions: 1, success_rate: 1, avg_response_time: 0.5 }],
        ['Gamma', { total_interactions: 0, success_rate: 0, avg_response_time: 0 }],
      ]);
    });

    it('filters by status and type, and pages', async () => {
      const names = async (query: string) =>
        (await api.http.get(`/api/ai-agents?${query}`).set(tenant.admin.headers)).body.data.map(
          (a: Json) => a.name,
        );
      expect(await names('status=inactive')).toEqual(['beta']);
      // Any case, as the other list filters.
      expect(await names('status=Inactive')).toEqual(['beta']);
      expect(await names('status=ACTIVE&type=sales')).toEqual(['Alpha', 'Gamma']);
      expect(await names('status=active&type=sales')).toEqual(['Alpha', 'Gamma']);
      expect(await names('type=support')).toEqual(['beta']);
      const page = await api.http.get('/api/ai-agents?limit=1&page=2').set(tenant.admin.headers);
      expect(page.body.meta).toEqual({ total: 3, limit: 1, offset: 1 });
      expect(page.body.data.map((a: Json) => a.name)).toEqual(['beta']);
    });

    it('rejects bad filters', async () => {
      expectValidation(await api.http.get('/api/ai-agents?status=sleeping').set(rep.headers), ['status']);
      expectValidation(await api.http.get('/api/ai-agents?status=SLEEPING').set(rep.headers), ['status']);
      expectValidation(await api.http.get('/api/ai-agents?limit=101').set(rep.headers), ['limit']);
    });

    it('GET /api/ai-agents/:id answers one agent with its record; unknown ids are 404', async () => {
      const res = await api.http.get(`/api/ai-agents/${alpha}`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: alpha,
        name: 'Alpha',
        performance: { total_interactions: 3, success_rate: 0.6667, avg_response_time: 2 },
      });
      expectError(
        await api.http.get(`/api/ai-agents/${randomUUID()}`).set(tenant.admin.headers),
        404,
        'NOT_FOUND',
      );
      expectError(
        await api.http.get('/api/ai-agents/not-a-uuid').set(tenant.admin.headers),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('PATCH /api/ai-agents/:id', () => {
    it('changes the fields sent; config keys merge, null clears one', async () => {
      const agent = await createAgent(manager.headers, { ...SEED_BODY, name: 'Patchable' });
      const res = await api.http
        .patch(`/api/ai-agents/${agent.id}`)
        .set(manager.headers)
        .send({
          name: 'Patched',
          status: 'inactive',
          capabilities: ['Lead-Qualification', 'lead-qualification'],
          config: { temperature: 1.2, systemPrompt: null },
        });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: agent.id,
        name: 'Patched',
        type: 'support',
        status: 'inactive',
        capabilities: ['lead-qualification'],
        config: { model: 'gpt-3.5-turbo', temperature: 1.2, max_tokens: 600, system_prompt: null },
      });
      const [row] = (await agentRows(mine)).filter((r) => r.id === agent.id);
      expect(row.config).toEqual({ model: 'gpt-3.5-turbo', temperature: 1.2, max_tokens: 600 });
    });

    it('takes a status in any case, as the list filter does; an unknown one changes nothing', async () => {
      const agent = await createAgent(manager.headers, {
        ...SEED_BODY,
        name: 'Any case',
        status: 'Inactive',
      });
      expect(agent.status).toBe('inactive');
      const patch = (body: object) =>
        api.http.patch(`/api/ai-agents/${agent.id}`).set(manager.headers).send(body);
      const res = await patch({ status: 'ACTIVE' });
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe('active');
      expectValidation(await patch({ status: 'SLEEPING' }), ['status']);
      const [row] = (await agentRows(mine)).filter((r) => r.id === agent.id);
      expect(row.status).toBe('active');
    });

    it('takes a type in any case and stores it lower-case, on create and on PATCH; the list filter too', async () => {
      const agent = await createAgent(manager.headers, { name: 'Upper type', type: 'SALES' });
      expect(agent.type).toBe('sales');
      const res = await api.http
        .patch(`/api/ai-agents/${agent.id}`)
        .set(manager.headers)
        .send({ type: 'Lead-Qualifier' });
      expect(res.status).toBe(200);
      expect(res.body.data.type).toBe('lead-qualifier');
      const [row] = (await agentRows(mine)).filter((r) => r.id === agent.id);
      expect(row.type).toBe('lead-qualifier');
      const listed = await api.http.get('/api/ai-agents?type=LEAD-QUALIFIER').set(manager.headers);
      expect(listed.body.data.map((a: Json) => a.id)).toEqual([agent.id]);
    });

    it('two config edits at once both land: each merges into the config the other left', async () => {
      const agent = await createAgent(manager.headers, { ...SEED_BODY, name: 'Edited twice' });
      // A transaction holds the agent's row while both edits arrive and wait for it.
      const sessions = new PgSessions(api.db);
      try {
        const holder = await sessions.begin();
        await holder.tx.query('SELECT 1 FROM ai_agents WHERE id = $1 FOR UPDATE', [agent.id]);
        const edits = [{ temperature: 0.9 }, { maxTokens: 900 }].map((config) =>
          api.http
            .patch(`/api/ai-agents/${agent.id}`)
            .set(manager.headers)
            .send({ config })
            .then((r) => r.status),
        );
        await sessions.lockWaiters('%ai_agents%', 2);
        await holder.tx.commitTransaction();
        expect(await Promise.all(edits)).toEqual([200, 200]);
      } finally {
        await sessions.close();
      }
      const [row] = (await agentRows(mine)).filter((r) => r.id === agent.id);
      expect(row.config).toEqual({
        model: 'gpt-3.5-turbo',
        temperature: 0.9,
        max_tokens: 900,
        system_prompt: 'You are a helpful customer support assistant...',
      });
    });

    it('a bad field or a taken name changes nothing', async () => {
      const agent = await createAgent(manager.headers, { name: 'Steady', type: 'sales' });
      await createAgent(manager.headers, { name: 'Taken', type: 'sales' });
      const before = await agentRows(mine);
      const patch = (body: Json) =>
        api.http.patch(`/api/ai-agents/${agent.id}`).set(manager.headers).send(body);
      expectValidation(await patch({ name: 'Renamed', config: { temperature: -1 } }), ['config.temperature']);
      expectValidation(await patch({ name: '' }), ['name']);
      expectValidation(await patch({ status: null }), ['status']);
      for (const capabilities of [null, 5]) {
        const res = await patch({ capabilities });
        expectValidation(res, ['capabilities']);
        expect(res.body.error.details).toEqual([{ field: 'capabilities', reason: 'must be an array' }]);
      }
      expectError(await patch({ name: 'TAKEN' }), 409, 'CONFLICT');
      expect(await agentRows(mine)).toEqual(before);
    });
  });

  describe('DELETE /api/ai-agents/:id', () => {
    it('archives: the agent answers once more, then is gone from every route', async () => {
      const agent = await createAgent(manager.headers, { name: 'Retiring', type: 'sales' });
      const res = await api.http.delete(`/api/ai-agents/${agent.id}`).set(manager.headers);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: agent.id,
        archived_at: expect.stringMatching(ISO_TIMESTAMP),
      });
      const [row] = (await agentRows(mine)).filter((r) => r.id === agent.id);
      expect(row.archived_at).toBeInstanceOf(Date);
      for (const [method, path, body] of [
        ['get', `/api/ai-agents/${agent.id}`, undefined],
        ['patch', `/api/ai-agents/${agent.id}`, { name: 'Back' }],
        ['delete', `/api/ai-agents/${agent.id}`, undefined],
        ['post', `/api/ai-agents/${agent.id}/execute`, { input: { message: 'Hello' } }],
      ] as const) {
        const r = await api.http[method](path).set(manager.headers).send(body);
        expect({ method, status: r.status, code: r.body.error?.code }).toEqual({
          method,
          status: 404,
          code: 'NOT_FOUND',
        });
      }
      const list = await api.http.get('/api/ai-agents?limit=100').set(manager.headers);
      expect(list.body.data.map((a: Json) => a.id)).not.toContain(agent.id);
      expect(
        (
          await api.db.query('SELECT count(*)::int AS n FROM ai_interactions WHERE agent_id = $1', [agent.id])
        )[0].n,
      ).toBe(0);
    });
  });

  describe('roles', () => {
    it('an agent (user or API key) reads but cannot create, change, archive or run; nothing changes', async () => {
      const agent = await createAgent(manager.headers, { name: 'Guarded', type: 'sales' });
      const key = await createApiKey(api.http, mine, 'agent');
      const before = await agentRows(mine);
      for (const headers of [rep.headers, { 'X-API-Key': key.key }]) {
        expect((await api.http.get('/api/ai-agents').set(headers)).status).toBe(200);
        expect((await api.http.get(`/api/ai-agents/${agent.id}`).set(headers)).status).toBe(200);
        for (const [method, path, body] of [
          ['post', '/api/ai-agents', { name: 'Rogue', type: 'sales' }],
          ['patch', `/api/ai-agents/${agent.id}`, { name: 'Rogue' }],
          ['delete', `/api/ai-agents/${agent.id}`, undefined],
          ['post', `/api/ai-agents/${agent.id}/execute`, { input: { message: 'Hello' } }],
        ] as const) {
          const res = await api.http[method](path).set(headers).send(body);
          expectError(res, 403, 'AUTHORIZATION_FAILED', 'This needs the manager role');
        }
      }
      expect(await agentRows(mine)).toEqual(before);
      expect(
        (
          await api.db.query('SELECT count(*)::int AS n FROM ai_interactions WHERE agent_id = $1', [agent.id])
        )[0].n,
      ).toBe(0);
    });

    it('without credentials every route is a 401', async () => {
      const id = randomUUID();
      for (const [method, path] of [
        ['get', '/api/ai-agents'],
        ['post', '/api/ai-agents'],
        ['get', `/api/ai-agents/${id}`],
        ['patch', `/api/ai-agents/${id}`],
        ['delete', `/api/ai-agents/${id}`],
        ['post', `/api/ai-agents/${id}/execute`],
      ] as const) {
        expect({ path, status: (await api.http[method](path)).status }).toEqual({ path, status: 401 });
      }
    });
  });

  describe('tenancy', () => {
    it("another tenant does not list, read, change, archive or run this tenant's agent", async () => {
      const agent = await createAgent(manager.headers, { name: 'Private', type: 'sales' });
      const before = await agentRows(mine);
      const list = await api.http.get('/api/ai-agents?limit=100').set(theirs.admin.headers);
      expect(list.body.data.map((a: Json) => a.id)).not.toContain(agent.id);
      expect(list.body.data.every((a: Json) => !(before as Json[]).some((r) => r.id === a.id))).toBe(true);
      for (const [method, path, body] of [
        ['get', `/api/ai-agents/${agent.id}`, undefined],
        ['patch', `/api/ai-agents/${agent.id}`, { name: 'Stolen' }],
        ['delete', `/api/ai-agents/${agent.id}`, undefined],
        ['post', `/api/ai-agents/${agent.id}/execute`, { input: { message: 'Hello' } }],
      ] as const) {
        expectError(await api.http[method](path).set(theirs.admin.headers).send(body), 404, 'NOT_FOUND');
      }
      expect(await agentRows(mine)).toEqual(before);
      expect(
        (
          await api.db.query('SELECT count(*)::int AS n FROM ai_interactions WHERE agent_id = $1', [agent.id])
        )[0].n,
      ).toBe(0);
    });
  });
});
