import {
  connectLiveClient,
  countRows,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  TestTenant,
  TestUser,
  useTestApi,
  waitFor,
} from '@app/testing';

/**
 * Issue 4 item 3: the inbox routes. Filters (channel, status, unread, assigned), pagination, the WhatsApp window,
 * PATCH with validation that changes nothing, an agent's view (only its assigned conversations: others answer 404,
 * as another tenant's do), manual sends and the seed routes, the `messages` rate-limit class, WhatsApp analytics.
 */
describe('the inbox (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let manager: TestUser;
  let agent: TestUser;
  const c: Record<'sms' | 'waOpen' | 'tg' | 'waClosed', string> = {} as never;
  const leads: Record<string, string> = {};
  const HOUR = 3_600_000;

  async function lead(name: string, phone: string): Promise<string> {
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send({ first_name: name, phone });
    expect(res.status).toBe(201);
    return (leads[name] = res.body.data.id as string);
  }

  async function conversation(
    leadId: string,
    channel: string,
    fields: {
      status?: string;
      unread?: number;
      assigned?: string | null;
      inboundAgoMs?: number;
      agoMs: number;
    },
  ): Promise<string> {
    const now = api.clock.now().getTime();
    const [row] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, status, unread_count, assigned_user_id,
         last_message_at, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        tenant.id,
        leadId,
        channel,
        fields.status ?? 'open',
        fields.unread ?? 0,
        fields.assigned ?? null,
        new Date(now - fields.agoMs),
        fields.inboundAgoMs === undefined ? null : new Date(now - fields.inboundAgoMs),
      ],
    );
    return row.id as string;
  }

  const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((x) => x.id);
  const rowOf = async (id: string) =>
    (await api.db.query('SELECT * FROM conversations WHERE id = $1', [id]))[0] as Record<string, unknown>;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    agent = await createUser(api.http, tenant, 'agent');
    c.sms = await conversation(await lead('Sam', '+14155550501'), 'sms', {
      unread: 2,
      assigned: agent.id,
      agoMs: 60_000,
    });
    c.waOpen = await conversation(await lead('Wes', '+14155550502'), 'whatsapp', {
      inboundAgoMs: HOUR,
      agoMs: 2 * 60_000,
    });
    c.tg = await conversation(await lead('Tia', '+14155550503'), 'telegram', {
      status: 'closed',
      unread: 1,
      assigned: manager.id,
      agoMs: 3 * 60_000,
    });
    c.waClosed = await conversation(await lead('Wil', '+14155550504'), 'whatsapp', {
      inboundAgoMs: 30 * HOUR,
      agoMs: 4 * 60_000,
    });
  });

  describe('GET /api/conversations', () => {
    it('lists newest first with the lead, the WhatsApp window and page meta', async () => {
      const res = await api.http.get('/api/conversations').set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([c.sms, c.waOpen, c.tg, c.waClosed]);
      expect(res.body.meta).toEqual({ total: 4, limit: 50, offset: 0 });
      const [sms, waOpen, , waClosed] = res.body.data;
      expect(sms).toMatchObject({
        lead: { id: leads.Sam, name: 'Sam', phone: '+14155550501' },
        channel: 'sms',
        unread_count: 2,
        assigned_user_id: agent.id,
        whatsapp_window: null,
      });
      const inbound = api.clock.now().getTime() - HOUR;
      expect(waOpen.whatsapp_window).toEqual({
        open: true,
        until: new Date(inbound + 24 * HOUR).toISOString(),
      });
      expect(waClosed.whatsapp_window).toMatchObject({ open: false });
    });

    it.each([
      ['channel=whatsapp', ['waOpen', 'waClosed']],
      ['channel=WhatsApp', ['waOpen', 'waClosed']],
      ['channel=TELEGRAM&status=resolved', ['tg']],
      ['status=closed', ['tg']],
      ['status=open', ['sms', 'waOpen', 'waClosed']],
      ['status=active', ['sms', 'waOpen', 'waClosed']],
      ['status=resolved', ['tg']],
      ['channel=telegram&status=resolved', ['tg']],
      ['status=Resolved', ['tg']],
      ['status=Open', ['sms', 'waOpen', 'waClosed']],
      ['status=ACTIVE', ['sms', 'waOpen', 'waClosed']],
      ['unread=true', ['sms', 'tg']],
      ['unread=false', ['waOpen', 'waClosed']],
      ['unread=TRUE', ['sms', 'tg']],
      ['unread=True', ['sms', 'tg']],
      ['unread=False', ['waOpen', 'waClosed']],
      ['assigned=unassigned', ['waOpen', 'waClosed']],
      ['assigned=Unassigned', ['waOpen', 'waClosed']],
      ['channel=whatsapp&unread=false&status=open', ['waOpen', 'waClosed']],
    ])('filters %s', async (query, expected) => {
      const res = await api.http.get(`/api/conversations?${query}`).set(tenant.admin.headers);
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(expected.map((k) => c[k as keyof typeof c]));
      expect(res.body.meta.total).toBe(expected.length);
    });

    it('filters by assignee: a user id, or `me`', async () => {
      const byId = await api.http.get(`/api/conversations?assigned=${agent.id}`).set(tenant.admin.headers);
      expect(ids(byId)).toEqual([c.sms]);
      const mine = await api.http.get('/api/conversations?assigned=me').set(manager.headers);
      expect(ids(mine)).toEqual([c.tg]);
      const shouted = await api.http.get('/api/conversations?assigned=ME').set(manager.headers);
      expect(ids(shouted)).toEqual([c.tg]);
      const upper = await api.http
        .get(`/api/conversations?assigned=${agent.id.toUpperCase()}`)
        .set(tenant.admin.headers);
      expect(ids(upper)).toEqual([c.sms]);
    });

    it('`me` with an API key (no user) is a 400 on assigned, not the unassigned queue', async () => {
      const key = { 'X-API-Key': (await createApiKey(api.http, tenant, 'manager')).key };
      expectValidation(await api.http.get('/api/conversations?assigned=me').set(key), ['assigned']);
      expect(ids(await api.http.get('/api/conversations?assigned=unassigned').set(key))).toEqual([
        c.waOpen,
        c.waClosed,
      ]);
    });

    it('pages by limit and offset, or by page', async () => {
      const res = await api.http.get('/api/conversations?limit=2&offset=1').set(tenant.admin.headers);
      expect(ids(res)).toEqual([c.waOpen, c.tg]);
      expect(res.body.meta).toEqual({ total: 4, limit: 2, offset: 1 });
      const page = await api.http.get('/api/conversations?limit=3&page=2').set(tenant.admin.headers);
      expect(ids(page)).toEqual([c.waClosed]);
      expect(page.body.meta).toEqual({ total: 4, limit: 3, offset: 3 });
    });

    it('refuses bad filters with 400 naming each field', async () => {
      expectValidation(
        await api.http.get('/api/conversations?channel=fax&unread=maybe').set(tenant.admin.headers),
        ['channel', 'unread'],
      );
      expectValidation(await api.http.get('/api/conversations?channel=FAX').set(tenant.admin.headers), [
        'channel',
      ]);
      for (const unread of ['maybe', 'MAYBE', 'yes', '1'])
        expectValidation(
          await api.http.get(`/api/conversations?unread=${unread}`).set(tenant.admin.headers),
          ['unread'],
        );
      expectValidation(await api.http.get('/api/conversations?assigned=bob').set(tenant.admin.headers), [
        'assigned',
      ]);
      expectValidation(await api.http.get('/api/conversations?limit=500').set(tenant.admin.headers), [
        'limit',
      ]);
      // Chatwoot's other statuses have no meaning here: no alias, still refused, in any case.
      for (const status of ['pending', 'snoozed', 'Snoozed', 'BOGUS'])
        expectValidation(
          await api.http.get(`/api/conversations?status=${status}`).set(tenant.admin.headers),
          ['status'],
        );
    });

    it('the per-channel seed routes list one channel each', async () => {
      for (const [path, expected] of [
        ['sms', [c.sms]],
        ['whatsapp', [c.waOpen, c.waClosed]],
        ['telegram', [c.tg]],
      ] as const) {
        const res = await api.http.get(`/api/${path}/conversations`).set(tenant.admin.headers);
        expect({ path, ids: ids(res) }).toEqual({ path, ids: expected });
      }
    });

    it('the per-channel seed routes take no channel filter: another channel is a 400 naming it, not ignored', async () => {
      for (const path of ['sms', 'whatsapp', 'telegram'])
        expectValidation(
          await api.http.get(`/api/${path}/conversations?channel=email`).set(tenant.admin.headers),
          ['channel'],
        );
      const docs = await api.http.get('/api/docs-json');
      for (const path of ['sms', 'whatsapp', 'telegram']) {
        const params = docs.body.paths[`/api/${path}/conversations`].get.parameters as { name: string }[];
        expect({ path, params: params.map((p) => p.name) }).toEqual({
          path,
          params: expect.not.arrayContaining(['channel']),
        });
      }
    });

    it("the per-channel seed routes take the seeds' and Chatwoot's statuses (active, resolved) too", async () => {
      for (const [path, expected] of [
        ['telegram/conversations?status=resolved', [c.tg]],
        ['telegram/conversations?status=active', []],
        ['whatsapp/conversations?status=active', [c.waOpen, c.waClosed]],
        ['sms/conversations?status=resolved', []],
      ] as const) {
        const res = await api.http.get(`/api/${path}`).set(tenant.admin.headers);
        expect({ path, status: res.status, ids: ids(res) }).toEqual({ path, status: 200, ids: expected });
        for (const conversation of res.body.data) expect(['open', 'closed']).toContain(conversation.status);
      }
      expectValidation(
        await api.http.get('/api/sms/conversations?status=snoozed').set(tenant.admin.headers),
        ['status'],
      );
    });
  });

  describe('an agent sees only the conversations assigned to it', () => {
    it('lists only its own, and any other answers 404 on every route, changing nothing', async () => {
      const res = await api.http.get('/api/conversations').set(agent.headers);
      expect(ids(res)).toEqual([c.sms]);
      expect(res.body.meta.total).toBe(1);
      expect(ids(await api.http.get('/api/whatsapp/conversations').set(agent.headers))).toEqual([]);
      const before = await rowOf(c.tg);
      for (const res of [
        await api.http.get(`/api/conversations/${c.tg}/messages`).set(agent.headers),
        await api.http.post(`/api/conversations/${c.tg}/read`).set(agent.headers),
        await api.http.patch(`/api/conversations/${c.tg}`).set(agent.headers).send({ status: 'open' }),
        await api.http.post(`/api/conversations/${c.tg}/messages`).set(agent.headers).send({ body: 'Hi' }),
      ]) {
        expectError(res, 404, 'NOT_FOUND', 'Conversation not found');
      }
      expect(await rowOf(c.tg)).toEqual(before);
    });

    it('may close its own conversation but not reassign it (403, nothing changes)', async () => {
      const before = await rowOf(c.sms);
      const refused = await api.http
        .patch(`/api/conversations/${c.sms}`)
        .set(agent.headers)
        .send({ assigned_user_id: null, status: 'closed' });
      expectError(refused, 403, 'AUTHORIZATION_FAILED');
      expect(await rowOf(c.sms)).toEqual(before);
      const closed = await api.http
        .patch(`/api/conversations/${c.sms}`)
        .set(agent.headers)
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
      expect(closed.body.data).toMatchObject({ id: c.sms, status: 'closed', assigned_user_id: agent.id });
      await api.http
        .patch(`/api/conversations/${c.sms}`)
        .set(agent.headers)
        .send({ status: 'open' })
        .expect(200);
    });
  });

  describe('PATCH /api/conversations/:id', () => {
    it('assigns, sets status and ai_mode (any case, as status); the assignee then sees it', async () => {
      const res = await api.http
        .patch(`/api/conversations/${c.waOpen}`)
        .set(manager.headers)
        .send({ assigned_user_id: agent.id, ai_mode: 'HUMAN' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id: c.waOpen, assigned_user_id: agent.id, ai_mode: 'human' });
      expect(ids(await api.http.get('/api/conversations').set(agent.headers))).toEqual([c.sms, c.waOpen]);
      const back = await api.http
        .patch(`/api/conversations/${c.waOpen}`)
        .set(manager.headers)
        .send({ assigned_user_id: null, ai_mode: 'Auto' });
      expect(back.body.data).toMatchObject({ assigned_user_id: null, ai_mode: 'auto' });
    });

    it('refuses bad values with 400 naming each field, and changes nothing', async () => {
      const other = await createTenant(api.http);
      const before = await rowOf(c.waClosed);
      const cases: [object, string[]][] = [
        [{ status: 'archived', ai_mode: 'human' }, ['status']],
        [{ status: 'snoozed', ai_mode: 'human' }, ['status']],
        [{ status: 'pending', ai_mode: 'human' }, ['status']],
        [{ status: 'Archived', ai_mode: 'human' }, ['status']],
        [{ ai_mode: 'robot', status: 'closed' }, ['ai_mode']],
        [{ status: null, ai_mode: 'human' }, ['status']],
        [{ ai_mode: null, status: 'open' }, ['ai_mode']],
        [{ assigned_user_id: 'nope', status: 'closed' }, ['assigned_user_id']],
        [{ assigned_user_id: other.admin.id, status: 'closed' }, ['assigned_user_id']],
        [{ owner: 'me', status: 'closed' }, ['owner']],
      ];
      for (const [body, fields] of cases) {
        const res = await api.http.patch(`/api/conversations/${c.waClosed}`).set(manager.headers).send(body);
        expectValidation(res, fields);
      }
      expect(await rowOf(c.waClosed)).toEqual(before);
      expectError(
        await api.http.patch('/api/conversations/not-a-uuid').set(manager.headers).send({ status: 'open' }),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe("PATCH /api/conversations/:id status in the seeds' and Chatwoot's words", () => {
    it('resolved closes it and active opens it again, in any case; answers and stores ours (closed, open)', async () => {
      for (const [sent, ours] of [
        ['resolved', 'closed'],
        ['active', 'open'],
        ['Resolved', 'closed'],
        ['Open', 'open'],
        ['CLOSED', 'closed'],
        ['Active', 'open'],
      ] as const) {
        const res = await api.http
          .patch(`/api/conversations/${c.waClosed}`)
          .set(manager.headers)
          .send({ status: sent });
        expect(res.status).toBe(200);
        expect(res.body.data).toMatchObject({ id: c.waClosed, status: ours });
        expect((await rowOf(c.waClosed)).status).toBe(ours);
      }
    });
  });

  describe('a deactivated user', () => {
    it('is no assignee (400, nothing changes); deactivating one puts their conversations back in the unassigned queue', async () => {
      const leaving = await createUser(api.http, tenant, 'agent');
      const theirs = await conversation(await lead('Lou', '+14155550505'), 'sms', {
        assigned: leaving.id,
        agoMs: 5 * 60_000,
      });
      const unassigned = await conversation(await lead('Uma', '+14155550506'), 'sms', { agoMs: 6 * 60_000 });
      const staff = await connectLiveClient(api.url, manager.token);
      const deactivated = await api.http
        .patch(`/api/users/${leaving.id}`)
        .set(tenant.admin.headers)
        .send({ is_active: false });
      expect(deactivated.status).toBe(200);
      expect((await rowOf(theirs)).assigned_user_id).toBeNull();
      // Every open inbox hears it go back to the queue.
      const update = await waitFor(
        () =>
          staff.heard.find((e) => e.event === 'conversation.updated' && e.payload.conversation_id === theirs)
            ?.payload,
        5_000,
        "the manager's inbox hears the conversation unassigned",
      );
      expect(update).toMatchObject({ conversation_id: theirs, assigned_user_id: null, channel: 'sms' });
      staff.socket.disconnect();
      const queue = await api.http.get('/api/conversations?assigned=unassigned').set(manager.headers);
      expect(ids(queue)).toEqual(expect.arrayContaining([theirs, unassigned]));

      const before = await rowOf(unassigned);
      expectValidation(
        await api.http
          .patch(`/api/conversations/${unassigned}`)
          .set(manager.headers)
          .send({ assigned_user_id: leaving.id }),
        ['assigned_user_id'],
      );
      expect(await rowOf(unassigned)).toEqual(before);
    });
  });

  describe('sending and reading', () => {
    it('an agent sends in its conversation: recorded queued, handed to a human, listed; read resets unread', async () => {
      await api.db.query(`UPDATE conversations SET ai_mode = 'auto' WHERE id = $1`, [c.sms]);
      const sent = await api.http
        .post(`/api/conversations/${c.sms}/messages`)
        .set(agent.headers)
        .send({ message: 'On my way' });
      expect(sent.status).toBe(201);
      expect(sent.body.data).toMatchObject({
        conversation_id: c.sms,
        lead_id: leads.Sam,
        content: 'On my way',
        status: 'queued',
        sender: 'agent',
        sender_user_id: agent.id,
      });
      expect((await rowOf(c.sms)).ai_mode).toBe('human');
      const list = await api.http.get(`/api/conversations/${c.sms}/messages`).set(agent.headers);
      expect(ids(list)).toEqual([sent.body.data.id]);
      expect(list.body.meta).toEqual({ total: 1, limit: 50, offset: 0 });
      const read = await api.http.post(`/api/conversations/${c.sms}/read`).set(agent.headers);
      expect(read.status).toBe(200);
      expect(read.body.data).toMatchObject({ id: c.sms, unread_count: 0 });
      expect((await rowOf(c.sms)).unread_count).toBe(0);
    });

    it("takes the seeds' own bodies (000's direction: outbound, 004's sender: agent); another direction or sender is a 400 that records nothing (the lead routes' inbound / lead logs a message: logged-inbound e2e)", async () => {
      const seeds = await lead('Seeda', '+14155550509');
      const seed000 = await api.http
        .post(`/api/leads/${seeds}/messages`)
        .set(manager.headers)
        .send({ content: 'Hello World', direction: 'outbound', channel: 'sms' });
      expect(seed000.status).toBe(201);
      expect(seed000.body.data).toMatchObject({
        content: 'Hello World',
        direction: 'outbound',
        sender: 'agent',
      });
      const seed004 = await api.http
        .post('/api/messages')
        .set(manager.headers)
        .send({ leadId: seeds, content: 'When suits you?', sender: 'agent', channel: 'sms' });
      expect(seed004.status).toBe(201);
      expect(seed004.body.data).toMatchObject({ content: 'When suits you?', sender: 'agent' });
      const before = await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
      for (const [path, body, field] of [
        [`/api/leads/${seeds}/messages`, { content: 'Hi', direction: 'sideways' }, 'direction'],
        ['/api/messages', { leadId: seeds, content: 'Hi', sender: 'ai' }, 'sender'],
        [`/api/conversations/${c.sms}/messages`, { content: 'Hi', sender: 'ai' }, 'sender'],
        [`/api/conversations/${c.sms}/messages`, { content: 'Hi', sender: 'lead' }, 'sender'],
        [`/api/conversations/${c.sms}/messages`, { content: 'Hi', direction: 'inbound' }, 'direction'],
      ] as const) {
        expectValidation(await api.http.post(path).set(manager.headers).send(body), [field]);
      }
      expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
    });

    it('an empty body is a 400 that records nothing', async () => {
      const before = await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
      const res = await api.http.post(`/api/conversations/${c.sms}/messages`).set(agent.headers).send({});
      expectValidation(res, ['body']);
      expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
    });

    it("a template's variables are texts: an object, a list or null among them is a 400 that records nothing; a number is sent as its text", async () => {
      const vera = await lead('Vera', '+14155550510');
      const send = (variables: Record<string, unknown>) =>
        api.http
          .post(`/api/leads/${vera}/messages`)
          .set(manager.headers)
          .send({ channel: 'sms', template: { name: 'HX0001', language: 'en', variables } });
      const before = await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
      for (const value of [{ a: 1 }, ['Vera'], null, true]) {
        expectValidation(await send({ '1': 'Vera', '2': value }), ['template.variables']);
      }
      expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
      const numbered = await send({ '1': 'Vera', '2': 3 });
      expect(numbered.status).toBe(201);
      expect(numbered.body.data.template).toEqual({
        name: 'HX0001',
        language: 'en',
        variables: { '1': 'Vera', '2': '3' },
      });
    });

    it('POST /api/sms/send by phone or lead id; an unknown lead id is a 404, a missing number a 400', async () => {
      const byPhone = await api.http
        .post('/api/sms/send')
        .set(manager.headers)
        .send({ phone: '+1 (415) 555-0503', message: 'Hi Tia' });
      expect(byPhone.status).toBe(201);
      expect(byPhone.body.data).toMatchObject({ lead_id: leads.Tia, channel: 'sms', content: 'Hi Tia' });
      const byId = await api.http
        .post('/api/sms/send')
        .set(manager.headers)
        .send({ lead_id: leads.Tia, body: 'Again' });
      expect(byId.body.data).toMatchObject({ conversation_id: byPhone.body.data.conversation_id });
      const before = await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
      // An unknown number is no 404 (it becomes a lead: sms-send-numbers.e2e-spec); an unknown lead id is.
      expectError(
        await api.http
          .post('/api/sms/send')
          .set(manager.headers)
          .send({ lead_id: '0190f3a2-7b1c-7d2e-8f90-123456789abc', body: 'x' }),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
      expectValidation(await api.http.post('/api/sms/send').set(manager.headers).send({ body: 'x' }), [
        'phone',
      ]);
      expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
    });

    it('POST /api/messages and leads/:id/messages without a channel reach a lead with no conversation at the address it has: email when it has no phone', async () => {
      for (const [i, path] of ['/api/messages', 'leads'].entries()) {
        const created = await api.http
          .post('/api/leads')
          .set(manager.headers)
          .send({ first_name: 'Emma', email: `emma-${i}@example.com` });
        expect(created.status).toBe(201);
        const id = created.body.data.id as string;
        const res = await api.http
          .post(path === 'leads' ? `/api/leads/${id}/messages` : path)
          .set(manager.headers)
          .send({ ...(path === 'leads' ? {} : { leadId: id }), content: 'Your quote', subject: 'Quote' });
        expect({ path, status: res.status, channel: res.body.data?.channel }).toEqual({
          path,
          status: 201,
          channel: 'email',
        });
      }
    });

    it("GET /api/messages/:leadId and /api/leads/:id/messages list a lead's messages; agents only their own", async () => {
      for (const path of [`/api/messages/${leads.Tia}`, `/api/leads/${leads.Tia}/messages`]) {
        const res = await api.http.get(path).set(manager.headers);
        expect(res.status).toBe(200);
        expect(res.body.data.map((m: { content: string }) => m.content)).toEqual(['Again', 'Hi Tia']);
        expect(res.body.meta.total).toBe(2);
        const asAgent = await api.http.get(path).set(agent.headers);
        expect(asAgent.body).toMatchObject({ data: [], meta: { total: 0 } });
      }
      const own = await api.http.get(`/api/messages/${leads.Sam}`).set(agent.headers);
      expect(own.body.meta.total).toBe(1);
      expectError(
        await api.http.get('/api/messages/nope').set(manager.headers),
        404,
        'NOT_FOUND',
        'Lead not found',
      );
    });

    it('WhatsApp seed routes: free-form inside the window, templates only outside it (422, nothing recorded)', async () => {
      const inWindow = await api.http
        .post(`/api/whatsapp/conversations/${c.waOpen}/messages`)
        .set(manager.headers)
        .send({ message: 'Happy to help' });
      expect(inWindow.status).toBe(201);
      const listed = await api.http
        .get(`/api/whatsapp/conversations/${c.waOpen}/messages`)
        .set(manager.headers);
      expect(ids(listed)).toEqual([inWindow.body.data.id]);
      const before = await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
      const outside = await api.http
        .post(`/api/whatsapp/conversations/${c.waClosed}/messages`)
        .set(manager.headers)
        .send({ message: 'Still there?' });
      expect(outside.status).toBe(422);
      expect(outside.body.error).toMatchObject({
        code: 'POLICY_VIOLATION',
        details: { rule: 'whatsapp_window' },
      });
      expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
      // A template that is no object (an array, with or without one inside) is no template: it opens no window.
      for (const template of [[], [{ name: 'HX0001', language: 'en', variables: {} }]]) {
        const posing = await api.http
          .post(`/api/whatsapp/conversations/${c.waClosed}/messages`)
          .set(manager.headers)
          .send({ message: 'Still there?', template });
        expectValidation(posing, ['template']);
      }
      expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
      const template = await api.http
        .post(`/api/whatsapp/conversations/${c.waClosed}/messages`)
        .set(manager.headers)
        .send({ template: { name: 'HX0001', language: 'en', variables: { '1': 'Wil' } } });
      expect(template.status).toBe(201);
      expectError(
        await api.http.get(`/api/whatsapp/conversations/${c.sms}/messages`).set(manager.headers),
        404,
        'NOT_FOUND',
        'Conversation not found',
      );
    });
  });

  describe('GET /api/analytics/whatsapp', () => {
    it('counts outbound WhatsApp messages by status, stops and the queue from the tables', async () => {
      const statuses = ['sent', 'delivered', 'read', 'read', 'failed', 'sending'];
      for (const [i, status] of statuses.entries()) {
        await api.db.query(
          `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
             idempotency_key)
           VALUES ($1, $2, $3, 'outbound', 'whatsapp', 'ai', 'simulator', $4, $5)`,
          [tenant.id, c.waOpen, leads.Wes, status, `analytics-${i}`],
        );
      }
      const dnc = await api.http
        .post('/api/dnc')
        .set(manager.headers)
        .send({ phone: '+14155550504', channel: 'whatsapp', reason: 'manual' });
      expect(dnc.status).toBe(201);
      // A number no lead has is listed, but is no lead's stop: neither counted nor among the recent ones.
      const nobody = await api.http
        .post('/api/dnc')
        .set(manager.headers)
        .send({ phone: '+12125550141', channel: 'all', reason: 'manual' });
      expect(nobody.status).toBe(201);
      const res = await api.http.get('/api/analytics/whatsapp').set(manager.headers);
      expect(res.status).toBe(200);
      // Earlier tests queued two WhatsApp messages (the in-window one and the template).
      expect(res.body.data).toEqual({
        sent: 4,
        delivered: 3,
        read: 2,
        failed: 1,
        stopped: 1,
        queue: 3,
        recent_stops: [
          {
            lead_id: leads.Wil,
            name: 'Wil',
            phone: '+14155550504',
            reason: 'manual',
            stopped_at: expect.any(String),
          },
        ],
      });
    });
  });

  describe('the `messages` rate-limit class', () => {
    it('past RATE_LIMIT_MESSAGES_POINTS a manual send is a 429 that records nothing; reads are not counted', async () => {
      const limited = await createTestApi({
        env: { RATE_LIMIT_MESSAGES_POINTS: '2', RATE_LIMIT_MESSAGES_WINDOW_SECONDS: '3600' },
      });
      try {
        const send = () =>
          limited.http.post(`/api/leads/${leads.Sam}/messages`).set(manager.headers).send({ body: 'Ping' });
        const first = await send();
        expect(first.status).toBe(201);
        expect(first.headers['x-ratelimit-limit']).toBe('2');
        expect(first.headers['x-ratelimit-remaining']).toBe('1');
        await limited.http.get('/api/conversations').set(manager.headers).expect(200);
        expect((await send()).status).toBe(201);
        const before = await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);
        const third = await send();
        expect(third.status).toBe(429);
        expect(third.body.error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', details: { limit: 2 } });
        const other = await limited.http
          .post(`/api/conversations/${c.sms}/messages`)
          .set(manager.headers)
          .send({ body: 'Ping' });
        expect(other.status).toBe(429);
        expect(await countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id])).toBe(before);
        // Another user has a budget of its own.
        const byAdmin = await limited.http
          .post(`/api/leads/${leads.Sam}/messages`)
          .set(tenant.admin.headers)
          .send({ body: 'Ping' });
        expect(byAdmin.status).toBe(201);
      } finally {
        await limited.close();
      }
    });
  });
});
