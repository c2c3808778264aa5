import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  ISO_TIMESTAMP,
  TestTenant,
  TestUser,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';

/**
 * Agent groups (names unique per tenant) and seed 001's agent statistics over the agent's calls (issue 6 item 2),
 * and the OpenAPI document of every agents route. Agents themselves are in agents.e2e-spec.ts.
 */

type Json = Record<string, unknown>;
type Headers = Record<string, string>;

describe('agent groups, agent statistics and the OpenAPI document (e2e)', () => {
  const api = useTestApi();
  let theirs: TestTenant;

  beforeAll(async () => {
    theirs = await createTenant(api.http);
  });

  const groupRows = (t: TestTenant) =>
    api.db.query('SELECT * FROM agent_groups WHERE tenant_id = $1 ORDER BY id', [t.id]);

  async function createAgent(headers: Headers, body: Json): Promise<Json & { id: string }> {
    const res = await api.http.post('/api/agents').set(headers).send(body);
    if (res.status !== 201)
      throw new Error(`POST /api/agents answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  }

  async function createGroup(t: TestTenant, name: string): Promise<string> {
    const res = await api.http.post('/api/agent-groups').set(t.admin.headers).send({ name });
    if (res.status !== 201) throw new Error(`POST /api/agent-groups answered ${res.status}`);
    return res.body.data.id;
  }

  describe('agent groups', () => {
    it('creates a group, lists groups by name with their agent counts', async () => {
      const t = await createTenant(api.http);
      const res = await api.http
        .post('/api/agent-groups')
        .set(t.admin.headers)
        .send({ name: ' Sales floor ', description: 'US hours' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          tenant_id: t.id,
          name: 'Sales floor',
          description: 'US hours',
          agent_count: 0,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      const support = await createGroup(t, 'Support');
      await createAgent(t.admin.headers, { name: 'One', agent_group_id: support });
      await createAgent(t.admin.headers, { name: 'Two', agent_group_id: support });
      const list = await api.http.get('/api/agent-groups').set(t.admin.headers);
      expect(list.status).toBe(200);
      expect(list.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
      expect(list.body.data.map((g: Json) => [g.name, g.agent_count])).toEqual([
        ['Sales floor', 0],
        ['Support', 2],
      ]);
      const other = await api.http.get('/api/agent-groups').set(theirs.admin.headers);
      expect(other.body.data.map((g: Json) => g.id)).not.toContain(support);
    });

    it('lists groups alphabetically whatever their case, not in byte order', async () => {
      const t = await createTenant(api.http);
      for (const name of ['support', 'Retention', 'billing', 'Sales']) await createGroup(t, name);
      const list = await api.http.get('/api/agent-groups').set(t.admin.headers);
      expect(list.status).toBe(200);
      expect(list.body.data.map((g: Json) => g.name)).toEqual(['billing', 'Retention', 'Sales', 'support']);
    });

    it('refuses a name the tenant already uses (409) and invalid bodies (400), changing nothing', async () => {
      const t = await createTenant(api.http);
      await createGroup(t, 'Closers');
      const before = await groupRows(t);
      for (const name of [' Closers', 'closers', 'CLOSERS']) {
        const dup = await api.http.post('/api/agent-groups').set(t.admin.headers).send({ name });
        expect(dup.status).toBe(409);
        expect(dup.body.error).toEqual({
          code: 'CONFLICT',
          message: expect.any(String),
          details: { field: 'name' },
        });
      }
      for (const [body, fields] of [
        [{}, ['name']],
        [{ name: '  ' }, ['name']],
        [{ name: 'x'.repeat(121) }, ['name']],
        [{ name: 'Ok', color: 'red' }, ['color']],
      ] as [Json, string[]][]) {
        expectValidation(await api.http.post('/api/agent-groups').set(t.admin.headers).send(body), fields);
      }
      expect(await groupRows(t)).toEqual(before);
      // Another tenant may use the same name.
      expect(
        (await api.http.post('/api/agent-groups').set(theirs.admin.headers).send({ name: 'Closers' })).status,
      ).toBe(201);
    });
  });

  describe('GET /api/agents/:id/stats', () => {
    let t: TestTenant;
    let rep: TestUser;
    let agent: Json & { id: string };
    let colleague: Json & { id: string };

    /** A finished call of the agent straight into Postgres (the calls API is another helper's). */
    async function call(
      agentId: string,
      kind: string,
      disposition: string | null,
      talk: number | null,
      start: string,
      status = 'completed',
    ) {
      await api.db.query(
        `INSERT INTO calls (tenant_id, agent_id, kind, direction, status, disposition, talk_time, start_time, end_time)
         VALUES ($1, $2, $3, $4, $8, $5, $6, $7, $7)`,
        [t.id, agentId, kind, kind === 'inbound' ? 'inbound' : 'outbound', disposition, talk, start, status],
      );
    }

    beforeAll(async () => {
      t = await createTenant(api.http);
      rep = await createUser(api.http, t, 'agent');
      agent = await createAgent(t.admin.headers, { name: 'Stats', user_id: rep.id });
      colleague = await createAgent(t.admin.headers, { name: 'Colleague' });
      await call(agent.id, 'dialer', 'answered', 100, '2024-01-05T10:00:00Z');
      await call(agent.id, 'inbound', 'answered', 201, '2024-01-31T23:30:00Z');
      await call(agent.id, 'manual', 'no_answer', null, '2024-01-10T10:00:00Z');
      await call(agent.id, 'dialer', 'voicemail', 0, '2024-02-01T00:00:00Z');
      // Not counted: the agent's own legs, broadcasts, and other agents' calls.
      await call(agent.id, 'agent_leg', 'answered', 500, '2024-01-05T10:00:00Z');
      await call(agent.id, 'broadcast', 'answered', 500, '2024-01-05T10:00:00Z');
      await call(colleague.id, 'dialer', 'answered', 500, '2024-01-05T10:00:00Z');
      // Their phone rang out, or was busy: unanswered, not calls.
      await call(agent.id, 'agent_leg', 'no_answer', null, '2024-01-07T10:00:00Z', 'no-answer');
      await call(agent.id, 'agent_leg', 'busy', null, '2024-02-03T10:00:00Z', 'busy');
      await call(colleague.id, 'agent_leg', 'no_answer', null, '2024-01-07T10:00:00Z', 'no-answer');
    });

    it("answers seed 001's { agent, stats } over every call of the agent", async () => {
      const res = await api.http.get(`/api/agents/${agent.id}/stats`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          agent: { ...agent, updated_at: expect.any(String) },
          stats: {
            total_calls: 4,
            answered_calls: 2,
            avg_talk_time: 150.5,
            total_talk_time: 301,
            unanswered_calls: 2,
          },
          period: { date_from: null, date_to: null },
        },
      });
    });

    it('counts the calls that started in the window, a bare date_to covering its whole day', async () => {
      const res = await api.http
        .get(`/api/agents/${agent.id}/stats?date_from=2024-01-01&date_to=2024-01-31`)
        .set(t.admin.headers);
      expect(res.body.data.stats).toEqual({
        total_calls: 3,
        answered_calls: 2,
        avg_talk_time: 150.5,
        total_talk_time: 301,
        unanswered_calls: 1,
      });
      expect(res.body.data.period).toEqual({
        date_from: '2024-01-01T00:00:00.000Z',
        date_to: '2024-01-31T23:59:59.999Z',
      });
      const narrow = await api.http
        .get(`/api/agents/${agent.id}/stats?date_from=2024-01-06T00:00:00Z&date_to=2024-01-20`)
        .set(t.admin.headers);
      expect(narrow.body.data.stats).toEqual({
        total_calls: 1,
        answered_calls: 0,
        avg_talk_time: 0,
        total_talk_time: 0,
        unanswered_calls: 1,
      });
    });

    it("reads a bare date as a day of the tenant's time zone", async () => {
      const zone = (timezone: string) =>
        api.http.patch('/api/tenant').set(t.admin.headers).send({ timezone }).expect(200);
      await zone('America/New_York');
      try {
        const res = await api.http
          .get(`/api/agents/${agent.id}/stats?date_from=2024-01-01&date_to=2024-01-31`)
          .set(t.admin.headers);
        expect(res.status).toBe(200);
        // The voicemail of 2024-02-01T00:00Z was made on 31 January at 19:00 in New York.
        expect(res.body.data.stats).toMatchObject({ total_calls: 4, answered_calls: 2, unanswered_calls: 1 });
        expect(res.body.data.period).toEqual({
          date_from: '2024-01-01T05:00:00.000Z',
          date_to: '2024-02-01T04:59:59.999Z',
        });
      } finally {
        await zone('UTC');
      }
    });

    it('refuses bad dates with a 400', async () => {
      for (const [query, field] of [
        ['date_from=yesterday', 'date_from'],
        ['date_to=2024-02-30', 'date_to'],
        ['date_from=2024-02-01&date_to=2024-01-01', 'date_to'],
      ]) {
        expectValidation(await api.http.get(`/api/agents/${agent.id}/stats?${query}`).set(t.admin.headers), [
          field,
        ]);
      }
    });

    it("lets an agent-role user read their own statistics, not a colleague's", async () => {
      expect((await api.http.get(`/api/agents/${agent.id}/stats`).set(rep.headers)).status).toBe(200);
      expectError(
        await api.http.get(`/api/agents/${colleague.id}/stats`).set(rep.headers),
        403,
        'AUTHORIZATION_FAILED',
      );
    });
  });

  it('documents every route in OpenAPI with its auth, errors, DTOs and examples', async () => {
    type Op = {
      summary?: string;
      security?: Record<string, string[]>[];
      parameters?: { in: string }[];
      requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
      responses: Record<string, unknown>;
    };
    type Schema = { properties?: Record<string, Json> };
    const doc = (await api.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, Op>>;
      components: { schemas: Record<string, Schema> };
    };
    const routes: [string, string, string[]][] = [
      ['get', '/api/agents', ['200', '400', '401', '403', '429']],
      ['post', '/api/agents', ['201', '400', '401', '403', '409', '429']],
      ['get', '/api/agents/{id}', ['200', '401', '403', '404', '429']],
      ['patch', '/api/agents/{id}', ['200', '400', '401', '403', '404', '409', '429']],
      ['put', '/api/agents/{id}/status', ['200', '400', '401', '403', '404', '409', '422', '429']],
      ['get', '/api/agents/{id}/stats', ['200', '400', '401', '403', '404', '429']],
      ['get', '/api/agent-groups', ['200', '400', '401', '403', '429']],
      ['post', '/api/agent-groups', ['201', '400', '401', '403', '409', '429']],
    ];
    const gaps: string[] = [];
    for (const [method, path, statuses] of routes) {
      const op = doc.paths[path]?.[method];
      if (!op) {
        gaps.push(`${method} ${path}: missing`);
        continue;
      }
      if (!op.summary) gaps.push(`${method} ${path}: summary`);
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      if (!schemes.includes('bearer') || !schemes.includes('api-key'))
        gaps.push(`${method} ${path}: security`);
      for (const status of statuses) if (!op.responses[status]) gaps.push(`${method} ${path}: ${status}`);
      const body = op.requestBody?.content['application/json']?.schema.$ref;
      if (['post', 'patch', 'put'].includes(method) && !body) gaps.push(`${method} ${path}: body DTO`);
    }
    for (const name of [
      'AgentDto',
      'AgentStatsDto',
      'AgentGroupDto',
      'CreateAgentDto',
      'AgentStatusDto',
      'DayHoursDto',
    ]) {
      const schema = doc.components.schemas[name];
      if (!schema) gaps.push(`schema ${name}`);
      for (const [prop, p] of Object.entries(schema?.properties ?? {})) {
        const described = ['example', 'enum', 'format', '$ref', 'items', 'allOf', 'oneOf'].some(
          (k) => k in p,
        );
        if (!described && p.type !== 'object') gaps.push(`${name}.${prop}: example`);
      }
    }
    expect(gaps).toEqual([]);
  });
});
