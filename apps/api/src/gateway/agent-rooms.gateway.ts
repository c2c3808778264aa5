import { AppError, applyInputAliases, ErrorCode, errorEnvelope, ErrorEnvelope } from '@app/common';
import { AgentStatusService } from '@app/domain';
import { Rooms } from '@app/events';
import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { AgentSocketPresence } from './agent-socket-presence';
import { SocketCaller } from './socket-caller';
import { AgentDto } from '../agents/dto/agent.dto';

type Ack = { success: true; data: Record<string, unknown> } | ErrorEnvelope;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keys of a client event this gateway reads: seed 001's camelCase (`agentId`) or ours (`agent_id`). */
const READ_KEYS = ['agent_id', 'agentId', 'status'];

/**
 * The fields of a client event this gateway reads, in either spelling, as the HTTP routes read them (both
 * spellings with different values are refused); nothing else of the body is looked at (however it is nested).
 */
function fieldsOf(body: unknown): { agent_id?: unknown; status?: unknown } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const read = Object.fromEntries(READ_KEYS.filter((k) => Object.hasOwn(b, k)).map((k) => [k, b[k]]));
  return applyInputAliases(read) as { agent_id?: unknown; status?: unknown };
}

/** An agent id that is not a UUID names no agent: that agent's 404, as the HTTP routes answer. */
function agentIdOf(fields: { agent_id?: unknown }): string {
  const id = fields.agent_id;
  if (typeof id !== 'string' || !id.trim()) throw AppError.field('agent_id', 'is required');
  if (!UUID.test(id.trim())) throw AppError.notFound('Agent');
  return id.trim().toLowerCase();
}

/**
 * Seed 001's client events. `agent:join` `{ agentId }` joins room `agent:<id>` (where `incoming:call`,
 * `preview:call`, `preview:expired`, `preview:withdrawn`, `call:unanswered`, `call:ended` and
 * `agent:status:updated` for that agent go) when the agent is of the socket's tenant and the socket's user is that
 * agent or a manager / admin; `agent:leave` `{ agentId }` leaves it (a room the socket is not in is refused as
 * `agent:join` refuses it, else answered as left). `agent:status` `{ agentId, status }` is `PUT agents/:id/status` with the same rules.
 * Acks are `{ success, data | error }`.
 */
@WebSocketGateway()
export class AgentRoomsGateway {
  private readonly logger = new Logger(AgentRoomsGateway.name);

  constructor(
    private readonly status: AgentStatusService,
    private readonly caller: SocketCaller,
    private readonly presence: AgentSocketPresence,
  ) {}

  @SubscribeMessage('agent:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      const auth = await this.caller.of(socket);
      const agent = await this.status.actingAs(auth, agentIdOf(fieldsOf(body)));
      await socket.join(Rooms.agent(agent.id));
      await this.presence.joined(socket, auth, agent);
      return { room: Rooms.agent(agent.id), agent: AgentDto.from(agent) };
    });
  }

  @SubscribeMessage('agent:leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      const auth = await this.caller.of(socket);
      const agentId = agentIdOf(fieldsOf(body));
      const room = Rooms.agent(agentId);
      // A room the socket is not in is answered as agent:join answers it: a refusal for one it may not enter.
      if (!socket.rooms.has(room)) await this.status.actingAs(auth, agentId);
      await socket.leave(room);
      await this.presence.left(socket, auth.tenantId, agentId);
      return { room };
    });
  }

  @SubscribeMessage('agent:status')
  async setStatus(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    return this.answer(async () => {
      const auth = await this.caller.of(socket);
      const fields = fieldsOf(body);
      const agent = await this.status.set(auth, agentIdOf(fields), fields.status);
      return AgentDto.from(agent) as unknown as Record<string, unknown>;
    });
  }

  private async answer(work: () => Promise<Record<string, unknown>>): Promise<Ack> {
    try {
      return { success: true, data: await work() };
    } catch (err) {
      if (err instanceof AppError) return errorEnvelope(err.code, err.message, err.details);
      this.logger.error({ err }, 'Agent socket event failed');
      return errorEnvelope(ErrorCode.INTERNAL_ERROR, 'Internal error');
    }
  }
}
