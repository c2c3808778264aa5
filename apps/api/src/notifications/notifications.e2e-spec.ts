import { ClassificationService } from '@app/domain';
import {
  applyLeadReply,
  connectLiveClient,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  ISO_TIMESTAMP,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * The notification centre (seed 004): notifications written by the domain's own paths (a lead crossing the
 * qualification threshold, a lead writing in a conversation assigned to a user), read and marked by their user
 * only, raised live to that user's sockets.
 */
describe('notifications (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let manager: TestUser;
  let agent: TestUser;
  let otherAgent: TestUser;
  let intruder: TestTenant;
  const sockets: Socket[] = [];
  const phone = '+14155550701';
  let leadId: string;
  let conversationId: string;

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    intruder = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    agent = await createUser(api.http, tenant, 'agent');
    otherAgent = await createUser(api.http, tenant, 'agent');
    const patched = await api.http
      .patch('/api/tenant')
      .set(tenant.admin.headers)
      .send({ settings: { scoring: { qualified_threshold: 10 } } });
    expect(patched.status).toBe(200);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await api?.close();
  });

  const list = (user: TestUser, query = '') => api.http.get(`/api/notifications${query}`).set(user.headers);
  const read = (user: TestUser, id: string) =>
    api.http.put(`/api/notifications/${id}/read`).set(user.headers);
  const rows = () =>
    db.query(`SELECT id, user_id, read_at FROM notifications WHERE tenant_id = $1 ORDER BY id`, [tenant.id]);
  const listen = async (user: TestUser): Promise<HeardEvent[]> => {
    const client = await connectLiveClient(api.url, user.token);
    sockets.push(client.socket);
    return client.heard;
  };
  const notificationsHeard = (heard: HeardEvent[]) => heard.filter((h) => h.event === 'notification');

  it("a lead without an owner crossing the threshold notifies the tenant's admins and managers, live", async () => {
    const adminHeard = await listen(tenant.admin);
    const agentHeard = await listen(agent);
    const reply = await applyLeadReply(api.app, tenant.id, {
      from: phone,
      body: 'Yes, I am very interested, tell me more about pricing',
      now: api.clock.now(),
    });
    leadId = reply.leadId;
    const named = await api.http
      .patch(`/api/leads/${leadId}`)
      .set(tenant.admin.headers)
      .send({ first_name: 'Jane', last_name: 'Roe' });
    expect(named.status).toBe(200);
    await api.app
      .get(ClassificationService)
      .classify(tenant.id, reply.messageId, { reclassify: false, lastAttempt: false });

    for (const user of [tenant.admin, manager]) {
      const res = await list(user);
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({ total: 1, limit: 20, offset: 0, unread_count: 1 });
      expect(res.body.data).toEqual([
        {
          id: expect.any(String),
          type: 'lead',
          title: 'New qualified lead',
          message: expect.stringMatching(/^Jane Roe reached a score of \d+ and is ready for follow-up$/),
          data: { lead_id: leadId, lead_name: 'Jane Roe', score: expect.any(Number) },
          status: 'unread',
          read_at: null,
          created_at: expect.stringMatching(ISO_TIMESTAMP),
        },
      ]);
    }
    // An agent is not told of a lead nobody owns.
    expect((await list(agent)).body.data).toEqual([]);

    const [mine] = (await list(tenant.admin)).body.data;
    await waitFor(async () => notificationsHeard(adminHeard).length === 1);
    expect(notificationsHeard(adminHeard)[0].payload).toEqual({
      id: mine.id,
      type: 'lead',
      title: mine.title,
      message: mine.message,
      data: mine.data,
      status: 'unread',
      created_at: mine.created_at,
    });
    expect(notificationsHeard(agentHeard)).toEqual([]);
  });

  it('a lead writing in a conversation assigned to a user notifies that user, and only them, live', async () => {
    const [conversation] = await db.query(
      `SELECT id FROM conversations WHERE tenant_id = $1 AND lead_id = $2`,
      [tenant.id, leadId],
    );
    conversationId = conversation.id;
    const assigned = await api.http
      .patch(`/api/conversations/${conversationId}`)
      .set(manager.headers)
      .send({ assigned_user_id: agent.id });
    expect(assigned.status).toBe(200);
    const agentHeard = await listen(agent);
    const otherHeard = await listen(otherAgent);

    const reply = await applyLeadReply(api.app, tenant.id, {
      from: phone,
      body: 'Could   you call me\nback tomorrow?',
      now: api.clock.now(),
    });

    const res = await list(agent);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ total: 1, limit: 20, offset: 0, unread_count: 1 });
    expect(res.body.data).toEqual([
      expect.objectContaining({
        type: 'message',
        title: 'New sms message from Jane Roe',
        message: 'Could you call me back tomorrow?',
        data: {
          lead_id: leadId,
          lead_name: 'Jane Roe',
          conversation_id: conversationId,
          message_id: reply.messageId,
          channel: 'sms',
        },
        status: 'unread',
      }),
    ]);
    await waitFor(async () => notificationsHeard(agentHeard).length === 1);
    expect(notificationsHeard(agentHeard)[0].payload).toMatchObject({
      id: res.body.data[0].id,
      type: 'message',
    });
    expect((await list(otherAgent)).body.data).toEqual([]);
    expect(notificationsHeard(otherHeard)).toEqual([]);
    // The admin's list holds only their own (the qualified lead), not the agent's message.
    expect((await list(tenant.admin)).body.data.map((n: { type: string }) => n.type)).toEqual(['lead']);
  });

  it('filters by status and type, and pages as other lists do', async () => {
    const all = (await list(tenant.admin, '?status=all&type=lead')).body;
    expect(all.meta.total).toBe(1);
    expect((await list(tenant.admin, '?type=message')).body).toMatchObject({
      data: [],
      meta: { total: 0, unread_count: 1 },
    });
    expect((await list(tenant.admin, '?status=READ')).body.data).toEqual([]);
    expect((await list(tenant.admin, '?status=unread')).body.data).toHaveLength(1);
    expect((await list(tenant.admin, '?limit=1&page=2')).body.meta).toEqual({
      total: 1,
      limit: 1,
      offset: 1,
      unread_count: 1,
    });
  });

  it('lists notifications of the same instant newest written first, and pages through them without a skip or a repeat', async () => {
    const own = await createTenant(api.http);
    const user = own.admin;
    const at = new Date(api.clock.nowMs());
    const titles = Array.from({ length: 8 }, (_, i) => `Burst ${i + 1}`);
    for (const title of titles)
      await db.query(
        `INSERT INTO notifications (tenant_id, user_id, type, title, message, created_at)
         VALUES ($1, $2, 'system', $3, $4, $5)`,
        [own.id, user.id, title, title, at],
      );
    const newestFirst = [...titles].reverse();
    const whole = await list(user, '?limit=100');
    expect(whole.body.data.map((n: { title: string }) => n.title)).toEqual(newestFirst);
    const paged: string[] = [];
    for (let offset = 0; offset < titles.length; offset += 3)
      paged.push(
        ...(await list(user, `?limit=3&offset=${offset}`)).body.data.map((n: { title: string }) => n.title),
      );
    expect(paged).toEqual(newestFirst);
    const unread = await list(user, '?status=unread&limit=100');
    expect(unread.body.data.map((n: { title: string }) => n.title)).toEqual(newestFirst);
  });

  it('refuses bad input with the error envelope, changing nothing', async () => {
    const before = await rows();
    expectValidation(await list(tenant.admin, '?status=archived'), ['status']);
    expectValidation(await list(tenant.admin, '?type=call'), ['type']);
    expectValidation(await list(tenant.admin, '?limit=0'), ['limit']);
    expectValidation(await list(tenant.admin, '?limit=101'), ['limit']);
    expectValidation(await list(tenant.admin, '?offset=-1'), ['offset']);
    expectValidation(await list(tenant.admin, '?page=1&offset=0'), ['page']);
    expectError(await read(tenant.admin, 'not-a-uuid'), 404, 'NOT_FOUND', 'Notification not found');
    expectError(
      await read(tenant.admin, '00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND',
      'Notification not found',
    );
    const key = await createApiKey(api.http, tenant, 'admin');
    const byKey = { 'X-API-Key': key.key };
    expectError(await api.http.get('/api/notifications').set(byKey), 403, 'AUTHORIZATION_FAILED');
    expectError(await api.http.put('/api/notifications/read-all').set(byKey), 403, 'AUTHORIZATION_FAILED');
    expectError(
      await api.http.put(`/api/notifications/${before[0].id}/read`).set(byKey),
      403,
      'AUTHORIZATION_FAILED',
    );
    expectError(await api.http.get('/api/notifications'), 401, 'AUTHENTICATION_REQUIRED');
    expect(await rows()).toEqual(before);
  });

  it("another user's or another tenant's notification is a 404 to read or mark, and stays unread", async () => {
    const [mine] = (await list(agent)).body.data;
    expectError(await read(otherAgent, mine.id), 404, 'NOT_FOUND', 'Notification not found');
    expectError(await read(tenant.admin, mine.id), 404, 'NOT_FOUND', 'Notification not found');
    expectError(await read(intruder.admin, mine.id), 404, 'NOT_FOUND', 'Notification not found');
    expect((await list(intruder.admin)).body).toMatchObject({
      data: [],
      meta: { total: 0, unread_count: 0 },
    });
    const marked = await api.http.put('/api/notifications/read-all').set(otherAgent.headers);
    expect(marked.body).toEqual({ success: true, data: { marked: 0 } });
    expect((await list(agent)).body.data[0]).toMatchObject({ id: mine.id, status: 'unread', read_at: null });
  });

  it('marks one read once (again is a no-op), and read-all marks the rest', async () => {
    const [mine] = (await list(agent)).body.data;
    const first = await read(agent, mine.id);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({
      id: mine.id,
      status: 'read',
      read_at: expect.stringMatching(ISO_TIMESTAMP),
    });
    api.clock.advance(60_000);
    const again = await read(agent, mine.id);
    expect(again.body.data).toEqual(first.body.data);
    expect((await list(agent)).body.meta.unread_count).toBe(0);
    expect((await list(agent, '?status=read')).body.data).toHaveLength(1);

    const marked = await api.http.put('/api/notifications/read-all').set(manager.headers);
    expect(marked.body).toEqual({ success: true, data: { marked: 1 } });
    expect((await list(manager)).body).toMatchObject({
      data: [{ status: 'read' }],
      meta: { unread_count: 0 },
    });
    expect((await api.http.put('/api/notifications/read-all').set(manager.headers)).body.data).toEqual({
      marked: 0,
    });
    // The admin's own is untouched by the manager's read-all.
    expect((await list(tenant.admin)).body.meta.unread_count).toBe(1);
  });

  it('read-all with up_to marks only what the page showed: one that arrived after it stays unread', async () => {
    const own = await createTenant(api.http);
    const user = own.admin;
    const colleague = await createUser(api.http, own, 'manager');
    const base = api.clock.nowMs();
    const write = (title: string, userId: string, atMs: number) =>
      db.query(
        `INSERT INTO notifications (tenant_id, user_id, type, title, message, created_at)
         VALUES ($1, $2, 'system', $3, $4, $5)`,
        [own.id, userId, title, title, new Date(atMs)],
      );
    await write('Older', user.id, base - 60_000);
    await write('Seen', user.id, base);
    await write('Colleague', colleague.id, base - 30_000);
    const page = await list(user);
    expect(page.body.data.map((n: { title: string }) => n.title)).toEqual(['Seen', 'Older']);
    const seen = page.body.data[0].id;
    // Arriving after the page was loaded: one of the same instant (written later), one newer, and one dated before
    // the page's newest (its time taken before a slow job or a late commit wrote it), which the page never showed.
    await write('Same instant', user.id, base);
    await write('Newer', user.id, base + 1_000);
    await write('Backdated', user.id, base - 10_000);
    const readAll = (who: TestUser, body: object) =>
      api.http.put('/api/notifications/read-all').set(who.headers).send(body);

    expectValidation(await readAll(user, { up_to: 'not-a-uuid' }), ['up_to']);
    expectError(await readAll(intruder.admin, { up_to: seen }), 404, 'NOT_FOUND', 'Notification not found');
    expectError(await readAll(colleague, { up_to: seen }), 404, 'NOT_FOUND', 'Notification not found');
    expect((await list(user)).body.meta.unread_count).toBe(5);
    expect((await list(colleague)).body.meta.unread_count).toBe(1);

    const marked = await readAll(user, { up_to: seen });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ success: true, data: { marked: 2 } });
    const after = await list(user);
    expect(after.body.meta.unread_count).toBe(3);
    expect(after.body.data.map((n: { title: string; status: string }) => [n.title, n.status])).toEqual([
      ['Newer', 'unread'],
      ['Same instant', 'unread'],
      ['Seen', 'read'],
      ['Backdated', 'unread'],
      ['Older', 'read'],
    ]);
    expect((await list(colleague)).body.meta.unread_count).toBe(1);
    // Without up_to, as before: every unread one.
    expect((await readAll(user, {})).body.data).toEqual({ marked: 3 });
    expect((await list(user)).body.meta.unread_count).toBe(0);
  });

  it('answers the page, its total and unread_count as of one instant while notifications keep arriving', async () => {
    const own = await createTenant(api.http);
    const user = own.admin;
    // Commits one notification at a time, each on its own, for as long as the lists below run.
    const arriving = db.query(`
      DO $$ BEGIN
        FOR i IN 1..500 LOOP
          INSERT INTO notifications (tenant_id, user_id, type, title, message)
          VALUES ('${own.id}', '${user.id}', 'system', 'Arriving', 'Arriving');
          COMMIT;
          PERFORM pg_sleep(0.001);
        END LOOP;
      END $$`);
    let done = false;
    void arriving.finally(() => (done = true));
    const disagreeing: unknown[] = [];
    const totals = new Set<number>();
    while (!done) {
      const res = await list(user, '?status=unread&limit=100');
      expect(res.status).toBe(200);
      const { total, unread_count } = res.body.meta;
      totals.add(total);
      if (total !== unread_count || res.body.data.length !== Math.min(total, 100))
        disagreeing.push({ ...res.body.meta, listed: res.body.data.length });
    }
    await arriving;
    expect(totals.size).toBeGreaterThan(1);
    expect(disagreeing).toEqual([]);
  });

  it('erasing the lead scrubs its name and words from every notification about it', async () => {
    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);
    const stored: { title: string; message: string; data: Record<string, unknown> }[] = await db.query(
      `SELECT title, message, data FROM notifications WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(stored).toHaveLength(3);
    const text = JSON.stringify(stored);
    for (const word of ['Jane', 'Roe', 'tomorrow', phone, phone.slice(2)]) expect(text).not.toContain(word);
    const [mine] = (await list(agent)).body.data;
    expect(mine).toMatchObject({
      type: 'message',
      title: 'About a lead since erased',
      message: 'About a lead since erased',
      data: { lead_id: leadId, conversation_id: conversationId, message_id: expect.any(String) },
      status: 'read',
    });
    expect(Object.keys(mine.data).sort()).toEqual(['conversation_id', 'lead_id', 'message_id']);
  });
});
