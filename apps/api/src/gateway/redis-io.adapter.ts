import { AppConfig } from '@app/config';
import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter, type RedisAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Namespace, Server, ServerOptions } from 'socket.io';
import { AdapterRoomPresence } from './room-presence';

/**
 * socket.io across processes: rooms and broadcasts go through Redis pub/sub under this deployment's key, which is
 * also where the worker's emitter publishes. The rooms this process's sockets are in are kept in Redis
 * (AdapterRoomPresence), so that an event for a room no socket is in is never published. CORS comes from config.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: this.config.corsOrigins, credentials: false },
      serveClient: false,
    }) as Server;
    const pub = new Redis(this.config.redis.url);
    const sub = pub.duplicate();
    this.clients.push(pub, sub);
    const adapterOf = createAdapter(pub, sub, { key: this.config.redisKey('socket.io') });
    const keyOf = (...parts: string[]) => this.config.redisKey(...parts);
    const ttlMs = this.config.liveRoomTtlMs;
    // Live events are raised to the main namespace's rooms only: its rooms are the ones kept in Redis. A function,
    // not an arrow: socket.io calls it with `new`, and takes the adapter it returns.
    server.adapter(function (nsp: Namespace) {
      const adapter = adapterOf(nsp) as RedisAdapter;
      if (nsp.name === '/') new AdapterRoomPresence(adapter, pub, keyOf, ttlMs);
      return adapter;
    } as unknown as Parameters<Server['adapter']>[0]);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
    this.clients.length = 0;
  }
}
