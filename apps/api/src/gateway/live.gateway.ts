import { CredentialsService } from '@app/auth';
import { AppError } from '@app/common';
import { Rooms } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';

interface SocketData {
  auth?: AuthContext;
}

/** A credential the handshake carries: a string, or the first of a flat list (a query given twice); else none. */
function first(value: unknown): string | undefined {
  const text = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/**
 * The socket.io gateway: the handshake must carry a JWT or API key (`auth.token`, `?token=`, or X-API-Key),
 * else the connection is refused. Each socket joins its tenant's room and its user's room; events raised in any
 * process reach it through the Redis adapter.
 */
@WebSocketGateway()
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  constructor(private readonly credentials: CredentialsService) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticate(socket)
        .then((auth) => {
          (socket.data as SocketData).auth = auth;
          next();
        })
        .catch((err: unknown) => {
          const error = err instanceof AppError ? err : AppError.unauthenticated();
          const refusal = new Error(error.message) as Error & { data: unknown };
          refusal.data = { code: error.code, message: error.message };
          next(refusal);
        });
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const auth = (socket.data as SocketData).auth;
    if (!auth) {
      socket.disconnect(true);
      return;
    }
    await socket.join([Rooms.tenant(auth.tenantId), ...(auth.userId ? [Rooms.user(auth.userId)] : [])]);
    this.logger.debug(
      { tenant_id: auth.tenantId, user_id: auth.userId, socket_id: socket.id },
      'Socket connected',
    );
  }

  /** Async, so whatever a handshake provokes is a refusal, never an exception thrown through socket.io. */
  private async authenticate(socket: Socket): Promise<AuthContext> {
    const { auth, query, headers } = socket.handshake;
    const token = first((auth as Record<string, unknown> | undefined)?.token) ?? first(query.token);
    const apiKey =
      first((auth as Record<string, unknown> | undefined)?.api_key) ?? first(headers['x-api-key']);
    const bearer = token?.replace(/^bearer\s+/i, '');
    if (!bearer && !apiKey) throw AppError.unauthenticated('The handshake needs a token');
    return this.credentials.authenticate({ bearer, apiKey });
  }
}
