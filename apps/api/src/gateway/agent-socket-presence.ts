import { AgentAbsenceService, AgentSockets } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { SocketData } from './socket-caller';

/**
 * The presence an agent's own sockets give them (the socket's user is the agent's user; a manager watching an
 * agent's room gives none): counted in Redis while open, renewed at each credential recheck, and when the agent's
 * last one closes or leaves their room, a check is queued for AGENT_PRESENCE_GRACE_MS later (the worker's
 * `agents.presence-check`), by which time a client that reconnected has joined again.
 */
@Injectable()
export class AgentSocketPresence {
  private readonly logger = new Logger(AgentSocketPresence.name);

  constructor(
    private readonly sockets: AgentSockets,
    private readonly absence: AgentAbsenceService,
  ) {}

  /** The socket joined the room of `agent`: counted when it is the agent's own. */
  async joined(
    socket: Socket,
    auth: AuthContext,
    agent: { id: string; userId: string | null },
  ): Promise<void> {
    if (!auth.userId || agent.userId !== auth.userId || !socket.connected) return;
    const data = socket.data as SocketData;
    if (!data.agents) {
      data.agents = new Set();
      socket.once('disconnect', () => void this.closed(socket, auth.tenantId));
    }
    data.agents.add(agent.id);
    await this.sockets.opened(auth.tenantId, agent.id, socket.id);
    // Closed while it was counted: its close may have run first, and found nothing to take out.
    if (!socket.connected) await this.gone(socket, auth.tenantId, agent.id);
  }

  /** The socket left the agent's room. */
  async left(socket: Socket, tenantId: string, agentId: string): Promise<void> {
    const data = socket.data as SocketData;
    if (!data.agents?.delete(agentId)) return;
    await this.gone(socket, tenantId, agentId);
  }

  /** Still open: counted for another three SOCKET_RECHECK_MS. */
  async renew(socket: Socket, tenantId: string): Promise<void> {
    for (const agentId of (socket.data as SocketData).agents ?? [])
      await this.sockets.opened(tenantId, agentId, socket.id);
  }

  private async closed(socket: Socket, tenantId: string): Promise<void> {
    for (const agentId of (socket.data as SocketData).agents ?? [])
      await this.gone(socket, tenantId, agentId);
  }

  private async gone(socket: Socket, tenantId: string, agentId: string): Promise<void> {
    try {
      if (await this.sockets.closed(tenantId, agentId, socket.id)) return;
      await this.absence.queueCheck(tenantId, agentId);
    } catch (err) {
      // The agent stays in the index: the dialer tick's sweep finds none of their sockets open, and checks them.
      this.logger.warn({ err, tenant_id: tenantId, agent_id: agentId }, 'Agent presence not checked');
    }
  }
}
