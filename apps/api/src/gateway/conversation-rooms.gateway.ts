import { AppError } from '@app/common';
import { ConversationsService } from '@app/domain';
import { Rooms } from '@app/events';
import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { SocketCaller } from './socket-caller';

type Ack =
  | { success: true; data: Record<string, unknown> }
  | { success: false; error: { code: string; message: string; details?: unknown } };

const CONVERSATION_ROOM = /^conversation:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const logger = new Logger('ConversationRoomsGateway');

/** The ack of a refusal; what is not a refusal (the database gone, a bug) is logged and answered INTERNAL_ERROR. */
function refused(err: unknown): Ack {
  if (err instanceof AppError)
    return {
      success: false,
      error: {
        code: err.code,
        message: err.message,
        ...(err.details === undefined ? {} : { details: err.details }),
      },
    };
  logger.error({ err }, 'Socket event failed');
  return { success: false, error: { code: 'INTERNAL_ERROR', message: 'Internal error' } };
}

/** Another kind of room (`tenant:<id>`, `user:<id>`): never the client's to name. */
const OTHER_ROOM = /^(?!conversation:)[a-z_]+:/i;

/**
 * The conversation id a client names: `{ room: 'conversation:<id>' }`, `{ conversation_id }` (seed 003's
 * `conversationId` too), or the room string. A room of another kind is refused (AUTHORIZATION_FAILED); no
 * conversation, or one that is not `conversation:<uuid>`, is a VALIDATION_ERROR.
 */
function conversationOf(body: unknown): string {
  const b = (typeof body === 'string' ? { room: body } : (body ?? {})) as Record<string, unknown>;
  const id = typeof b.conversation_id === 'string' ? b.conversation_id : b.conversationId;
  const room = typeof b.room === 'string' ? b.room : typeof id === 'string' ? `conversation:${id}` : '';
  const match = CONVERSATION_ROOM.exec(room.trim());
  if (match) return match[1].toLowerCase();
  if (OTHER_ROOM.test(room.trim()))
    throw AppError.forbidden('Only conversation:<id> rooms of your tenant can be joined');
  throw AppError.field('room', 'must be conversation:<id> (or give conversation_id), <id> a conversation id');
}

/**
 * Seed 003's client events: `join_room` / `leave_room` (only `conversation:<id>` rooms of a conversation the caller
 * may see; anything else is refused in the ack) and `mark_as_read`. Acks are `{ success, data | error }`.
 */
@WebSocketGateway()
export class ConversationRoomsGateway {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly caller: SocketCaller,
  ) {}

  @SubscribeMessage('join_room')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    try {
      const auth = await this.caller.of(socket);
      const id = conversationOf(body);
      await this.conversations.visible(auth, id);
      await socket.join(Rooms.conversation(id));
      return { success: true, data: { room: Rooms.conversation(id) } };
    } catch (err) {
      return refused(err);
    }
  }

  @SubscribeMessage('leave_room')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    try {
      await this.caller.of(socket);
      const id = conversationOf(body);
      await socket.leave(Rooms.conversation(id));
      return { success: true, data: { room: Rooms.conversation(id) } };
    } catch (err) {
      return refused(err);
    }
  }

  @SubscribeMessage('mark_as_read')
  async markRead(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    try {
      const auth = await this.caller.of(socket);
      const id = conversationOf(body);
      const read = await this.conversations.markRead(auth, id);
      return { success: true, data: { conversation_id: id, unread_count: read.conversation.unreadCount } };
    } catch (err) {
      return refused(err);
    }
  }
}
