import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * The agent's own sockets that are open, across every API process (a sorted set in Redis per agent: socket ids,
 * scored by when each stops counting unless its process renews it). A socket whose process died without closing
 * it stops counting after three SOCKET_RECHECK_MS, the period at which live processes renew theirs; the agents with
 * sockets are indexed, so that a sweep finds those whose every socket lapsed that way (`lapsed`).
 */
@Injectable()
export class AgentSockets {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(tenantId: string, agentId: string): string {
    return this.config.redisKey('agent-sockets', tenantId, agentId);
  }

  private get indexKey(): string {
    return this.config.redisKey('agent-sockets-index');
  }

  private checkKey(tenantId: string, agentId: string): string {
    return this.config.redisKey('agent-check', tenantId, agentId);
  }

  private awayKey(tenantId: string, agentId: string): string {
    return this.config.redisKey('agent-away', tenantId, agentId);
  }

  private get lifeMs(): number {
    return 3 * this.config.socketRecheckMs;
  }

  /** The socket is the agent's and open: counted (again) for the next three SOCKET_RECHECK_MS. */
  async opened(tenantId: string, agentId: string, socketId: string): Promise<void> {
    const key = this.key(tenantId, agentId);
    await this.redis
      .multi()
      .zadd(key, Date.now() + this.lifeMs, socketId)
      .pexpire(key, this.lifeMs)
      .del(this.awayKey(tenantId, agentId))
      .sadd(this.indexKey, `${tenantId}:${agentId}`)
      .exec();
  }

  /** The socket closed or left the agent's room: answers how many of the agent's sockets are still open. */
  async closed(tenantId: string, agentId: string, socketId: string): Promise<number> {
    const key = this.key(tenantId, agentId);
    const results = await this.redis
      .multi()
      .zrem(key, socketId)
      .zremrangebyscore(key, '-inf', Date.now())
      .zcard(key)
      .exec();
    return Number(results?.[2]?.[1] ?? 0);
  }

  /** The agent's check found them gone: out of the index (a socket opened since puts them back). */
  async forget(tenantId: string, agentId: string): Promise<void> {
    await this.redis.srem(this.indexKey, `${tenantId}:${agentId}`);
  }

  /**
   * One chain of checks per agent: answers whether this caller may queue one (none pending), and holds the turn
   * for `ttlMs` (renewed by a chain that goes on, released by one that ends).
   */
  async claimCheck(tenantId: string, agentId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.checkKey(tenantId, agentId), '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renewCheck(tenantId: string, agentId: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.checkKey(tenantId, agentId), '1', 'PX', ttlMs);
  }

  async releaseCheck(tenantId: string, agentId: string): Promise<void> {
    await this.redis.del(this.checkKey(tenantId, agentId));
  }

  /**
   * The indexed agents none of whose sockets is open any more (their processes died without closing them; their
   * check takes them out of the index). At most once per SOCKET_RECHECK_MS across processes (else none).
   */
  async lapsed(): Promise<{ tenantId: string; agentId: string }[]> {
    const turn = await this.redis.set(
      this.config.redisKey('agent-sockets-sweep'),
      '1',
      'PX',
      this.config.socketRecheckMs,
      'NX',
    );
    if (turn !== 'OK') return [];
    const agents = (await this.redis.smembers(this.indexKey)).map((member) => {
      const [tenantId, agentId] = member.split(':');
      return { tenantId, agentId };
    });
    if (!agents.length) return [];
    // One round trip for all of them: each agent's lapsed sockets out, then how many are left.
    const now = Date.now();
    const batch = this.redis.multi();
    for (const { tenantId, agentId } of agents) {
      const key = this.key(tenantId, agentId);
      batch.zremrangebyscore(key, '-inf', now).zcard(key);
    }
    const results = (await batch.exec()) ?? [];
    return agents.filter((_, i) => Number(results[2 * i + 1]?.[1] ?? 0) === 0);
  }

  /** The agent went while on a call (kept a day): the end of its after-call work asks. */
  async markAway(tenantId: string, agentId: string): Promise<void> {
    await this.redis.set(this.awayKey(tenantId, agentId), '1', 'EX', 86_400);
  }

  /** Their status was set (by them, a manager, or their going): no longer away. */
  async clearAway(tenantId: string, agentId: string): Promise<void> {
    await this.redis.del(this.awayKey(tenantId, agentId));
  }

  async away(tenantId: string, agentId: string): Promise<boolean> {
    return (await this.redis.exists(this.awayKey(tenantId, agentId))) === 1;
  }

  /** How many of the agent's sockets are open. */
  async open(tenantId: string, agentId: string): Promise<number> {
    const key = this.key(tenantId, agentId);
    const results = await this.redis.multi().zremrangebyscore(key, '-inf', Date.now()).zcard(key).exec();
    return Number(results?.[1]?.[1] ?? 0);
  }
}
