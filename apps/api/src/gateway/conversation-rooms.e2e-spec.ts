import { UserAuthStates } from '@app/auth';
import { REDIS } from '@app/common';
import { ConversationsService } from '@app/domain';
import { Rooms } from '@app/events';
import {
  applyLeadReply,
  createApiKey,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  TEST_PASSWORD,
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
 * Seed 003's socket events: `join_room` / `leave_room` only for `conversation:<id>` rooms the caller may see
 * (anything else is refused in the ack and not joined), and `mark_as_read`. An event sent to a conversation's room
 * alone (as any process can, through Redis) reaches exactly the sockets that joined it.
 */
describe('conversation rooms over socket.io (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let emitter: Emitter;
  let watcher: Server;
  let watcherClients: Redis[] = [];
  let mine: TestTenant;
  let theirs: TestTenant;
  let agent: TestUser;
  let ownConversation: string;
  let theirConversation: string;
  const sockets: Socket[] = [];

  async function conversationOf(t: TestTenant, phone: string): Promise<string> {
    const lead = await api.http.post('/api/leads').set(t.admin.headers).send({ first_name: 'Rae', phone });
    const sent = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(t.admin.headers)
      .send({ channel: 'sms', body: 'Hello' });
    expect(sent.status).toBe(201);
    return sent.body.data.conversation_id as string;
  }

  function connect(token: string, url = api.url): Promise<Socket> {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  const ack = (socket: Socket, event: string, body: unknown) =>
    socket.timeout(5000).emitWithAck(event, body) as Promise<Record<string, unknown>>;

  /** Events of `name` the socket receives from now on. */
  function collect(socket: Socket, name: string): unknown[] {
    const seen: unknown[] = [];
    socket.on(name, (payload: unknown) => seen.push(payload));
    return seen;
  }

  /**
   * Waits until the API holds `socket` in the conversation's room (or out of it), asking it as another process of
   * the deployment would (fetchSockets through Redis): a join or a leave that a recheck makes is waited for, not
   * assumed done after a fixed time.
   */
  async function inRoom(
    socket: Socket,
    conversationId: string,
    expected: boolean,
    what: string,
    via = watcher,
  ): Promise<void> {
    await waitFor(
      async () => {
        const members = await via.in(Rooms.conversation(conversationId)).fetchSockets();
        return members.some((m) => m.id === socket.id) === expected ? true : undefined;
      },
      10_000,
      what,
    );
  }

  /** Emits a probe to the conversation's room only, then waits long enough for Redis to deliver it. */
  async function probe(conversationId: string, marker: string): Promise<void> {
    emitter.to(Rooms.conversation(conversationId)).emit('message.status', { marker });
    await new Promise((r) => setTimeout(r, 300));
  }

  beforeAll(async () => {
    api = await createTestApi({ env: { SOCKET_RECHECK_MS: '200' } });
    db = api.app.get(DataSource);
    emitter = new Emitter(api.app.get<Redis>(REDIS), { key: api.config.redisKey('socket.io') });
    // A socket.io server on the API's Redis channels that serves no client: it only asks who is in a room.
    watcherClients = [new Redis(api.config.redis.url)];
    watcherClients.push(watcherClients[0].duplicate());
    watcher = new Server();
    watcher.adapter(
      createAdapter(watcherClients[0], watcherClients[1], { key: api.config.redisKey('socket.io') }),
    );
    mine = await createTenant(api.http);
    theirs = await createTenant(api.http);
    agent = await createUser(api.http, mine, 'agent');
    ownConversation = await conversationOf(mine, '+14155550601');
    theirConversation = await conversationOf(theirs, '+14155550601');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    // Its adapter's Redis subscriptions (the server was never attached, so Server.close has no engine to close).
    await watcher?.of('/').adapter.close();
    watcherClients.forEach((c) => c.disconnect());
    await api.close();
  });

  it('joins its own conversation room (any spelling), receives its events, and stops after leave_room', async () => {
    const socket = await connect(mine.admin.token);
    const seen = collect(socket, 'message.status');
    const room = `conversation:${ownConversation}`;
    for (const body of [
      { room },
      room,
      { conversation_id: ownConversation },
      { conversationId: ownConversation },
    ]) {
      expect(await ack(socket, 'join_room', body)).toEqual({ success: true, data: { room } });
    }
    await probe(ownConversation, 'joined');
    await waitFor(() => seen.length > 0, 5_000, 'the joined probe');
    expect(seen).toEqual([{ marker: 'joined' }]);

    expect(await ack(socket, 'leave_room', { room })).toEqual({ success: true, data: { room } });
    await probe(ownConversation, 'left');
    expect(seen).toEqual([{ marker: 'joined' }]);
  });

  it('leave_room of a room the socket is not in answers as join_room would: refused where it may not enter', async () => {
    const socket = await connect(agent.token);
    const admin = await connect(mine.admin.token);
    // Its tenant's conversation, not joined (or left already): nothing to leave, and nothing refused.
    const own = `conversation:${ownConversation}`;
    for (let i = 0; i < 2; i++)
      expect(await ack(admin, 'leave_room', { room: own })).toEqual({ success: true, data: { room: own } });
    const notFound = {
      success: false,
      error: { code: 'NOT_FOUND', message: 'Conversation not found', details: null },
    };
    for (const body of [
      { room: `conversation:${theirConversation}` },
      { conversation_id: theirConversation },
      `sms_conversation_${theirConversation}`,
      `whatsapp_conversation_${ownConversation}`,
      { room: 'conversation:00000000-0000-4000-8000-000000000000' },
    ]) {
      expect(await ack(admin, 'leave_room', body)).toEqual(notFound);
      expect(await ack(admin, 'join_room', body)).toEqual(notFound);
    }
    // An agent, as join_room answers it, for a conversation not assigned to it.
    const joined = await ack(socket, 'join_room', { room: own });
    expect(joined).toMatchObject({ success: false });
    expect(await ack(socket, 'leave_room', { room: own })).toEqual(joined);
  });

  it("takes seed 003's room names (<channel>_conversation_<id>) for the conversation's room; another channel's is not found", async () => {
    const socket = await connect(mine.admin.token);
    const seen = collect(socket, 'message.status');
    const room = `conversation:${ownConversation}`;
    expect(await ack(socket, 'join_room', { room: `sms_conversation_${ownConversation}` })).toEqual({
      success: true,
      data: { room },
    });
    await probe(ownConversation, 'joined by its seed name');
    await waitFor(() => seen.length > 0, 5_000, 'the probe');
    expect(await ack(socket, 'mark_as_read', { room: `sms_conversation_${ownConversation}` })).toMatchObject({
      success: true,
      data: { conversation_id: ownConversation },
    });
    expect(await ack(socket, 'leave_room', `sms_conversation_${ownConversation}`)).toEqual({
      success: true,
      data: { room },
    });
    for (const wrong of [
      `whatsapp_conversation_${ownConversation}`,
      `sms_conversation_${theirConversation}`,
    ]) {
      expect(await ack(socket, 'join_room', { room: wrong })).toEqual({
        success: false,
        error: { code: 'NOT_FOUND', message: 'Conversation not found', details: null },
      });
    }
    expect(await ack(socket, 'join_room', { room: 'fax_conversation_1' })).toMatchObject({
      success: false,
      error: { code: 'VALIDATION_ERROR' },
    });
  });

  it('a send in a joined conversation raises message.status with the message', async () => {
    const socket = await connect(mine.admin.token);
    await ack(socket, 'join_room', { conversation_id: ownConversation });
    const seen = collect(socket, 'message.status');
    const sent = await api.http
      .post(`/api/conversations/${ownConversation}/messages`)
      .set(mine.admin.headers)
      .send({ body: 'Live' });
    expect(sent.status).toBe(201);
    await waitFor(
      () => seen.some((e) => (e as { message_id?: string }).message_id === sent.body.data.id),
      5_000,
      'message.status of the send',
    );
    expect(seen).toContainEqual(
      expect.objectContaining({
        message_id: sent.body.data.id,
        conversation_id: ownConversation,
        status: 'queued',
      }),
    );
  });

  it("refuses another tenant's conversation, tenant rooms and malformed names: error ack, not joined", async () => {
    const socket = await connect(mine.admin.token);
    const seen = collect(socket, 'message.status');
    expect(await ack(socket, 'join_room', { room: `conversation:${theirConversation}` })).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Conversation not found', details: null },
    });
    for (const room of [`tenant:${theirs.id}`, `tenant:${mine.id}`, `user:${theirs.admin.id}`]) {
      const res = await ack(socket, 'join_room', { room });
      expect({ room, res }).toEqual({
        room,
        res: {
          success: false,
          error: { code: 'AUTHORIZATION_FAILED', message: expect.any(String), details: null },
        },
      });
    }
    for (const room of [
      'conversation:not-a-uuid',
      `conversation:${ownConversation} `.repeat(2),
      '',
      42,
      null,
    ]) {
      const res = await ack(socket, 'join_room', { room });
      expect({ room, res }).toEqual({
        room,
        res: {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: expect.any(String),
            details: [{ field: 'room', reason: expect.any(String) }],
          },
        },
      });
    }
    emitter.to(Rooms.tenant(theirs.id)).emit('message.status', { marker: 'their tenant' });
    await probe(theirConversation, 'their conversation');
    expect(seen).toEqual([]);
  });

  it('an agent may join only conversations assigned to it', async () => {
    const socket = await connect(agent.token);
    expect(await ack(socket, 'join_room', { conversation_id: ownConversation })).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND' },
    });
    await db.query('UPDATE conversations SET assigned_user_id = $2 WHERE id = $1', [
      ownConversation,
      agent.id,
    ]);
    expect(await ack(socket, 'join_room', { conversation_id: ownConversation })).toMatchObject({
      success: true,
    });
    await db.query('UPDATE conversations SET assigned_user_id = NULL WHERE id = $1', [ownConversation]);
  });

  describe('who hears a conversation', () => {
    const send = async (body: string) => {
      const res = await api.http
        .post(`/api/conversations/${ownConversation}/messages`)
        .set(mine.admin.headers)
        .send({ body });
      expect(res.status).toBe(201);
      await new Promise((r) => setTimeout(r, 300));
      return res.body.data.id as string;
    };
    const assign = async (userId: string | null) => {
      const res = await api.http
        .patch(`/api/conversations/${ownConversation}`)
        .set(mine.admin.headers)
        .send({ assigned_user_id: userId });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
    };
    const ids = (seen: unknown[]) => [...new Set(seen.map((e) => (e as { message_id: string }).message_id))];

    it("staff hear every conversation's events; an agent only those assigned to it, from assignment to reassignment", async () => {
      const staff = collect(await connect(mine.admin.token), 'message.status');
      const socket = await connect(agent.token);
      const heard = collect(socket, 'message.status');
      const before = await send('Not yours');
      await assign(agent.id);
      await inRoom(socket, ownConversation, true, 'the agent in the room once assigned');
      const during = await send('Yours now');
      await assign(null);
      await inRoom(socket, ownConversation, false, 'the agent out of the room once unassigned');
      const after = await send('No longer yours');
      // The agent's copy would come in the same pass of the adapter as the staff's.
      await waitFor(() => ids(staff).includes(after), 5_000, 'staff hear the last send');
      expect(ids(staff)).toEqual([before, during, after]);
      expect(ids(heard)).toEqual([during]);
    });

    it('the assignee a conversation is taken from hears the conversation.updated that takes it, and nothing after', async () => {
      const socket = await connect(agent.token);
      const updates = collect(socket, 'conversation.updated') as { assigned_user_id: string | null }[];
      await assign(agent.id);
      await inRoom(socket, ownConversation, true, 'the agent in the room once assigned');
      await assign(mine.admin.id);
      await inRoom(socket, ownConversation, false, 'the agent out of the room once reassigned');
      await waitFor(() => updates.length >= 2, 5_000, 'the update that took the conversation from the agent');
      expect(updates.map((u) => u.assigned_user_id)).toEqual([agent.id, mine.admin.id]);
      // Once it is someone else's, its changes are not the agent's to hear.
      const closed = await api.http
        .patch(`/api/conversations/${ownConversation}`)
        .set(mine.admin.headers)
        .send({ status: 'closed' });
      expect(closed.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(updates).toHaveLength(2);
      await assign(null);
    });

    it("an agent's rooms follow the assignments at each recheck, whatever reached the socket before", async () => {
      const socket = await connect(agent.token);
      const heard = collect(socket, 'message.status');
      // Assigned and unassigned without any room change sent (as when two reassignments cross between processes).
      await db.query('UPDATE conversations SET assigned_user_id = $2 WHERE id = $1', [
        ownConversation,
        agent.id,
      ]);
      // Not a fixed 600 ms (three rechecks at rest): a loaded machine can take longer to recheck.
      await inRoom(socket, ownConversation, true, 'a recheck to put the agent in the room');
      const mine = await send('Yours by the recheck');
      await waitFor(() => ids(heard).includes(mine), 5_000, 'the agent hears the conversation');
      await db.query('UPDATE conversations SET assigned_user_id = NULL WHERE id = $1', [ownConversation]);
      await inRoom(socket, ownConversation, false, 'a recheck to take the agent out of the room');
      await send('No longer yours by the recheck');
      expect(ids(heard)).toEqual([mine]);
    });

    describe('with no periodic recheck (SOCKET_RECHECK_MS an hour away): only the connection can join a room', () => {
      let quiet: TestApi;
      let quietWatcher: Server;
      let quietClients: Redis[] = [];
      /** Emits on the quiet API's channels, as any of its deployment's processes can. */
      let quietEmitter: Emitter;
      beforeAll(async () => {
        quiet = await createTestApi({ env: { SOCKET_RECHECK_MS: '3600000' } });
        quietEmitter = new Emitter(quiet.app.get<Redis>(REDIS), { key: quiet.config.redisKey('socket.io') });
        quietClients = [new Redis(quiet.config.redis.url)];
        quietClients.push(quietClients[0].duplicate());
        quietWatcher = new Server();
        quietWatcher.adapter(
          createAdapter(quietClients[0], quietClients[1], { key: quiet.config.redisKey('socket.io') }),
        );
      });
      afterAll(async () => {
        await quietWatcher?.of('/').adapter.close();
        quietClients.forEach((c) => c.disconnect());
        await quiet?.close();
      });

      it("an agent's socket opened after the assignment joins the conversation's room at once", async () => {
        await assign(agent.id);
        try {
          // The join (a Postgres read of the assignments) is waited for as another process sees it, and no
          // recheck can be what made it.
          const socket = await connect(agent.token, quiet.url);
          const heard = collect(socket, 'message.status');
          await inRoom(socket, ownConversation, true, 'the agent in the room on connecting', quietWatcher);
          const sent = await quiet.http
            .post(`/api/conversations/${ownConversation}/messages`)
            .set(mine.admin.headers)
            .send({ body: 'Assigned before you came' });
          expect(sent.status).toBe(201);
          const id = sent.body.data.id as string;
          await waitFor(() => ids(heard).includes(id), 5_000, 'the agent hears the send');
          expect(ids(heard)).toEqual([id]);
        } finally {
          await assign(null);
        }
      });

      /**
       * Resolves once the quiet API has handled everything emitted (through quietEmitter) before this call: a
       * marker sent after it, on the same Redis connection, reaches `witness` (a socket of that API).
       */
      async function handled(witness: Socket, witnessUserId: string): Promise<void> {
        const marker = `passed-${Math.random()}`;
        const seen = new Promise<void>((resolve) => {
          const onMarker = (payload: { marker: string }) => {
            if (payload.marker !== marker) return;
            witness.off('probe.passed', onMarker);
            resolve();
          };
          witness.on('probe.passed', onMarker);
        });
        quietEmitter.to(Rooms.user(witnessUserId)).emit('probe.passed', { marker });
        await seen;
      }

      it("an event sent to an agent's conversation room as soon as its client's connect fires reaches it", async () => {
        const late = await createUser(quiet.http, mine, 'agent');
        const witness = await connect(mine.admin.token, quiet.url);
        await db.query('UPDATE conversations SET assigned_user_id = $2 WHERE id = $1', [
          ownConversation,
          late.id,
        ]);
        const conversations = quiet.app.get(ConversationsService);
        const read = conversations.assignedTo.bind(conversations);
        let probed!: () => void;
        const probedAndHandled = new Promise<void>((resolve) => (probed = resolve));
        // Its assignments are read once the socket is in its user room; a client told it is connected by then
        // (its rooms are joined after its connect) has the read held until the event sent on its connect has been
        // handled by the API: the gap is made wide, not left to chance.
        const spy = jest
          .spyOn(conversations, 'assignedTo')
          .mockImplementationOnce(async (tenantId, userId) => {
            const assigned = await read(tenantId, userId);
            if ((await quietWatcher.in(Rooms.user(userId)).fetchSockets()).length) await probedAndHandled;
            return assigned;
          });
        try {
          const socket = io(quiet.url, {
            auth: { token: late.token },
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
          });
          sockets.push(socket);
          const heard: string[] = [];
          socket.on('message.status', (payload: { marker: string }) => heard.push(payload.marker));
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', () => {
              quietEmitter
                .to(Rooms.conversation(ownConversation))
                .emit('message.status', { marker: 'on connect' });
              void handled(witness, mine.admin.id).then(probed);
              resolve();
            });
            socket.once('connect_error', reject);
          });
          await probedAndHandled;
          await inRoom(socket, ownConversation, true, 'the agent in the room', quietWatcher);
          quietEmitter.to(Rooms.conversation(ownConversation)).emit('message.status', { marker: 'after' });
          await waitFor(() => heard.includes('after'), 5_000, 'the agent hears the later event');
          expect(heard).toEqual(['on connect', 'after']);
        } finally {
          spy.mockRestore();
          await db.query('UPDATE conversations SET assigned_user_id = NULL WHERE id = $1', [ownConversation]);
        }
      });

      it('a handshake whose rooms cannot be read is refused SERVICE_UNAVAILABLE, and its place given back', async () => {
        const late = await createUser(quiet.http, mine, 'agent');
        const conversations = quiet.app.get(ConversationsService);
        const spy = jest
          .spyOn(conversations, 'assignedTo')
          .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
        try {
          const socket = io(quiet.url, {
            auth: { token: late.token },
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
          });
          sockets.push(socket);
          const outcome = await new Promise<unknown>((resolve) => {
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (err: Error & { data?: unknown }) => resolve(err.data));
          });
          expect(outcome).toEqual({
            code: 'SERVICE_UNAVAILABLE',
            message: 'Live events are not available now; connect again shortly',
          });
          const redis = quiet.app.get<Redis>(REDIS);
          const key = quiet.config.redisKey('principal-sockets', `user:${late.id}`);
          await waitFor(
            async () => ((await redis.zcard(key)) === 0 ? true : undefined),
            5000,
            'the place freed',
          );
          // The client may connect again; this time its rooms are read.
          expect((await connect(late.token, quiet.url)).connected).toBe(true);
        } finally {
          spy.mockRestore();
        }
      });

      it('an assignment whose room change reaches the API while a handshake finishes joins that socket to the room', async () => {
        const late = await createUser(quiet.http, mine, 'agent');
        const witness = await connect(mine.admin.token, quiet.url);
        const conversations = quiet.app.get(ConversationsService);
        const read = conversations.assignedTo.bind(conversations);
        // The socket's assignments are read (none); then the conversation is assigned to it, and the room change
        // (as LiveEvents.reassigned sends it from any process) is handled by the API before the read answers.
        const spy = jest
          .spyOn(conversations, 'assignedTo')
          .mockImplementationOnce(async (tenantId, userId) => {
            const assigned = await read(tenantId, userId);
            await db.query('UPDATE conversations SET assigned_user_id = $2 WHERE id = $1', [
              ownConversation,
              late.id,
            ]);
            quietEmitter.in(Rooms.user(late.id)).socketsJoin(Rooms.conversation(ownConversation));
            await handled(witness, mine.admin.id);
            return assigned;
          });
        try {
          const socket = await connect(late.token, quiet.url);
          expect(spy).toHaveBeenCalled();
          // No recheck comes within the hour: the connection itself must have put the socket in the room.
          await inRoom(socket, ownConversation, true, 'the agent in the room it was assigned', quietWatcher);
        } finally {
          spy.mockRestore();
          await db.query('UPDATE conversations SET assigned_user_id = NULL WHERE id = $1', [ownConversation]);
        }
      });
    });
  });

  describe('credentials that stop holding end the connection (SOCKET_RECHECK_MS=200)', () => {
    /** Resolves with what the server said when it closed the socket. */
    const closed = (socket: Socket) =>
      new Promise<{ said: unknown; reason: string }>((resolve) => {
        let said: unknown = null;
        socket.on('auth:expired', (e: unknown) => (said = e));
        socket.once('disconnect', (reason) => resolve({ said, reason }));
      });

    it('a logged-out token: told why, then disconnected', async () => {
      const user = await createUser(api.http, mine, 'manager');
      const socket = await connect(user.token);
      const end = closed(socket);
      expect((await api.http.post('/api/auth/logout').set(user.headers)).status).toBe(200);
      // Closed by the logout itself ('Logged out'), or by the periodic check if it came first ('Token revoked').
      expect(await end).toEqual({
        said: {
          code: 'AUTHENTICATION_REQUIRED',
          message: expect.stringMatching(/^(Logged out|Token revoked)$/),
        },
        reason: 'io server disconnect',
      });
    });

    it('credentials that cannot be checked (Postgres unreachable) keep the socket; HTTP says 503, not 401', async () => {
      const user = await createUser(api.http, mine, 'manager');
      const socket = await connect(user.token);
      const expired = collect(socket, 'auth:expired');
      const states = api.app.get(UserAuthStates);
      // The user's state is not in Redis, and Postgres cannot be read: nobody can say whether the token holds.
      const spy = jest
        .spyOn(UserAuthStates.prototype, 'load')
        .mockRejectedValue(new Error('connection terminated unexpectedly'));
      try {
        await api.app.get<Redis>(REDIS).del(states.key(mine.id, user.id));
        await new Promise((r) => setTimeout(r, 700));
        expect(spy).toHaveBeenCalled();
        expect({ connected: socket.connected, expired }).toEqual({ connected: true, expired: [] });
        expectError(
          await api.http.get('/api/conversations').set(user.headers),
          503,
          'SERVICE_UNAVAILABLE',
          'Credentials cannot be checked right now: try again shortly',
        );
      } finally {
        spy.mockRestore();
      }
      expect((await api.http.get('/api/conversations').set(user.headers)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
      expect({ connected: socket.connected, expired }).toEqual({ connected: true, expired: [] });
    });

    it('a deactivated user is disconnected; an active one in the same tenant is not', async () => {
      const user = await createUser(api.http, mine, 'agent');
      const other = await connect(agent.token);
      const end = closed(await connect(user.token));
      const res = await api.http
        .patch(`/api/users/${user.id}`)
        .set(mine.admin.headers)
        .send({ is_active: false });
      expect(res.status).toBe(200);
      expect(await end).toMatchObject({
        said: { code: 'AUTHENTICATION_REQUIRED' },
        reason: 'io server disconnect',
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(other.connected).toBe(true);
    });

    it('a manager made an agent stops hearing conversations not assigned to it, even when an event saw it first', async () => {
      const user = await createUser(api.http, mine, 'manager');
      const socket = await connect(user.token);
      const heard = collect(socket, 'message.status');
      const res = await api.http
        .patch(`/api/users/${user.id}`)
        .set(mine.admin.headers)
        .send({ role: 'agent' });
      expect(res.status).toBe(200);
      // A client event right away: it reads the new role before the periodic check does.
      const room = 'conversation:00000000-0000-4000-8000-000000000000';
      expect(await ack(socket, 'leave_room', { room })).toMatchObject({ error: { code: 'NOT_FOUND' } });
      await new Promise((r) => setTimeout(r, 600));
      const sent = await api.http
        .post(`/api/conversations/${ownConversation}/messages`)
        .set(mine.admin.headers)
        .send({ body: 'Managers only' });
      await new Promise((r) => setTimeout(r, 300));
      expect(heard.map((e) => (e as { message_id: string }).message_id)).not.toContain(sent.body.data.id);
    });
  });

  describe('a logout, a deactivation, a revoked key or a new role reach the sockets at once (SOCKET_RECHECK_MS an hour away)', () => {
    let quiet: TestApi;
    beforeAll(async () => {
      quiet = await createTestApi({ env: { SOCKET_RECHECK_MS: '3600000' } });
    });
    afterAll(() => quiet?.close());

    const open = (token: string, as: 'token' | 'api_key' = 'token') => {
      const socket = io(quiet.url, {
        auth: { [as]: token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    };

    it("told why and disconnected, before any periodic check; the user's other login keeps its socket", async () => {
      const t = await createTenant(quiet.http);
      const user = await createUser(quiet.http, t, 'manager');
      const again = await quiet.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD });
      expect(again.status).toBe(200);
      const [loggingOut, staying] = [await open(user.token), await open(again.body.data.token)];
      const end = new Promise<{ said: unknown; reason: string }>((resolve) => {
        let said: unknown = null;
        loggingOut.on('auth:expired', (e: unknown) => (said = e));
        loggingOut.once('disconnect', (reason) => resolve({ said, reason }));
      });
      expect((await quiet.http.post('/api/auth/logout').set(user.headers)).status).toBe(200);
      expect(await end).toEqual({
        said: { code: 'AUTHENTICATION_REQUIRED', message: 'Logged out' },
        reason: 'io server disconnect',
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(staying.connected).toBe(true);
    });

    /** Resolves with what the server said when it closed the socket. */
    const closed = (socket: Socket) =>
      new Promise<{ said: unknown; reason: string }>((resolve) => {
        let said: unknown = null;
        socket.on('auth:expired', (e: unknown) => (said = e));
        socket.once('disconnect', (reason) => resolve({ said, reason }));
      });

    it("a deactivated user's sockets, of every login, close at once; another user's stay", async () => {
      const t = await createTenant(quiet.http);
      const [user, other] = [
        await createUser(quiet.http, t, 'agent'),
        await createUser(quiet.http, t, 'agent'),
      ];
      const again = await quiet.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD });
      expect(again.status).toBe(200);
      const ends = [closed(await open(user.token)), closed(await open(again.body.data.token))];
      const staying = await open(other.token);
      const res = await quiet.http
        .patch(`/api/users/${user.id}`)
        .set(t.admin.headers)
        .send({ is_active: false });
      expect(res.status).toBe(200);
      for (const end of ends)
        expect(await end).toEqual({
          said: { code: 'AUTHENTICATION_REQUIRED', message: expect.any(String) },
          reason: 'io server disconnect',
        });
      await new Promise((r) => setTimeout(r, 400));
      expect(staying.connected).toBe(true);
    });

    it("a revoked API key's socket closes at once; another key's stays", async () => {
      const t = await createTenant(quiet.http);
      const [revoked, kept] = [
        await createApiKey(quiet.http, t, 'manager'),
        await createApiKey(quiet.http, t, 'manager'),
      ];
      const end = closed(await open(revoked.key, 'api_key'));
      const staying = await open(kept.key, 'api_key');
      expect((await quiet.http.delete(`/api/api-keys/${revoked.id}`).set(t.admin.headers)).status).toBe(200);
      expect(await end).toEqual({
        said: { code: 'AUTHENTICATION_REQUIRED', message: 'Invalid API key' },
        reason: 'io server disconnect',
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(staying.connected).toBe(true);
    });

    it("the sockets of a deactivated user's API keys close at once; another maker's key keeps its socket", async () => {
      const t = await createTenant(quiet.http);
      const maker = await createUser(quiet.http, t, 'admin');
      const made = await quiet.http
        .post('/api/api-keys')
        .set(maker.headers)
        .send({ name: 'Sync', role: 'manager' });
      expect(made.status).toBe(201);
      const kept = await createApiKey(quiet.http, t, 'manager');
      const end = closed(await open(made.body.data.key, 'api_key'));
      const staying = await open(kept.key, 'api_key');
      const res = await quiet.http.delete(`/api/users/${maker.id}`).set(t.admin.headers);
      expect(res.status).toBe(200);
      expect(await end).toEqual({
        said: {
          code: 'AUTHENTICATION_REQUIRED',
          message: 'Invalid API key: the user who made it is not active',
        },
        reason: 'io server disconnect',
      });
      await new Promise((r) => setTimeout(r, 400));
      expect(staying.connected).toBe(true);
    });

    it('a manager made an agent leaves the staff room at once', async () => {
      const t = await createTenant(quiet.http);
      const user = await createUser(quiet.http, t, 'manager');
      const socket = await open(user.token);
      const heard = collect(socket, 'message.status');
      const staff = new Emitter(quiet.app.get<Redis>(REDIS), { key: quiet.config.redisKey('socket.io') });
      const probeStaff = async (marker: string) => {
        staff.to(Rooms.staff(t.id)).emit('message.status', { marker });
        await new Promise((r) => setTimeout(r, 300));
      };
      await probeStaff('as a manager');
      const res = await quiet.http
        .patch(`/api/users/${user.id}`)
        .set(t.admin.headers)
        .send({ role: 'agent' });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      await probeStaff('as an agent');
      expect(heard).toEqual([{ marker: 'as a manager' }]);
      expect(socket.connected).toBe(true);
    });
  });

  it('reading or changing a conversation tells every open inbox how it now stands (conversation.updated)', async () => {
    const staff = await connect(mine.admin.token);
    const seen = collect(staff, 'conversation.updated');
    const outsider = await connect(theirs.admin.token);
    const theirSeen = collect(outsider, 'conversation.updated');
    await db.query(`UPDATE conversations SET unread_count = 3 WHERE id = $1`, [ownConversation]);
    expect(
      (await api.http.post(`/api/conversations/${ownConversation}/read`).set(mine.admin.headers)).status,
    ).toBe(200);
    await waitFor(() => seen.length === 1, 5_000, 'the read');
    expect(seen[0]).toMatchObject({ conversation_id: ownConversation, unread_count: 0, channel: 'sms' });
    // Reading it again changes nothing, and tells no one: the next event is the change below.
    expect(
      (await api.http.post(`/api/conversations/${ownConversation}/read`).set(mine.admin.headers)).status,
    ).toBe(200);
    const patched = await api.http
      .patch(`/api/conversations/${ownConversation}`)
      .set(mine.admin.headers)
      .send({ status: 'closed', assigned_user_id: agent.id });
    expect(patched.status).toBe(200);
    await waitFor(() => seen.length === 2, 5_000, 'the change');
    expect(seen[1]).toMatchObject({
      conversation_id: ownConversation,
      status: 'closed',
      assigned_user_id: agent.id,
      ai_mode: patched.body.data.ai_mode,
    });
    await api.http
      .patch(`/api/conversations/${ownConversation}`)
      .set(mine.admin.headers)
      .send({ status: 'open', assigned_user_id: null });
    await waitFor(() => seen.length === 3, 5_000, 'the reopening');
    expect(theirSeen).toEqual([]);
  });

  it('a lead writing in a closed conversation reopens it, and every open inbox is told (conversation.updated)', async () => {
    const staff = await connect(mine.admin.token);
    const seen = collect(staff, 'conversation.updated');
    const received = collect(staff, 'message.received');
    const closed = await api.http
      .patch(`/api/conversations/${ownConversation}`)
      .set(mine.admin.headers)
      .send({ status: 'closed' });
    expect(closed.body.data.status).toBe('closed');
    await waitFor(() => seen.length === 1, 5_000, 'the closing');
    await applyLeadReply(api.app, mine.id, { from: '+14155550601', body: 'Me again', now: api.clock.now() });
    await waitFor(() => received.length === 1 && seen.length === 2, 5_000, 'the reply and the reopening');
    expect(seen[1]).toMatchObject({
      conversation_id: ownConversation,
      status: 'open',
      unread_count: closed.body.data.unread_count + 1,
      ai_mode: closed.body.data.ai_mode,
    });
    // A reply in an open conversation changes no more than message.received says.
    await applyLeadReply(api.app, mine.id, { from: '+14155550601', body: 'Hello?', now: api.clock.now() });
    await waitFor(() => received.length === 2, 5_000, 'the second reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(2);
  });

  it('a manual message that reopens a conversation or hands it to a human tells every open inbox (conversation.updated)', async () => {
    const staff = await connect(mine.admin.token);
    const seen = collect(staff, 'conversation.updated');
    const patched = await api.http
      .patch(`/api/conversations/${ownConversation}`)
      .set(mine.admin.headers)
      .send({ status: 'closed', ai_mode: 'auto' });
    expect(patched.body.data).toMatchObject({ status: 'closed', ai_mode: 'auto' });
    await waitFor(() => seen.length === 1, 5_000, 'the closing');
    const send = async (body: string) => {
      const res = await api.http
        .post(`/api/conversations/${ownConversation}/messages`)
        .set(mine.admin.headers)
        .send({ body });
      expect(res.status).toBe(201);
    };
    await send('Picking this up');
    await waitFor(() => seen.length === 2, 5_000, 'the reopening');
    expect(seen[1]).toMatchObject({ conversation_id: ownConversation, status: 'open', ai_mode: 'human' });
    // A message that changes neither says nothing more than message.status does.
    await send('And one more thing');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(2);
    // A lead's first manual message opens their conversation: the inbox hears of it too.
    const lead = await api.http
      .post('/api/leads')
      .set(mine.admin.headers)
      .send({ first_name: 'Nia', phone: '+14155550609' });
    const first = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(mine.admin.headers)
      .send({ channel: 'sms', body: 'Welcome' });
    expect(first.status).toBe(201);
    await waitFor(() => seen.length === 3, 5_000, 'the new conversation');
    expect(seen[2]).toMatchObject({
      conversation_id: first.body.data.conversation_id,
      lead_id: lead.body.data.id,
      status: 'open',
      ai_mode: 'human',
    });
  });

  it("mark_as_read resets its own conversation's unread count, and refuses another tenant's", async () => {
    await db.query('UPDATE conversations SET unread_count = 3 WHERE id IN ($1, $2)', [
      ownConversation,
      theirConversation,
    ]);
    const socket = await connect(mine.admin.token);
    expect(await ack(socket, 'mark_as_read', { conversation_id: ownConversation })).toEqual({
      success: true,
      data: { conversation_id: ownConversation, unread_count: 0 },
    });
    expect(await ack(socket, 'mark_as_read', { conversation_id: theirConversation })).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND' },
    });
    // Naming no conversation is bad input, not a refusal.
    for (const body of [{}, { conversation_id: 'nope' }])
      expect(await ack(socket, 'mark_as_read', body)).toMatchObject({
        success: false,
        error: { code: 'VALIDATION_ERROR', details: [{ field: 'room' }] },
      });
    const rows = await db.query('SELECT id, unread_count FROM conversations WHERE id IN ($1, $2)', [
      ownConversation,
      theirConversation,
    ]);
    expect(
      Object.fromEntries(rows.map((r: { id: string; unread_count: number }) => [r.id, r.unread_count])),
    ).toEqual({ [ownConversation]: 0, [theirConversation]: 3 });
  });

  describe('client events count against the caller’s api rate limit (RATE_LIMIT_API_POINTS=3)', () => {
    let limited: TestApi;
    beforeAll(async () => {
      limited = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '3' } });
    });
    afterAll(() => limited?.close());

    it("refused handshakes count against the client's IP: the fourth is refused RATE_LIMIT_EXCEEDED; good ones pass", async () => {
      const handshake = (auth: Record<string, string>) => {
        const socket = io(limited.url, {
          auth,
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(socket);
        return new Promise<unknown>((resolve, reject) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (err: Error & { data?: unknown }) => reject(err.data));
        });
      };
      for (let i = 0; i < 3; i++)
        await expect(handshake({ api_key: `rlk_${'x'.repeat(8)}_${'y'.repeat(40)}` })).rejects.toMatchObject({
          code: 'AUTHENTICATION_REQUIRED',
        });
      await expect(handshake({ token: 'not-a-token' })).rejects.toMatchObject({
        code: 'RATE_LIMIT_EXCEEDED',
        message: expect.stringMatching(/^Too many requests; retry in \d+ s$/),
      });
      const t = await createTenant(limited.http);
      await expect(handshake({ token: t.admin.token })).resolves.toBe('connected');
    });

    it('the fourth event in the window is refused RATE_LIMIT_EXCEEDED, and does nothing', async () => {
      const t = await createTenant(limited.http);
      const socket = io(limited.url, {
        auth: { token: t.admin.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const room = 'conversation:00000000-0000-4000-8000-000000000000';
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await ack(socket, 'leave_room', { room }));
      expect(answers.slice(0, 3)).toEqual(
        Array.from({ length: 3 }, () => ({
          success: false,
          error: { code: 'NOT_FOUND', message: 'Conversation not found', details: null },
        })),
      );
      expect(answers[3]).toEqual({
        success: false,
        error: {
          code: 'RATE_LIMIT_EXCEEDED',
          message: expect.stringMatching(/^Too many requests; retry in \d+ s$/),
          details: { limit: 3, retry_after_seconds: expect.any(Number) },
        },
      });
    });
  });

  describe('a token that expires (SOCKET_RECHECK_MS=3600000: no periodic check comes)', () => {
    let slow: TestApi;
    beforeAll(async () => {
      slow = await createTestApi({ env: { SOCKET_RECHECK_MS: '3600000' } });
    });
    afterAll(() => slow?.close());

    it('closes its socket when it expires, telling why', async () => {
      const t = await createTenant(slow.http);
      const { exp } = JSON.parse(Buffer.from(t.admin.token.split('.')[1], 'base64url').toString()) as {
        exp: number;
      };
      slow.clock.set(new Date((exp - 1) * 1000));
      const socket = io(slow.url, {
        auth: { token: t.admin.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      let said: unknown = null;
      socket.on('auth:expired', (e: unknown) => (said = e));
      slow.clock.advance(2000);
      await waitFor(() => !socket.connected, 5_000, 'the socket closes at its token expiry');
      expect(said).toEqual({ code: 'AUTHENTICATION_REQUIRED', message: 'Token expired' });
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=true, RATE_LIMIT_API_POINTS=3)', () => {
    let proxied: TestApi;
    beforeAll(async () => {
      proxied = await createTestApi({ env: { RATE_LIMIT_API_POINTS: '3', TRUST_PROXY: 'true' } });
    });
    afterAll(() => proxied?.close());

    /** A handshake with a refused token, through the proxy: it appended the address it saw to X-Forwarded-For. */
    const refusedFrom = (forwardedFor: string) => {
      const socket = io(proxied.url, {
        auth: { token: 'not-a-token' },
        extraHeaders: { 'X-Forwarded-For': forwardedFor },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      return new Promise<unknown>((resolve) =>
        socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code)),
      );
    };

    it("counts refused handshakes per client, not per proxy: one client's refusals never limit another's", async () => {
      for (let i = 0; i < 3; i++) expect(await refusedFrom('203.0.113.10')).toBe('AUTHENTICATION_REQUIRED');
      expect(await refusedFrom('203.0.113.10')).toBe('RATE_LIMIT_EXCEEDED');
      // Another client behind the same proxy is told why its token is refused.
      expect(await refusedFrom('203.0.113.11')).toBe('AUTHENTICATION_REQUIRED');
      // An address the client wrote before the proxy's does not make it another client.
      expect(await refusedFrom('198.51.100.1, 203.0.113.10')).toBe('RATE_LIMIT_EXCEEDED');
      // Its HTTP requests count on the same counter.
      const http = await proxied.http
        .get('/api/auth/me')
        .set('Authorization', 'Bearer not-a-token')
        .set('X-Forwarded-For', '203.0.113.10');
      expect(http.status).toBe(429);
    });

    it('counts the refused handshakes of one IPv6 /64 together, whichever of its addresses they come from', async () => {
      for (let i = 1; i <= 3; i++)
        expect(await refusedFrom(`2001:db8:5:6::${i}`)).toBe('AUTHENTICATION_REQUIRED');
      expect(await refusedFrom('2001:db8:5:6:aaaa::4')).toBe('RATE_LIMIT_EXCEEDED');
      expect(await refusedFrom('2001:db8:5:7::1')).toBe('AUTHENTICATION_REQUIRED');
      const http = await proxied.http
        .get('/api/auth/me')
        .set('Authorization', 'Bearer not-a-token')
        .set('X-Forwarded-For', '2001:db8:5:6::99');
      expect(http.status).toBe(429);
    });
  });
});
