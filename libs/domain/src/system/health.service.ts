import { Clock, REDIS } from '@app/common';
import { JobProducer, QUEUE_NAMES } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

export type ComponentState = 'online' | 'offline';

export interface HealthReport {
  ready: boolean;
  checks: { database: ComponentState; redis: ComponentState; queues: ComponentState };
  latency_ms: { database: number | null; redis: number | null; queues: number | null };
}

const CHECK_TIMEOUT_MS = 2000;

async function timed(check: () => Promise<unknown>): Promise<number | null> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return Math.round((performance.now() - started) * 10) / 10;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness of what every process needs: Postgres, Redis, and the queues' own Redis connections. */
@Injectable()
export class HealthService {
  readonly startedAt: Date;

  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly producer: JobProducer,
    clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  async check(): Promise<HealthReport> {
    const [database, redis, queues] = await Promise.all([
      timed(() => this.db.query('SELECT 1')),
      timed(() => this.redis.ping()),
      timed(() => Promise.all(QUEUE_NAMES.map((name) => this.producer.queue(name).client.ping()))),
    ]);
    const state = (ms: number | null): ComponentState => (ms === null ? 'offline' : 'online');
    return {
      ready: database !== null && redis !== null && queues !== null,
      checks: { database: state(database), redis: state(redis), queues: state(queues) },
      latency_ms: { database, redis, queues },
    };
  }

  uptimeSeconds(now: Date): number {
    return Math.max(0, Math.floor((now.getTime() - this.startedAt.getTime()) / 1000));
  }
}
