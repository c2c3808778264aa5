import { AppError } from '@app/common';
import { ConversationsService } from '@app/domain';
import { Rooms } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';

type Ack =
  | { success: true; data: Record<string, unknown> }
  | { success: false; error: { code: string; message: string } };

const CONVERSATION_ROOM = /^conversation:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function refused(err: unknown): Ack {
  const e = err instanceof AppError ? err : new AppError('INTERNAL_ERROR' as never, 'Internal error');
  return { success: false, error: { code: e.code, message: e.message } };
}

/** The conversation id a client names: `{ room: 'conversation:<id>' }`, `{ conversation_id }`, or the room string. */
function conversationOf(body: unknown): string {
  const b = (typeof body === 'string' ? { room: body } : (body ?? {})) as Record<string, unknown>;
  const room =
    typeof b.room === 'string'
      ? b.room
      : typeof b.conversation_id === 'string'
        ? `conversation:${b.conversation_id}`
        : '';
  const match = CONVERSATION_ROOM.exec(room.trim());
  if (!match) throw AppError.forbidden('Only conversation:<id> rooms of your tenant can be joined');
  return match[1].toLowerCase();
}

/**
 * Seed 003's client events: `join_room` / `leave_room` (only `conversation:<id>` rooms of a conversation the caller
 * may see; anything else is refused in the ack) and `mark_as_read`. Acks are `{ success, data | error }`.
 */
@WebSocketGateway()
export class ConversationRoomsGateway {
  constructor(private readonly conversations: ConversationsService) {}

  @SubscribeMessage('join_room')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    try {
      const auth = authOf(socket);
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
      authOf(socket);
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
      const auth = authOf(socket);
      const id = conversationOf(body);
      const read = await this.conversations.markRead(auth, id);
      return { success: true, data: { conversation_id: id, unread_count: read.conversation.unreadCount } };
    } catch (err) {
      return refused(err);
    }
  }
}

function authOf(socket: Socket): AuthContext {
  const auth = (socket.data as { auth?: AuthContext }).auth;
  if (!auth) throw AppError.unauthenticated();
  return auth;
}
