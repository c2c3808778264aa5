import { Clock, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { webhookRefused } from './webhook-channels';

/** How old a Mailgun signature may be (Mailgun retries a failed post for hours); and how far ahead of our clock. */
const MAX_AGE_S = 24 * 3600;
const MAX_AHEAD_S = 300;

/**
 * Mailgun's signature covers its `timestamp` and `token`, not the email: a captured post's three fields would sign
 * any other email. As Mailgun's documentation advises, a signature older than a day is refused, and each token is
 * kept in Redis (shared by every API process) with the Message-IDs of the email it came with: the same token with
 * another email is refused (403), while Mailgun's retry of the same email passes (and is counted a duplicate).
 */
@Injectable()
export class MailgunReplays {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async check(
    tenantId: string,
    form: { timestamp?: string; token?: string },
    messageIds: string[],
  ): Promise<void> {
    const signedAt = Number(form.timestamp);
    const now = this.clock.nowMs() / 1000;
    if (!Number.isFinite(signedAt) || signedAt < now - MAX_AGE_S || signedAt > now + MAX_AHEAD_S)
      throw webhookRefused();
    const token = createHash('sha256').update(String(form.token)).digest('hex');
    const key = this.config.redisKey('mailgun-token', tenantId, token);
    const email = createHash('sha256').update(messageIds.join('\n')).digest('hex');
    const kept = await this.redis.set(key, email, 'EX', MAX_AGE_S + MAX_AHEAD_S, 'NX');
    if (kept !== 'OK' && (await this.redis.get(key)) !== email) throw webhookRefused();
  }
}
