import { AppConfig } from '@app/config';
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/**
 * Closes the shared Redis client when the app stops, so shutdown (and jest) never hangs: last, once the HTTP server
 * and the sockets are closed (what a socket's close writes goes through it).
 */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared ioredis client for counters, leases and revocations (Bull and socket.io open their own). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        // Commands issued in the same tick (by concurrent requests) share one write and one round trip.
        new Redis(config.redis.url, {
          maxRetriesPerRequest: 2,
          lazyConnect: false,
          enableAutoPipelining: true,
        }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
