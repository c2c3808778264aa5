import { AppError } from '@app/common';
import { AgentAbsenceService, AgentSockets, AgentStatusService } from '@app/domain';
import { Rooms } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { SocketData } from './socket-caller';
import { SocketCloseWork } from './socket-close-work';

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
    private readonly agents: AgentStatusService,
    private readonly closing: SocketCloseWork,
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
      socket.once('disconnect', () => this.closing.track(this.closed(socket, auth.tenantId)));
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

  /**
   * At each credential recheck, for every agent room the socket is in: a room it may no longer be in (the agent
   * deleted, or given to another user, and the caller no manager) is left; the agents it is still the own socket of
   * count for another three SOCKET_RECHECK_MS, and one that is no longer the socket's user's stops counting, as if
   * the socket had left its room.
   */
  async recheck(socket: Socket, auth: AuthContext): Promise<void> {
    const data = socket.data as SocketData;
    const roomOf = Rooms.agent('');
    const joined = [...socket.rooms].filter((r) => r.startsWith(roomOf)).map((r) => r.slice(roomOf.length));
    for (const agentId of new Set([...joined, ...(data.agents ?? [])])) {
      const agent = await this.mayWatch(auth, agentId);
      if (!agent) await socket.leave(Rooms.agent(agentId));
      if (!data.agents?.has(agentId)) continue;
      if (agent && auth.userId && agent.userId === auth.userId) {
        await this.sockets.opened(auth.tenantId, agentId, socket.id);
      } else {
        data.agents.delete(agentId);
        await this.gone(socket, auth.tenantId, agentId);
      }
    }
  }

  /** The agent, when the caller may still be in its room (it is theirs, or they manage); null otherwise. */
  private async mayWatch(auth: AuthContext, agentId: string): Promise<{ userId: string | null } | null> {
    try {
      return await this.agents.actingAs(auth, agentId);
    } catch (err) {
      if (err instanceof AppError && (err.status === 403 || err.status === 404)) return null;
      throw err;
    }
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
