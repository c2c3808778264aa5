import {
  createTenant,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  useTestApi,
  UUID_PATTERN,
} from '@app/testing';
import { randomUUID } from 'node:crypto';

/** Seed 000's body: a trigger node and what follows it. */
const seedBody = () => ({
  name: 'New Lead Trigger',
  nodes: [
    { id: '1', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
    {
      id: '2',
      type: 'send_message',
      position: { x: 0, y: 100 },
      data: { channel: 'sms', body: 'Hi {{first_name}}' },
    },
  ],
  edges: [{ id: 'e1-2', source: '1', target: '2', animated: true }],
});

describe('workflows: definitions (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  const create = (body: object, t: TestTenant = tenant) =>
    api.http.post('/api/workflows').set(t.admin.headers).send(body);
  const stored = async (id: string) =>
    (
      await api.db.query(`SELECT name, nodes, edges, active, trigger_event FROM workflows WHERE id = $1`, [
        id,
      ])
    )[0];

  it("saves seed 000's body as an inactive draft, keeping React Flow's fields, and reads, lists, changes and deletes it", async () => {
    const res = await create(seedBody());
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      id: expect.stringMatching(UUID_PATTERN),
      name: 'New Lead Trigger',
      description: null,
      trigger: null,
      active: false,
      nodes: seedBody().nodes,
      edges: seedBody().edges,
      activated_at: null,
      created_by_id: tenant.admin.id,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const id = res.body.data.id as string;
    expect((await api.http.get(`/api/workflows/${id}`).set(tenant.admin.headers)).body.data).toEqual(
      res.body.data,
    );
    const list = await api.http.get('/api/workflows').set(tenant.admin.headers);
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(id);
    expect(list.body.meta).toMatchObject({ limit: 50, offset: 0 });

    const put = await api.http
      .put(`/api/workflows/${id}`)
      .set(tenant.admin.headers)
      .send({ name: 'Welcome', trigger: 'lead.created' });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({
      name: 'Welcome',
      trigger: 'lead.created',
      nodes: seedBody().nodes,
    });

    const runs = await api.http.get(`/api/workflows/${id}/runs`).set(tenant.admin.headers);
    expect(runs.status).toBe(200);
    expect(runs.body).toEqual({ success: true, data: [], meta: { total: 0, limit: 50, offset: 0 } });

    expect((await api.http.delete(`/api/workflows/${id}`).set(tenant.admin.headers)).status).toBe(200);
    expectError(await api.http.get(`/api/workflows/${id}`).set(tenant.admin.headers), 404, 'NOT_FOUND');
  });

  it('refuses a graph that does not hold together, naming each field, and saves nothing', async () => {
    const before = (
      await api.db.query(`SELECT count(*)::int AS n FROM workflows WHERE tenant_id = $1`, [tenant.id])
    )[0].n;
    const node = (id: string, type = 'wait') => ({ id, type, position: { x: 0, y: 0 }, data: {} });
    const cases: [object, string[]][] = [
      [{ ...seedBody(), nodes: [node('1', 'trigger'), node('1')], edges: [] }, ['nodes.1.id']],
      [{ ...seedBody(), edges: [{ id: 'e', source: '1', target: 'nope' }] }, ['edges.0.target']],
      [{ ...seedBody(), nodes: [node('1'), node('2')], edges: [] }, ['nodes']],
      [{ ...seedBody(), nodes: [node('1', 'trigger'), node('2', 'trigger')], edges: [] }, ['nodes']],
      [{ ...seedBody(), nodes: [node('1', 'trigger'), node('2', 'teleport')], edges: [] }, ['nodes.1.type']],
      [
        {
          ...seedBody(),
          nodes: [node('1', 'trigger'), node('2'), node('3')],
          edges: [
            { id: 'a', source: '1', target: '2' },
            { id: 'b', source: '2', target: '3' },
            { id: 'c', source: '3', target: '2' },
          ],
        },
        ['edges.2.target'],
      ],
      [{ ...seedBody(), edges: [{ id: 'e', source: '2', target: '1' }] }, ['edges.0.target']],
      [{ ...seedBody(), nodes: [{ id: '1', type: 'trigger' }], edges: [] }, ['nodes.0.position']],
      [
        { ...seedBody(), nodes: [{ ...node('1', 'trigger'), data: { event: 'lead.deleted' } }], edges: [] },
        ['nodes.0.data.event'],
      ],
      [{ ...seedBody(), trigger: 'lead.deleted' }, ['trigger']],
      [{ name: '', nodes: 'x' }, ['name', 'nodes']],
    ];
    for (const [body, fields] of cases) expectValidation(await create(body), fields);
    expect(
      (await api.db.query(`SELECT count(*)::int AS n FROM workflows WHERE tenant_id = $1`, [tenant.id]))[0].n,
    ).toBe(before);

    // A refused change leaves the saved workflow as it was.
    const id = (await create(seedBody())).body.data.id as string;
    const saved = await stored(id);
    const refused = await api.http
      .put(`/api/workflows/${id}`)
      .set(tenant.admin.headers)
      .send({ name: 'Changed', edges: [{ id: 'e', source: '1', target: '9' }] });
    expectValidation(refused, ['edges.0.target']);
    expect(await stored(id)).toEqual(saved);
  });

  it('activates only a runnable workflow: each missing setting named, nothing changed; then deactivates', async () => {
    const id = (await create(seedBody())).body.data.id as string;
    const activate = () => api.http.post(`/api/workflows/${id}/activate`).set(tenant.admin.headers);
    expectValidation(await activate(), ['trigger']);
    expect((await stored(id)).active).toBe(false);

    const incomplete = {
      trigger: 'lead.created',
      nodes: [
        ...seedBody().nodes,
        {
          id: '3',
          type: 'condition',
          position: { x: 0, y: 0 },
          data: { field: 'score', operator: 'contains', value: 5 },
        },
        { id: '4', type: 'add_to_campaign', position: { x: 0, y: 0 }, data: { campaign_id: randomUUID() } },
        { id: '5', type: 'wait', position: { x: 0, y: 0 }, data: { delay: { value: 2, unit: 'weeks' } } },
      ],
      edges: [
        { id: 'a', source: '1', target: '2' },
        { id: 'b', source: '1', target: '3' },
        { id: 'c', source: '3', target: '4', sourceHandle: 'maybe' },
      ],
    };
    expect(
      (await api.http.put(`/api/workflows/${id}`).set(tenant.admin.headers).send(incomplete)).status,
    ).toBe(200);
    expectValidation(await activate(), [
      'edges.1.source',
      'edges.2.sourceHandle',
      'nodes.2.data.operator',
      'nodes.4.data.delay',
    ]);
    // The graph right, the campaign still another tenant's (or nobody's).
    incomplete.nodes[2].data = { field: 'score', operator: 'gte', value: 50 };
    incomplete.nodes[4].data = { delay: { value: 2, unit: 'hours' } };
    incomplete.edges = [
      { id: 'a', source: '1', target: '3' },
      { id: 'b', source: '3', target: '4', sourceHandle: 'true' },
      { id: 'c', source: '3', target: '2', sourceHandle: 'false' },
    ];
    expect(
      (await api.http.put(`/api/workflows/${id}`).set(tenant.admin.headers).send(incomplete)).status,
    ).toBe(200);
    expectValidation(await activate(), ['nodes.3.data.campaign_id']);
    expect((await stored(id)).active).toBe(false);

    const campaign = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Nurture', steps: [{ type: 'SMS', content: 'Hello' }] });
    expect(campaign.status).toBe(201);
    incomplete.nodes[3].data = { campaign_id: campaign.body.data.id };
    expect(
      (await api.http.put(`/api/workflows/${id}`).set(tenant.admin.headers).send(incomplete)).status,
    ).toBe(200);
    const on = await activate();
    expect(on.status).toBe(200);
    expect(on.body.data).toMatchObject({
      active: true,
      trigger: 'lead.created',
      activated_at: expect.any(String),
    });
    expect((await activate()).status).toBe(200);

    // An active workflow stays runnable: a change that breaks it is refused and changes nothing.
    const saved = await stored(id);
    expectValidation(
      await api.http
        .put(`/api/workflows/${id}`)
        .set(tenant.admin.headers)
        .send({
          nodes: incomplete.nodes.map((n) => (n.id === '2' ? { ...n, data: { channel: 'fax' } } : n)),
        }),
      ['nodes.1.data.channel'],
    );
    expect(await stored(id)).toEqual(saved);

    const off = await api.http.post(`/api/workflows/${id}/deactivate`).set(tenant.admin.headers);
    expect(off.status).toBe(200);
    expect(off.body.data.active).toBe(false);
  });

  it('checks the placeholders of its messages and notifications as a campaign step does, at activation', async () => {
    const node = (id: string, type: string, data: Record<string, unknown>) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      data,
    });
    const body = (send: Record<string, unknown>, notify: Record<string, unknown>) => ({
      name: 'Templates',
      trigger: 'lead.created',
      nodes: [
        node('t', 'trigger', { event: 'lead.created' }),
        node('s', 'send_message', { channel: 'email', ...send }),
        node('n', 'notify', notify),
      ],
      edges: [
        { id: 'a', source: 't', target: 's' },
        { id: 'b', source: 's', target: 'n' },
      ],
    });
    const id = (
      await create(
        body(
          { body: 'Hi {{frist_name}}, your {{}} offer {{first_name', subject: 'For {{ company' },
          { title: 'Qualified: {{first_name}} score {{score}}', message: 'See {{}}' },
        ),
      )
    ).body.data.id as string;
    const activate = () => api.http.post(`/api/workflows/${id}/activate`).set(tenant.admin.headers);
    // Braces that name nothing and ones never closed, in each text.
    expectValidation(await activate(), ['nodes.1.data.body', 'nodes.1.data.subject', 'nodes.2.data.message']);
    const res = await activate();
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'nodes.1.data.body', reason: expect.stringContaining('{{}}, which names no field') },
        {
          field: 'nodes.1.data.body',
          reason: expect.stringContaining('{{first_name, a placeholder never closed'),
        },
      ]),
    );
    // Well formed, but naming fields no lead has: refused as a campaign refuses them.
    const fields = body(
      { content: 'Hi {{frist_name}}' },
      { title: 'Qualified: {{first_name}} score {{score}}' },
    );
    expect((await api.http.put(`/api/workflows/${id}`).set(tenant.admin.headers).send(fields)).status).toBe(
      200,
    );
    const unknown = await activate();
    expectValidation(unknown, ['nodes.1.data.content', 'nodes.2.data.title']);
    expect(unknown.body.error.details[0].reason).toContain('names an unknown field {{frist_name}}');
    expect((await stored(id)).active).toBe(false);

    const fixed = body({ body: 'Hi {{first_name|there}}' }, { title: '{{name}} qualified' });
    expect((await api.http.put(`/api/workflows/${id}`).set(tenant.admin.headers).send(fixed)).status).toBe(
      200,
    );
    expect((await activate()).status).toBe(200);
  });

  it('refuses a condition on a status or classification no lead can have; any case of a real one is taken', async () => {
    const condition = (field: string, operator: string, value: unknown) => ({
      name: 'Conditions',
      trigger: 'lead.created',
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
        { id: 'c', type: 'condition', position: { x: 0, y: 0 }, data: { field, operator, value } },
      ],
      edges: [{ id: 'a', source: 't', target: 'c' }],
    });
    const id = (await create(condition('classification', 'equals', 'intrested'))).body.data.id as string;
    const activate = () => api.http.post(`/api/workflows/${id}/activate`).set(tenant.admin.headers);
    const put = (body: unknown) =>
      api.http
        .put(`/api/workflows/${id}`)
        .set(tenant.admin.headers)
        .send(body as object);
    const refused = await activate();
    expectValidation(refused, ['nodes.1.data.value']);
    expect(refused.body.error.details[0].reason).toContain(
      "has intrested, which no lead's classification is",
    );
    expect((await put(condition('status', 'in', ['contacted', 'qualifed']))).status).toBe(200);
    expectValidation(await activate(), ['nodes.1.data.value']);
    expect((await stored(id)).active).toBe(false);

    expect((await put(condition('status', 'in', ['Contacted', 'qualified']))).status).toBe(200);
    expect((await activate()).status).toBe(200);
  });

  it("takes a send_message's content (a campaign step's name for its text) for its body, refusing both when they differ", async () => {
    const body = seedBody();
    const send = body.nodes[1];
    const id = (await create({ ...body, trigger: 'lead.created' })).body.data.id as string;
    const save = (data: object) =>
      api.http
        .put(`/api/workflows/${id}`)
        .set(tenant.admin.headers)
        .send({ nodes: [body.nodes[0], { ...send, data }] });
    const activate = () => api.http.post(`/api/workflows/${id}/activate`).set(tenant.admin.headers);

    expect((await save({ channel: 'sms', body: 'Hi', content: 'Hello' })).status).toBe(200);
    const refused = await activate();
    expectValidation(refused, ['nodes.1.data.content']);
    expect(refused.body.error.details).toEqual([
      {
        field: 'nodes.1.data.content',
        reason: 'is an alias of body: give one of them, or both the same',
      },
    ]);
    expect((await save({ channel: 'sms', content: '' })).status).toBe(200);
    expectValidation(await activate(), ['nodes.1.data.content']);

    expect((await save({ channel: 'sms', body: 'Hi', content: 'Hi' })).status).toBe(200);
    expect((await activate()).status).toBe(200);
    const saved = await save({ channel: 'sms', content: 'Hi {{first_name}}' });
    expect(saved.status).toBe(200);
    expect(saved.body.data.nodes[1].data).toEqual({ channel: 'sms', content: 'Hi {{first_name}}' });
  });

  it("answers another tenant's workflow 404 on every route, and lists only the tenant's own", async () => {
    const id = (await create(seedBody())).body.data.id as string;
    const other = await createTenant(api.http);
    const h = other.admin.headers;
    const routes = [
      api.http.get(`/api/workflows/${id}`).set(h),
      api.http.put(`/api/workflows/${id}`).set(h).send({ name: 'Mine now' }),
      api.http.post(`/api/workflows/${id}/activate`).set(h),
      api.http.post(`/api/workflows/${id}/deactivate`).set(h),
      api.http.get(`/api/workflows/${id}/runs`).set(h),
      api.http.delete(`/api/workflows/${id}`).set(h),
    ];
    for (const res of await Promise.all(routes)) expectError(res, 404, 'NOT_FOUND');
    expect((await api.http.get('/api/workflows').set(h)).body.meta.total).toBe(0);
    expect((await stored(id)).name).toBe('New Lead Trigger');
  });

  it('lets agents read workflows and only managers and admins write them, as campaigns', async () => {
    const id = (await create(seedBody())).body.data.id as string;
    const agent = await createUser(api.http, tenant, 'agent');
    const manager = await createUser(api.http, tenant, 'manager');
    expect((await api.http.get(`/api/workflows/${id}`).set(agent.headers)).status).toBe(200);
    expect((await api.http.get(`/api/workflows/${id}/runs`).set(agent.headers)).status).toBe(200);
    expectError(
      await api.http.post('/api/workflows').set(agent.headers).send(seedBody()),
      403,
      'AUTHORIZATION_FAILED',
    );
    expectError(
      await api.http.delete(`/api/workflows/${id}`).set(agent.headers),
      403,
      'AUTHORIZATION_FAILED',
    );
    expectError(
      await api.http.post(`/api/workflows/${id}/activate`).set(agent.headers),
      403,
      'AUTHORIZATION_FAILED',
    );
    expect((await api.http.post('/api/workflows').set(manager.headers).send(seedBody())).status).toBe(201);
  });
});
