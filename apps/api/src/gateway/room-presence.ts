import { PRESENCE_HOLD, isNamedRoom, presenceKey, runScript } from '@app/events';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RedisAdapter } from '@socket.io/redis-adapter';

type Room = string;

/** Rooms renewed per script call. */
const CHUNK = 500;

/**
 * Keeps this API process's presence in Redis (see libs/events room-presence.ts) for the rooms its sockets are in,
 * from its socket.io adapter's own room changes, whatever made them: a handshake's rooms, `join_room`, an
 * `agent:join`, a reassignment's `socketsJoin` from another process, a leave, a disconnect.
 *
 * The guarantee: a join the server waits for (`await socket.join(...)`, as the handshake and `join_room` do before
 * the client hears of it) resolves only once Redis holds the room's presence, so every live event raised after the
 * client was told (connected, or `join_room` acked) finds the room listened to and is published. A presence write
 * that Redis refuses is logged, not thrown (socket.io also joins without waiting, where a rejection would be
 * unhandled): the room counts again at the next renewal, and until then its events may be skipped, as they would
 * not have been published through a Redis that refuses writes either.
 */
export class AdapterRoomPresence {
  private readonly logger = new Logger(AdapterRoomPresence.name);
  /** Presence writes not answered yet, by room: a second socket joining the room waits for the first's too. */
  private readonly writing = new Map<Room, Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly adapter: RedisAdapter,
    private readonly redis: Redis,
    private readonly keyOf: (...parts: string[]) => string,
    private readonly ttlMs: number,
  ) {
    const addAll = adapter.addAll.bind(adapter);
    adapter.addAll = (id: string, rooms: Set<Room>): Promise<void> | void => {
      const created = [...rooms].filter((room) => isNamedRoom(room) && !adapter.rooms.has(room));
      addAll(id, rooms);
      if (created.length) this.hold(created);
      const waits = [...rooms].map((room) => this.writing.get(room)).filter((w) => w !== undefined);
      if (waits.length) return Promise.all(waits).then(() => undefined);
    };
    adapter.on('delete-room', (room: Room) => {
      if (isNamedRoom(room)) void this.release(room);
    });
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(ttlMs / 3)));
    this.timer.unref();
    // A connection back (Redis restarted, or failed over) may have lost the presence written: it is written again
    // at once, not at the next renewal (a third of the TTL), while the events for the sockets here would be skipped.
    const rewrite = () => void this.renew();
    redis.on('ready', rewrite);
    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      clearInterval(this.timer);
      redis.off('ready', rewrite);
      return close();
    };
  }

  private key(room: Room): string {
    return presenceKey(this.keyOf, room);
  }

  private hold(rooms: Room[]): void {
    const write = runScript(
      this.redis,
      PRESENCE_HOLD,
      rooms.map((r) => this.key(r)),
      [this.ttlMs, this.adapter.uid],
    ).then(
      () => undefined,
      (err: unknown) => this.logger.warn({ err, rooms }, 'Room presence not written; renewed later'),
    );
    for (const room of rooms) this.writing.set(room, write);
    void write.then(() => {
      for (const room of rooms) if (this.writing.get(room) === write) this.writing.delete(room);
    });
  }

  private async release(room: Room): Promise<void> {
    try {
      await this.redis.zrem(this.key(room), this.adapter.uid);
    } catch (err) {
      this.logger.warn({ err, room }, 'Room presence not taken out; it lapses instead');
    }
  }

  /** Every named room this process's sockets are in counts another TTL. */
  private async renew(): Promise<void> {
    const rooms = [...this.adapter.rooms.keys()].filter(isNamedRoom);
    for (let i = 0; i < rooms.length; i += CHUNK) {
      // A room left since the list was taken is not put back (its removal was sent, and this write would follow it).
      const chunk = rooms.slice(i, i + CHUNK).filter((room) => this.adapter.rooms.has(room));
      if (!chunk.length) continue;
      try {
        await runScript(
          this.redis,
          PRESENCE_HOLD,
          chunk.map((r) => this.key(r)),
          [this.ttlMs, this.adapter.uid],
        );
      } catch (err) {
        this.logger.warn({ err, rooms: chunk.length }, 'Room presence not renewed; tried again at the next');
        return;
      }
    }
  }
}
