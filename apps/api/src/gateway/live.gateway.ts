import { CredentialsService } from '@app/auth';
import { AppError, Clock, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { ConversationsService } from '@app/domain';
import { RECHECK_SOCKETS, Rooms } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AgentSocketPresence } from './agent-socket-presence';
import { SocketCaller, SocketData } from './socket-caller';
import { SocketCloseWork } from './socket-close-work';
import { UserSockets } from './user-sockets';

/** Past a token's expiry by this much, so that the check made then finds it expired. */
const EXPIRY_MARGIN_MS = 50;
/** The longest delay a Node timer takes (a longer one fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Staff see every conversation of the tenant; an agent (user or API key) only those assigned to them. */
const isStaff = (auth: AuthContext) => auth.role !== 'agent';

/** A credential the handshake carries: a string, or the first of a flat list (a query given twice); else none. */
function first(value: unknown): string | undefined {
  const text = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/**
 * The socket.io gateway: the handshake must carry a JWT or API key (`auth.token`, `?token=`, an `Authorization:
 * Bearer` header, or X-API-Key), else the connection is refused. Each socket joins its tenant's room and its user's
 * room; staff join the room of every conversation event, an agent the rooms of the conversations assigned to them.
 * It joins them during the handshake, before the client is told it is connected (a handshake whose rooms cannot be
 * read is refused SERVICE_UNAVAILABLE). Events raised in any process reach it through the Redis adapter. Its
 * credentials are checked again every SOCKET_RECHECK_MS, when its token expires, and at once when its user's role or
 * active flag changes or its API key is revoked (RECHECK_SOCKETS): a token revoked or expired, an API key revoked or
 * a user deactivated ends the connection, and a changed role applies to the rooms.
 * One user (or API key) holds at most SOCKET_MAX_PER_USER sockets open across every process (UserSockets): one more
 * handshake is refused RATE_LIMIT_EXCEEDED.
 */
@WebSocketGateway()
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private server?: Server;

  constructor(
    private readonly credentials: CredentialsService,
    private readonly conversations: ConversationsService,
    private readonly config: AppConfig,
    private readonly presence: AgentSocketPresence,
    private readonly caller: SocketCaller,
    private readonly clock: Clock,
    private readonly openSockets: UserSockets,
    private readonly closing: SocketCloseWork,
  ) {}

  afterInit(server: Server): void {
    this.server = server;
    // A change of credentials anywhere (a user deactivated or demoted, a key revoked) rechecks that room's sockets.
    server.on(RECHECK_SOCKETS, (room: unknown) => {
      if (typeof room === 'string') this.recheckRoom(server, room);
    });
    server.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (err: unknown) => {
          const error = err instanceof AppError ? err : AppError.unauthenticated();
          const refusal = new Error(error.message) as Error & { data: unknown };
          refusal.data = { code: error.code, message: error.message };
          next(refusal);
        },
      );
    });
  }

  /**
   * The handshake: the credentials checked, the socket counted (UserSockets), and every room it belongs in joined.
   * socket.io answers the client's `connect` only after this middleware, and the socket hears its rooms from that
   * answer on: an event sent to its rooms once the client's `connect` fires reaches it. Rooms joined after the
   * `connection` (which socket.io raises after it has sent `connect`) would miss what is sent in between.
   */
  private async admit(socket: Socket): Promise<void> {
    const auth = await this.authenticate(socket);
    await this.openSockets.admit(auth, socket.id);
    try {
      await this.joinRooms(socket, auth);
    } catch (err) {
      // Without its rooms the socket would miss their events: refused, and the client may connect again.
      this.logger.warn({ err, socket_id: socket.id }, 'Socket rooms not joined; handshake refused');
      void this.openSockets.closed(auth, socket.id);
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'Live events are not available now; connect again shortly',
      );
    }
    this.releaseOnClose(socket, auth);
    (socket.data as SocketData).auth = auth;
  }

  /** The rooms of the socket's tenant, user, login, API key and conversations (a socket not yet connected). */
  private async joinRooms(socket: Socket, auth: AuthContext): Promise<void> {
    await socket.join([
      Rooms.tenant(auth.tenantId),
      ...(auth.userId ? [Rooms.user(auth.userId)] : []),
      ...(auth.sessionId ? [Rooms.session(auth.sessionId)] : []),
      ...(auth.apiKeyId ? [Rooms.apiKey(auth.apiKeyId)] : []),
      ...(auth.apiKeyCreatorId ? [Rooms.apiKeysOf(auth.apiKeyCreatorId)] : []),
    ]);
    await this.joinConversations(socket, auth);
  }

  /**
   * Shutdown: this process's sockets are closed here, while Redis is still open, and what their closes do there
   * (their places given back, their agents' presence checked) is waited for; the clients connect to another process.
   * Left to the HTTP server's close, it ran after the shared Redis client had quit, and lapsed minutes later instead.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.server?.local.disconnectSockets(true);
    await this.closing.settled();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const auth = (socket.data as SocketData).auth;
    if (!auth) {
      socket.disconnect(true);
      return;
    }
    // Each socket checks its own credentials again; the timer is this connection's, and ends with it.
    const recheck = setInterval(
      () =>
        void this.recheck(socket).catch((err: unknown) =>
          this.logger.warn({ err, socket_id: socket.id }, 'Socket recheck failed; tried again at the next'),
        ),
      this.config.socketRecheckMs,
    );
    recheck.unref();
    const expiry = this.atExpiry(socket, auth);
    socket.once('disconnect', () => {
      clearInterval(recheck);
      if (expiry) clearTimeout(expiry);
    });
    // Its rooms were joined in the handshake (admit). A reassignment's room change that reached this process
    // before the socket was connected passed it by (socketsJoin reaches connected sockets only): an agent's
    // conversation rooms are read again now, rather than left to the next recheck.
    if (!isStaff(auth))
      await this.syncConversations(socket, auth).catch((err: unknown) =>
        this.logger.warn(
          { err, socket_id: socket.id },
          'Conversation rooms not rechecked; the next recheck does',
        ),
      );
    this.logger.debug(
      { tenant_id: auth.tenantId, user_id: auth.userId, socket_id: socket.id },
      'Socket connected',
    );
  }

  /**
   * The socket's place (UserSockets) is given back once, when it disconnects or its connection closes: a client
   * that hangs up during the handshake never connects (socket.io drops it once the middleware is done), so it has
   * no disconnect, and its place would otherwise be held until it lapses, three SOCKET_RECHECK_MS later.
   */
  private releaseOnClose(socket: Socket, auth: AuthContext): void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.closing.track(this.openSockets.closed(auth, socket.id));
    };
    if (socket.conn.readyState !== 'open') return release();
    socket.conn.once('close', release);
    socket.once('disconnect', release);
  }

  private async joinConversations(socket: Socket, auth: AuthContext): Promise<void> {
    if (isStaff(auth)) {
      await socket.join(Rooms.staff(auth.tenantId));
      return;
    }
    await socket.leave(Rooms.staff(auth.tenantId));
    if (!auth.userId) return;
    const assigned = await this.conversations.assignedTo(auth.tenantId, auth.userId);
    if (assigned.length) await socket.join(assigned.map((id) => Rooms.conversation(id)));
  }

  /**
   * A token's socket is checked again the moment the token expires (so it is closed then, not up to a periodic
   * check later). None for an API key, which does not expire, or a token too far from expiry for a timer.
   */
  private atExpiry(socket: Socket, auth: AuthContext): NodeJS.Timeout | null {
    if (!auth.tokenExpiresAt) return null;
    const delay = auth.tokenExpiresAt * 1000 - this.clock.now().getTime() + EXPIRY_MARGIN_MS;
    if (delay > MAX_TIMER_MS) return null;
    const timer = setTimeout(
      () =>
        void this.recheck(socket).catch((err: unknown) =>
          this.logger.warn({ err, socket_id: socket.id }, 'Socket recheck failed; tried again at the next'),
        ),
      Math.max(0, delay),
    );
    timer.unref();
    return timer;
  }

  /** Rechecks this process's sockets in `room` now. */
  private recheckRoom(server: Server, room: string): void {
    for (const id of [...(server.sockets.adapter.rooms.get(room) ?? [])]) {
      const socket = server.sockets.sockets.get(id);
      if (!socket) continue;
      void this.recheck(socket).catch((err: unknown) =>
        this.logger.warn({ err, socket_id: socket.id }, 'Socket recheck failed; tried again at the next'),
      );
    }
  }

  /** Ends a connection whose credentials no longer hold; follows a role that changed. */
  private async recheck(socket: Socket): Promise<void> {
    const data = socket.data as SocketData;
    if (!socket.connected || !data.auth || !data.presented) return;
    const { auth, error } = await this.credentials.identify(data.presented);
    if (!socket.connected) return;
    if (!auth && error?.code === ErrorCode.SERVICE_UNAVAILABLE) {
      // Redis or Postgres cannot say now: the socket stays, and the next recheck asks again.
      this.logger.warn(
        { socket_id: socket.id },
        'Socket credentials not checked (service unavailable); kept',
      );
      return;
    }
    if (!auth) {
      socket.emit('auth:expired', {
        code: error?.code ?? 'AUTHENTICATION_REQUIRED',
        message: error?.message ?? 'Authentication required',
      });
      socket.disconnect(true);
      return;
    }
    data.auth = auth;
    await this.openSockets.seen(auth, socket.id);
    await this.presence.recheck(socket, auth);
    // Judged by the rooms the socket is in, not by the role it had: an event may have seen the new role first.
    if (isStaff(auth) !== socket.rooms.has(Rooms.staff(auth.tenantId))) {
      // A demoted manager no longer hears every conversation (the rooms it joined by hand go too).
      if (!isStaff(auth))
        for (const room of socket.rooms) if (room.startsWith('conversation:')) socket.leave(room);
      await this.joinConversations(socket, auth);
    } else if (!isStaff(auth)) {
      await this.syncConversations(socket, auth);
    }
  }

  /**
   * An agent's socket is in the rooms of the conversations assigned to them, and no others: a reassignment's room
   * changes (sent by whichever process made it) can arrive out of order, or before the socket joined; each recheck
   * puts the rooms right.
   */
  private async syncConversations(socket: Socket, auth: AuthContext): Promise<void> {
    if (!auth.userId) return;
    const assigned = new Set(
      (await this.conversations.assignedTo(auth.tenantId, auth.userId)).map((id) => Rooms.conversation(id)),
    );
    if (!socket.connected) return;
    const prefix = Rooms.conversation('');
    for (const room of socket.rooms)
      if (room.startsWith(prefix) && !assigned.has(room)) await socket.leave(room);
    const missing = [...assigned].filter((room) => !socket.rooms.has(room));
    if (missing.length) await socket.join(missing);
  }

  /** Async, so whatever a handshake provokes is a refusal, never an exception thrown through socket.io. */
  private async authenticate(socket: Socket): Promise<AuthContext> {
    const { auth, query, headers } = socket.handshake;
    const header = first(headers.authorization);
    const token =
      first((auth as Record<string, unknown> | undefined)?.token) ??
      first(query.token) ??
      (header && /^bearer\s+/i.test(header) ? header : undefined);
    const apiKey =
      first((auth as Record<string, unknown> | undefined)?.api_key) ?? first(headers['x-api-key']);
    const bearer = token?.replace(/^bearer\s+/i, '');
    if (!bearer && !apiKey) throw AppError.unauthenticated('The handshake needs a token');
    const presented = { bearer, apiKey };
    (socket.data as SocketData).presented = presented;
    return this.caller.handshake(presented, this.caller.ipOf(socket));
  }
}
