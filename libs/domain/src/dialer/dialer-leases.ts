import { bumpCounter, PacedSlot, REDIS, RedisScript, takePacedSlot } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const RELEASE = new RedisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
  1,
);
const RENEW = new RedisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`,
  1,
);

/** The longest a placement waits in its job for the account's next call slot. */
const MAX_CPS_HOLD_MS = 1000;
/** How long a withdrawn preview offer is remembered (its row is gone): a late decision on it is a conflict. */
const WITHDRAWN_OFFER_SECONDS = 86_400;

/**
 * What the dialer's processes share in Redis: each campaign's pacer lease (one pacer per campaign at a time; it
 * expires when its worker dies), each account's call rate (calls evenly spaced at 1 / CPS) and the preview offers
 * lately withdrawn (skipped or expired).
 */
@Injectable()
export class DialerLeases {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** The campaign's pacer lease for `ttlMs`, or null when another pacer holds it. */
  async acquire(campaignId: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.redis.set(
      this.config.redisKey('dialer-lease', campaignId),
      token,
      'PX',
      ttlMs,
      'NX',
    );
    return ok === 'OK' ? token : null;
  }

  /** Extends the lease `token` holds by `ttlMs` from now; false when it has lapsed (another pacer may hold it). */
  async renew(campaignId: string, token: string, ttlMs: number): Promise<boolean> {
    const renewed = await RENEW.run(
      this.redis,
      this.config.redisKey('dialer-lease', campaignId),
      token,
      String(ttlMs),
    );
    return Number(renewed) === 1;
  }

  async release(campaignId: string, token: string): Promise<void> {
    await RELEASE.run(this.redis, this.config.redisKey('dialer-lease', campaignId), token);
  }

  /** Counts a failed pacing round of the campaign; answers how many failed in a row (kept an hour). */
  async roundFailed(campaignId: string): Promise<number> {
    return bumpCounter(this.redis, this.config.redisKey('dialer-round-failures', campaignId), 3600);
  }

  /** A round went through: the run of failures ends. */
  async roundSucceeded(campaignId: string): Promise<void> {
    await this.redis.del(this.config.redisKey('dialer-round-failures', campaignId));
  }

  /** Remembers the tenant's preview offer as withdrawn, before its row goes. */
  async markWithdrawn(tenantId: string, callId: string): Promise<void> {
    await this.redis.set(
      this.config.redisKey('preview-withdrawn', tenantId, callId),
      '1',
      'EX',
      WITHDRAWN_OFFER_SECONDS,
    );
  }

  async wasWithdrawn(tenantId: string, callId: string): Promise<boolean> {
    return (await this.redis.exists(this.config.redisKey('preview-withdrawn', tenantId, callId))) === 1;
  }

  /** The account's next call slot: calls of every campaign and process of the tenant are spaced 1 / cps apart. */
  cpsSlot(tenantId: string, cps: number): Promise<PacedSlot> {
    return takePacedSlot(
      this.redis,
      this.config.redisKey('dialer-cps', tenantId),
      1000 / cps,
      MAX_CPS_HOLD_MS,
    );
  }

  /** Waits for the account's next call slot up to `maxWaitMs`; false when none came (the call is not placed). */
  async waitForSlot(tenantId: string, cps: number, maxWaitMs: number): Promise<boolean> {
    const until = Date.now() + maxWaitMs;
    for (;;) {
      const slot = await this.cpsSlot(tenantId, cps);
      if ('hold_ms' in slot) {
        if (slot.hold_ms > 0) await sleep(slot.hold_ms);
        return true;
      }
      if (Date.now() + slot.retry_in_ms > until) return false;
      await sleep(slot.retry_in_ms);
    }
  }
}
