import { AppError, ErrorCode, errorEnvelope, ErrorEnvelope } from '@app/common';
import { ConversationsService } from '@app/domain';
import { CONVERSATION_CHANNELS } from '@app/db';
import { Rooms } from '@app/events';
import type { AuthContext } from '@app/tenancy';
import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { SocketCaller } from './socket-caller';

type Ack = { success: true; data: Record<string, unknown> } | ErrorEnvelope;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CONVERSATION_ROOM = new RegExp(`^conversation:(${UUID})$`, 'i');
/** Seed 003's spelling of a conversation's room, its channel first: `whatsapp_conversation_<id>`. */
const SEED_ROOM = new RegExp(`^(${CONVERSATION_CHANNELS.join('|')})_conversation_(${UUID})$`, 'i');

const logger = new Logger('ConversationRoomsGateway');

/** The ack of a refusal; what is not a refusal (the database gone, a bug) is logged and answered INTERNAL_ERROR. */
function refused(err: unknown): Ack {
  if (err instanceof AppError) return errorEnvelope(err.code, err.message, err.details);
  logger.error({ err }, 'Socket event failed');
  return errorEnvelope(ErrorCode.INTERNAL_ERROR, 'Internal error');
}

/** Another kind of room (`tenant:<id>`, `user:<id>`): never the client's to name. */
const OTHER_ROOM = /^(?!conversation:)[a-z_]+:/i;

/** A conversation a client names, and the channel its room name says it is on (seed 003's room names). */
interface NamedConversation {
  id: string;
  channel?: string;
}

/**
 * The conversation a client names: `{ room: 'conversation:<id>' }`, seed 003's
 * `{ room: 'whatsapp_conversation_<id>' }`, `{ conversation_id }` (seed 003's `conversationId` too), or the room string. A room of another kind is refused
 * (AUTHORIZATION_FAILED); no conversation, or a name of neither form, is a VALIDATION_ERROR.
 */
function conversationOf(body: unknown): NamedConversation {
  const b = (typeof body === 'string' ? { room: body } : (body ?? {})) as Record<string, unknown>;
  const id = typeof b.conversation_id === 'string' ? b.conversation_id : b.conversationId;
  const room = typeof b.room === 'string' ? b.room : typeof id === 'string' ? `conversation:${id}` : '';
  const match = CONVERSATION_ROOM.exec(room.trim());
  if (match) return { id: match[1].toLowerCase() };
  const seed = SEED_ROOM.exec(room.trim());
  if (seed) return { id: seed[2].toLowerCase(), channel: seed[1].toLowerCase() };
  if (OTHER_ROOM.test(room.trim()))
    throw AppError.forbidden('Only conversation:<id> rooms of your tenant can be joined');
  throw AppError.field(
    'room',
    'must be conversation:<id> or <channel>_conversation_<id> (or give conversation_id), <id> a conversation id',
  );
}

/** The named conversation, if the caller may see it and it is on the channel its room name says (else 404). */
async function visibleNamed(
  conversations: ConversationsService,
  auth: AuthContext,
  named: NamedConversation,
): Promise<void> {
  const c = await conversations.visible(auth, named.id);
  if (named.channel && c.channel !== named.channel) throw AppError.notFound('Conversation');
}

/**
 * Seed 003's client events: `join_room` / `leave_room` (only the `conversation:<id>` room of a conversation the
 * caller may see, also named `<channel>_conversation_<id>`; anything else is refused in the ack; a room the socket
 * is in may always be left) and `mark_as_read`.
 * Acks are `{ success, data | error }`.
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
      const named = conversationOf(body);
      await visibleNamed(this.conversations, auth, named);
      const { id } = named;
      await socket.join(Rooms.conversation(id));
      return { success: true, data: { room: Rooms.conversation(id) } };
    } catch (err) {
      return refused(err);
    }
  }

  @SubscribeMessage('leave_room')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    try {
      const auth = await this.caller.of(socket);
      const named = conversationOf(body);
      const room = Rooms.conversation(named.id);
      // A room the socket is not in is answered as join_room answers it: a refusal for one it may not enter.
      if (socket.rooms.has(room)) await socket.leave(room);
      else await visibleNamed(this.conversations, auth, named);
      return { success: true, data: { room } };
    } catch (err) {
      return refused(err);
    }
  }

  @SubscribeMessage('mark_as_read')
  async markRead(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<Ack> {
    try {
      const auth = await this.caller.of(socket);
      const named = conversationOf(body);
      if (named.channel) await visibleNamed(this.conversations, auth, named);
      const { id } = named;
      const read = await this.conversations.markRead(auth, id);
      return { success: true, data: { conversation_id: id, unread_count: read.conversation.unreadCount } };
    } catch (err) {
      return refused(err);
    }
  }
}
