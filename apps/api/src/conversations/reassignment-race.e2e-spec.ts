import { REDIS } from '@app/common';
import { Rooms } from '@app/events';
import {
  createTenant,
  createTestApi,
  createUser,
  expectValidation,
  PgSessions,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import { createAdapter } from '@socket.io/redis-adapter';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * Two reassignments of one conversation that cross: each moves the rooms from the assignee it replaced, read under
 * the row's lock, so the agent the first one chose leaves the room when the second one wins. The sockets' periodic
 * recheck (which would also put the rooms right) is an hour away here. An assignment and the assignee's deactivation
 * that cross never leave the conversation with a deactivated user.
 */
describe('crossing reassignments of a conversation (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let emitter: Emitter;
  let watcher: Server;
  let watcherClients: Redis[];
  let tenant: TestTenant;
  let agents: TestUser[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    api = await createTestApi({ env: { SOCKET_RECHECK_MS: '3600000' } });
    db = api.app.get(DataSource);
    emitter = new Emitter(api.app.get<Redis>(REDIS), { key: api.config.redisKey('socket.io') });
    // A socket.io server on the API's Redis channels that serves no client: it only asks who is in a room.
    watcherClients = [new Redis(api.config.redis.url)];
    watcherClients.push(watcherClients[0].duplicate());
    watcher = new Server();
    watcher.adapter(
      createAdapter(watcherClients[0], watcherClients[1], { key: api.config.redisKey('socket.io') }),
    );
    tenant = await createTenant(api.http);
    agents = [await createUser(api.http, tenant, 'agent'), await createUser(api.http, tenant, 'agent')];
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await watcher?.of('/').adapter.close();
    watcherClients.forEach((c) => c.disconnect());
    await api.close();
  });

  /** The markers of `message.status` probes a socket hears from now on. */
  async function listen(token: string): Promise<string[]> {
    const socket = io(api.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const heard: string[] = [];
    socket.on('message.status', (e: { marker?: string }) => e.marker && heard.push(e.marker));
    return heard;
  }

  it('the agent a crossing reassignment replaced stops hearing the conversation', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Kit', phone: '+14155550651' });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Hello' });
    expect(sent.status).toBe(201);
    const conversationId = sent.body.data.conversation_id as string;
    const heard = await Promise.all(agents.map((a) => listen(a.token)));
    const agentSockets = sockets.slice(-2);

    // A transaction holds the conversation's row while both reassignments read it and queue behind it.
    const sessions = new PgSessions(db);
    try {
      const holder = await sessions.begin();
      await holder.tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      const patches = agents.map((a) =>
        api.http
          .patch(`/api/conversations/${conversationId}`)
          .set(tenant.admin.headers)
          .send({ assigned_user_id: a.id })
          .then((r) => r.status),
      );
      // Both have read the conversation and wait to update it: one on the holder, the other behind that one.
      await sessions.lockWaiters('%update%conversations%', 2);
      await holder.tx.commitTransaction();
      expect(await Promise.all(patches)).toEqual([200, 200]);
    } finally {
      await sessions.close();
    }
    const [{ assigned_user_id: winner }] = await db.query(
      'SELECT assigned_user_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    const w = agents.findIndex((a) => a.id === winner);
    expect(w).toBeGreaterThanOrEqual(0);

    // The API moves the rooms after answering: wait for the move (asking as another process would), not a set time.
    const inRoom = agentSockets[w].id;
    await waitFor(
      async () => {
        const members = await watcher.in(Rooms.conversation(conversationId)).fetchSockets();
        return members.length === 1 && members[0].id === inRoom ? true : undefined;
      },
      10_000,
      'the room to hold the assignee alone',
    );
    emitter.to(Rooms.conversation(conversationId)).emit('message.status', { marker: 'after both' });
    await waitFor(() => heard[w].includes('after both') || undefined, 5_000, 'the assignee hears it');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard[1 - w]).toEqual([]);
  });

  /** A conversation of a new lead, and a new agent to assign it to. */
  async function conversationAndAgent(phone: string): Promise<{ conversationId: string; user: TestUser }> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Dee', phone });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Hello' });
    expect(sent.status).toBe(201);
    return {
      conversationId: sent.body.data.conversation_id,
      user: await createUser(api.http, tenant, 'agent'),
    };
  }

  const assigneeOf = async (conversationId: string) =>
    (await db.query('SELECT assigned_user_id FROM conversations WHERE id = $1', [conversationId]))[0]
      .assigned_user_id as string | null;

  it('an assignment made while its assignee is being deactivated waits for it, then is refused (400, nothing changes)', async () => {
    const { conversationId, user } = await conversationAndAgent('+14155550653');
    const sessions = new PgSessions(db);
    try {
      // Another connection deactivates the user as DELETE users/:id does, and has not committed yet.
      const holder = await sessions.begin();
      await holder.tx.query('UPDATE users SET is_active = false WHERE id = $1', [user.id]);
      await holder.tx.query('UPDATE conversations SET assigned_user_id = NULL WHERE assigned_user_id = $1', [
        user.id,
      ]);
      const patch = api.http
        .patch(`/api/conversations/${conversationId}`)
        .set(tenant.admin.headers)
        .send({ assigned_user_id: user.id, status: 'closed' });
      expect(await sessions.doneOrWaiting(patch, [holder.pid])).toHaveLength(1);
      await holder.tx.commitTransaction();
      expectValidation(await patch, ['assigned_user_id']);
    } finally {
      await sessions.close();
    }
    const [row] = await db.query('SELECT assigned_user_id, status FROM conversations WHERE id = $1', [
      conversationId,
    ]);
    expect(row).toEqual({ assigned_user_id: null, status: 'open' });
  });

  it('a deactivation made while its user is being assigned waits for the assignment, then unassigns them', async () => {
    const { conversationId, user } = await conversationAndAgent('+14155550654');
    const sessions = new PgSessions(db);
    try {
      // The conversation's row is held, so the assignment stops right before it writes.
      const holder = await sessions.begin();
      await holder.tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      const patch = api.http
        .patch(`/api/conversations/${conversationId}`)
        .set(tenant.admin.headers)
        .send({ assigned_user_id: user.id })
        .then((r) => r.status);
      await sessions.lockWaiters('%update%conversations%', 1);
      const deactivation = api.http
        .delete(`/api/users/${user.id}`)
        .set(tenant.admin.headers)
        .then((r) => r.status);
      await sessions.lockWaiters('%update%users%', 1);
      await holder.tx.commitTransaction();
      expect(await Promise.all([patch, deactivation])).toEqual([200, 200]);
    } finally {
      await sessions.close();
    }
    expect(await assigneeOf(conversationId)).toBeNull();
  });

  it('an assignee named in capitals is the same user: they keep hearing the conversation', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Cap', phone: '+14155550652' });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'sms', body: 'Hello' });
    const conversationId = sent.body.data.conversation_id as string;
    const heard = await listen(agents[0].token);
    const assign = (id: string) =>
      api.http
        .patch(`/api/conversations/${conversationId}`)
        .set(tenant.admin.headers)
        .send({ assigned_user_id: id });
    expect((await assign(agents[0].id)).status).toBe(200);
    const again = await assign(agents[0].id.toUpperCase());
    expect(again.status).toBe(200);
    expect(again.body.data.assigned_user_id).toBe(agents[0].id);

    await new Promise((r) => setTimeout(r, 300));
    emitter.to(Rooms.conversation(conversationId)).emit('message.status', { marker: 'still theirs' });
    await waitFor(() => heard.includes('still theirs') || undefined, 5_000, 'the assignee hears it');
  });
});
