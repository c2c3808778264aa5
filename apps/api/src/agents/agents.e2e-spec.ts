import {
  countRows,
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
import { randomUUID } from 'node:crypto';

/**
 * Agents and agent groups (issue 6 item 2, seed 001 "Agent Endpoints"): create, list with filters and pages, read,
 * change, statistics over the agent's calls; roles (manager+ manages, agent reads); another tenant's ids are 404.
 * Status changes are in agent-status.e2e-spec.ts.
 */

type Json = Record<string, unknown>;
type Headers = Record<string, string>;

describe('agents (e2e)', () => {
  const api = useTestApi();
  let mine: TestTenant;
  let theirs: TestTenant;
  let manager: TestUser;
  let agentUser: TestUser;

  beforeAll(async () => {
    mine = await createTenant(api.http);
    theirs = await createTenant(api.http);
    manager = await createUser(api.http, mine, 'manager');
    agentUser = await createUser(api.http, mine, 'agent');
    const country = await api.http
      .patch('/api/tenant')
      .set(mine.admin.headers)
      .send({ default_country: 'US' });
    expect(country.status).toBe(200);
  });

  const agentRows = (t: TestTenant) =>
    api.db.query('SELECT * FROM agents WHERE tenant_id = $1 ORDER BY id', [t.id]);
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

  describe('POST /api/agents', () => {
    it("creates seed 001's agent, offline, with the phone in E.164", async () => {
      const group = await createGroup(mine, `Floor ${randomUUID()}`);
      const res = await api.http
        .post('/api/agents')
        .set(manager.headers)
        .send({
          name: ' John Doe ',
          phone: '(415) 555-3333',
          email: 'John@Example.com',
          agent_group_id: group,
          max_concurrent_calls: 2,
          working_hours: { monday: { start: '09:00', end: '17:00' } },
        });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        success: true,
        data: {
          id: expect.stringMatching(UUID_PATTERN),
          tenant_id: mine.id,
          user_id: null,
          name: 'John Doe',
          phone: '+14155553333',
          email: 'john@example.com',
          agent_group_id: group,
          status: 'offline',
          max_concurrent_calls: 2,
          current_calls: 0,
          total_calls_handled: 0,
          total_call_duration_seconds: 0,
          working_hours: { monday: { start: '09:00', end: '17:00' } },
          timezone: null,
          is_active: true,
          status_changed_at: expect.stringMatching(ISO_TIMESTAMP),
          wrap_up_until: null,
          last_active_at: null,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
          updated_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      });
      const get = await api.http.get(`/api/agents/${res.body.data.id}`).set(mine.admin.headers);
      expect(get.body).toEqual(res.body);
    });

    it('takes the camelCase spellings and links a user, whose name and email it takes', async () => {
      const user = await createUser(api.http, mine, 'agent');
      const group = await createGroup(mine, `Camel ${randomUUID()}`);
      const created = await createAgent(mine.admin.headers, {
        userId: user.id,
        agentGroupId: group,
        maxConcurrentCalls: 3,
        workingHours: { friday: { start: '22:00', end: '06:00' } },
        timezone: 'America/New_York',
      });
      expect(created).toMatchObject({
        user_id: user.id,
        name: 'Sam agent',
        email: user.email,
        agent_group_id: group,
        max_concurrent_calls: 3,
        working_hours: { friday: { start: '22:00', end: '06:00' } },
        timezone: 'America/New_York',
      });
    });

    it('refuses a second agent for the same user with 409, and changes nothing', async () => {
      const user = await createUser(api.http, mine, 'agent');
      const first = await createAgent(mine.admin.headers, { name: 'Once', user_id: user.id });
      const before = await agentRows(mine);
      const res = await api.http
        .post('/api/agents')
        .set(mine.admin.headers)
        .send({ name: 'Twice', user_id: user.id });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        code: 'CONFLICT',
        message: expect.any(String),
        details: { field: 'user_id', agent_id: first.id },
      });
      expect(await agentRows(mine)).toEqual(before);
    });

    it('refuses every invalid field with a 400 naming it, and creates nothing', async () => {
      const theirGroup = await createGroup(theirs, `Theirs ${randomUUID()}`);
      const cases: [Json, string[]][] = [
        [{}, ['name']],
        [{ name: '   ' }, ['name']],
        [{ name: 7 }, ['name']],
        [{ name: 'A', phone: '12' }, ['phone']],
        [{ name: 'A', phone: 'call me' }, ['phone']],
        [{ name: 'A', email: 'not-an-email' }, ['email']],
        [{ name: 'A', max_concurrent_calls: 0 }, ['max_concurrent_calls']],
        [{ name: 'A', max_concurrent_calls: 11 }, ['max_concurrent_calls']],
        [{ name: 'A', max_concurrent_calls: 1.5 }, ['max_concurrent_calls']],
        [{ name: 'A', agent_group_id: 'group-1' }, ['agent_group_id']],
        [{ name: 'A', agent_group_id: theirGroup }, ['agent_group_id']],
        [{ name: 'A', agent_group_id: randomUUID() }, ['agent_group_id']],
        [{ name: 'A', user_id: theirs.admin.id }, ['user_id']],
        [{ name: 'A', timezone: 'Mars/Olympus' }, ['timezone']],
        [{ name: 'A', working_hours: 'weekdays' }, ['working_hours']],
        [{ name: 'A', working_hours: {} }, ['working_hours']],
        [
          { name: 'A', working_hours: { funday: { start: '09:00', end: '17:00' } } },
          ['working_hours.funday'],
        ],
        [
          { name: 'A', working_hours: { monday: { start: '9am', end: '17:00' } } },
          ['working_hours.monday.start'],
        ],
        [
          { name: 'A', working_hours: { monday: { start: '09:00', end: '24:30' } } },
          ['working_hours.monday.end'],
        ],
        [{ name: 'A', working_hours: { monday: { start: '09:00' } } }, ['working_hours.monday.end']],
        [{ name: 'A', status: 'available' }, ['status']],
      ];
      const before = await agentRows(mine);
      for (const [body, fields] of cases) {
        const res = await api.http.post('/api/agents').set(mine.admin.headers).send(body);
        try {
          expectValidation(res, fields);
        } catch (err) {
          throw new Error(
            `${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body)}: ${String(err)}`,
          );
        }
      }
      expect(await agentRows(mine)).toEqual(before);
    });
  });

  describe('GET /api/agents', () => {
    let t: TestTenant;
    let groupA: string;
    let ids: Record<string, string>;

    beforeAll(async () => {
      t = await createTenant(api.http);
      groupA = await createGroup(t, 'A');
      const groupB = await createGroup(t, 'B');
      ids = {};
      for (const [name, group] of [
        ['Ana', groupA],
        ['Bea', groupA],
        ['Cid', groupB],
        ['Dot', null],
      ] as const)
        ids[name] = (await createAgent(t.admin.headers, { name, agent_group_id: group })).id;
      await api.db.query(
        `UPDATE agents SET status = 'available' WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [t.id, [ids.Ana, ids.Cid]],
      );
      await api.http.patch(`/api/agents/${ids.Bea}`).set(t.admin.headers).send({ is_active: false });
    });

    const names = async (query: string) => {
      const res = await api.http.get(`/api/agents?${query}`).set(t.admin.headers);
      expect(res.status).toBe(200);
      return (res.body.data as Json[]).map((a) => a.name);
    };

    it('lists every agent of the tenant by name, with the page meta', async () => {
      const res = await api.http.get('/api/agents').set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ total: 4, limit: 50, offset: 0 });
      expect((res.body.data as Json[]).map((a) => a.name)).toEqual(['Ana', 'Bea', 'Cid', 'Dot']);
    });

    it('filters by status, group (either spelling) and active flag, and pages', async () => {
      expect(await names('status=available')).toEqual(['Ana', 'Cid']);
      expect(await names('status=offline')).toEqual(['Bea', 'Dot']);
      // Any case, as GET calls reads its filters.
      expect(await names('status=Available')).toEqual(['Ana', 'Cid']);
      expect(await names('status=OFFLINE')).toEqual(['Bea', 'Dot']);
      expect(await names(`agent_group_id=${groupA}`)).toEqual(['Ana', 'Bea']);
      expect(await names(`agentGroupId=${groupA}&status=available`)).toEqual(['Ana']);
      expect(await names('is_active=false')).toEqual(['Bea']);
      expect(await names('isActive=true')).toEqual(['Ana', 'Cid', 'Dot']);
      expect(await names('is_active=FALSE')).toEqual(['Bea']);
      expect(await names('isActive=True')).toEqual(['Ana', 'Cid', 'Dot']);
      expect(await names('limit=2&offset=1')).toEqual(['Bea', 'Cid']);
      const page = await api.http.get('/api/agents?limit=3&page=2').set(t.admin.headers);
      expect(page.body.meta).toEqual({ total: 4, limit: 3, offset: 3 });
      expect(page.body.data.map((a: Json) => a.name)).toEqual(['Dot']);
    });

    it('refuses bad filters with a 400', async () => {
      for (const [query, field] of [
        ['status=sleeping', 'status'],
        ['status=SLEEPING', 'status'],
        ['agent_group_id=abc', 'agent_group_id'],
        ['is_active=maybe', 'is_active'],
        ['is_active=MAYBE', 'is_active'],
        ['limit=101', 'limit'],
        ['offset=1&page=2', 'page'],
      ]) {
        expectValidation(await api.http.get(`/api/agents?${query}`).set(t.admin.headers), [field]);
      }
    });

    it('orders names alphabetically whatever their case, not in byte order', async () => {
      const mixed = await createTenant(api.http);
      for (const name of ['bob', 'Zed', 'alice', 'Carl']) await createAgent(mixed.admin.headers, { name });
      const res = await api.http.get('/api/agents').set(mixed.admin.headers);
      expect(res.status).toBe(200);
      expect((res.body.data as Json[]).map((a) => a.name)).toEqual(['alice', 'bob', 'Carl', 'Zed']);
      const page = await api.http.get('/api/agents?limit=2&offset=2').set(mixed.admin.headers);
      expect((page.body.data as Json[]).map((a) => a.name)).toEqual(['Carl', 'Zed']);
    });

    it("never shows another tenant's agents", async () => {
      const res = await api.http.get('/api/agents').set(theirs.admin.headers);
      expect(res.body.data.map((a: Json) => a.id)).not.toEqual(expect.arrayContaining([ids.Ana]));
    });
  });

  describe('PATCH /api/agents/:id', () => {
    it('changes the fields sent, and null clears', async () => {
      const group = await createGroup(mine, `Patch ${randomUUID()}`);
      const agent = await createAgent(manager.headers, {
        name: 'Pat',
        phone: '+14155550101',
        agent_group_id: group,
        working_hours: { monday: { start: '09:00', end: '17:00' } },
        timezone: 'Europe/Lisbon',
      });
      const res = await api.http.patch(`/api/agents/${agent.id}`).set(manager.headers).send({
        name: 'Patricia',
        phone: null,
        agentGroupId: null,
        workingHours: null,
        maxConcurrentCalls: 4,
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        ...agent,
        name: 'Patricia',
        phone: null,
        agent_group_id: null,
        working_hours: null,
        max_concurrent_calls: 4,
        updated_at: expect.stringMatching(ISO_TIMESTAMP),
      });
    });

    it('refuses invalid fields and changes nothing', async () => {
      const agent = await createAgent(manager.headers, { name: 'Stay', phone: '+14155550102' });
      const before = await agentRows(mine);
      for (const [body, fields] of [
        [{ name: '' }, ['name']],
        [{ name: null }, ['name']],
        [{ phone: '123' }, ['phone']],
        [{ max_concurrent_calls: null }, ['max_concurrent_calls']],
        [{ is_active: 'no' }, ['is_active']],
        [{ working_hours: { monday: { start: '25:00', end: '17:00' } } }, ['working_hours.monday.start']],
        [{ user_id: randomUUID() }, ['user_id']],
        [{ current_calls: 3 }, ['current_calls']],
      ] as [Json, string[]][]) {
        expectValidation(
          await api.http.patch(`/api/agents/${agent.id}`).set(manager.headers).send(body),
          fields,
        );
      }
      expect(await agentRows(mine)).toEqual(before);
    });

    it('refuses linking a user another agent has (409), and changes nothing', async () => {
      const user = await createUser(api.http, mine, 'agent');
      const owner = await createAgent(manager.headers, { name: 'Owner', user_id: user.id });
      const other = await createAgent(manager.headers, { name: 'Other' });
      const before = await agentRows(mine);
      const res = await api.http
        .patch(`/api/agents/${other.id}`)
        .set(manager.headers)
        .send({ user_id: user.id });
      expect(res.status).toBe(409);
      expect(await agentRows(mine)).toEqual(before);
      // Sending an agent's own user again is no conflict.
      const same = await api.http
        .patch(`/api/agents/${owner.id}`)
        .set(manager.headers)
        .send({ user_id: user.id });
      expect({ status: same.status, user_id: same.body.data?.user_id }).toEqual({
        status: 200,
        user_id: user.id,
      });
    });

    it('deactivating an agent who is not offline takes them offline', async () => {
      const agent = await createAgent(manager.headers, { name: 'Leaving' });
      await api.db.query(`UPDATE agents SET status = 'available' WHERE tenant_id = $1 AND id = $2`, [
        mine.id,
        agent.id,
      ]);
      const res = await api.http
        .patch(`/api/agents/${agent.id}`)
        .set(manager.headers)
        .send({ is_active: false });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ is_active: false, status: 'offline' });
    });
  });

  describe('roles', () => {
    it('an agent-role user reads agents and groups but cannot create or change them', async () => {
      const agent = await createAgent(manager.headers, { name: 'Read Me' });
      const before = { agents: await agentRows(mine), groups: await groupRows(mine) };
      expect((await api.http.get('/api/agents').set(agentUser.headers)).status).toBe(200);
      expect((await api.http.get(`/api/agents/${agent.id}`).set(agentUser.headers)).status).toBe(200);
      expect((await api.http.get('/api/agent-groups').set(agentUser.headers)).status).toBe(200);
      expectError(
        await api.http.post('/api/agents').set(agentUser.headers).send({ name: 'X' }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expectError(
        await api.http.patch(`/api/agents/${agent.id}`).set(agentUser.headers).send({ name: 'X' }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expectError(
        await api.http.post('/api/agent-groups').set(agentUser.headers).send({ name: 'X' }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect({ agents: await agentRows(mine), groups: await groupRows(mine) }).toEqual(before);
    });

    it('answers 401 without credentials', async () => {
      expectError(await api.http.get('/api/agents'), 401, 'AUTHENTICATION_REQUIRED');
      expectError(await api.http.get('/api/agent-groups'), 401, 'AUTHENTICATION_REQUIRED');
    });
  });

  it("answers 404 on every route for another tenant's agent, unknown ids and non-ids, and changes nothing", async () => {
    const agent = await createAgent(manager.headers, { name: 'Private', phone: '+14155550103' });
    const before = await agentRows(mine);
    for (const id of [agent.id, randomUUID(), 'not-an-id']) {
      const t = id === agent.id ? theirs.admin.headers : mine.admin.headers;
      const calls = [
        api.http.get(`/api/agents/${id}`).set(t),
        api.http.patch(`/api/agents/${id}`).set(t).send({ name: 'Stolen' }),
        api.http.put(`/api/agents/${id}/status`).set(t).send({ status: 'offline' }),
        api.http.get(`/api/agents/${id}/stats`).set(t),
      ];
      for (const res of await Promise.all(calls)) expectError(res, 404, 'NOT_FOUND', 'Agent not found');
    }
    expect(await agentRows(mine)).toEqual(before);
  });

  it('keeps the row counts of the other tenant untouched', async () => {
    expect(await countRows(api.db, 'agents', 'tenant_id = $1', [theirs.id])).toBe(0);
  });
});
