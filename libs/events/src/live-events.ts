import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { Rooms } from './rooms';

/** The socket.io events the server raises (DESIGN §5), with their payloads. */
export interface LeadSummary {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
}

export interface LiveEventPayloads {
  /** Batched: one event for a single create, an array create or an import's batch. */
  /** Batched: one event per request, or per committed batch of an import (then `leads` holds its first 100). */
  'lead.created': { count: number; leads: LeadSummary[]; import_id?: string; timestamp: string };
  'import:progress': {
    import_id: string;
    status: 'queued' | 'running' | 'completed' | 'failed';
    processed: number;
    results: Record<string, number>;
    timestamp: string;
  };
  'system:pong': { job_id: string; requested_by: string | null; requested_at: string; processed_at: string };
}

export type LiveEventName = keyof LiveEventPayloads;

/**
 * Raises live events from any process (API or worker): they go through Redis to the socket.io adapter of every
 * API process, so a client connected to any of them receives them. Every event is addressed inside one tenant.
 */
@Injectable()
export class LiveEvents {
  private readonly emitter: Emitter;

  constructor(@Inject(REDIS) redis: Redis, config: AppConfig) {
    this.emitter = new Emitter(redis, { key: config.redisKey('socket.io') });
  }

  toTenant<E extends LiveEventName>(tenantId: string, event: E, payload: LiveEventPayloads[E]): void {
    this.emitter.to(Rooms.tenant(tenantId)).emit(event, payload);
  }

  /** To one user's sockets (only that user's own authenticated sockets are ever in its room). */
  toUser<E extends LiveEventName>(userId: string, event: E, payload: LiveEventPayloads[E]): void {
    this.emitter.to(Rooms.user(userId)).emit(event, payload);
  }
}
