import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type { MessagingChannel } from '@app/providers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * GCRA without burst: a send may go when the sender's theoretical arrival time has come, and then moves it one
 * interval on. Redis's own clock, so every process agrees. Answers 0 (go) or the milliseconds to wait.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat > now then return math.ceil(tat - now) end
redis.call('SET', KEYS[1], tostring(now + interval), 'PX', math.ceil(interval) + 1000)
return 0`;

/**
 * Per-sender send rates (issue 4 item 7): each tenant, channel and sender's sends are spaced at least
 * 1 / SEND_RATE_<CHANNEL>_PER_SECOND apart, in Redis so every worker process shares the pacing. Even spacing keeps
 * any one-second window at or under the rate, whichever seconds the provider counts in (fixed windows of our own
 * would let two bursts straddle one of the provider's). A send not due yet is not made: the caller puts the job
 * back with the wait this answers, and the message stays `queued`.
 */
@Injectable()
export class SenderThrottleService {
  private readonly logger = new Logger(SenderThrottleService.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Takes the sender's next slot: 0 when the send may go now, else the milliseconds until its slot comes. */
  async take(tenantId: string, channel: MessagingChannel, sender: string): Promise<number> {
    const key = this.config.redisKey('send-pace', channel, tenantId, sender);
    const interval = 1000 / this.config.sendRates[channel];
    try {
      return Number(await this.redis.eval(TAKE, 1, key, String(interval)));
    } catch (err) {
      // Redis is unreachable: the send goes; a provider 429 still backs it off.
      this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send pacing unavailable');
      return 0;
    }
  }
}
