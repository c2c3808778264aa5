import { RedisScript } from '@app/common';
import type Redis from 'ioredis';
import type { DeliveryStatus, MessagingChannel } from '../messaging.port';

/** One simulated send, as the simulator remembers it (for its callbacks and for `lookupSent`). */
export interface SimulatedSend {
  tenant_id: string;
  channel: MessagingChannel;
  provider_message_id: string;
  /** Our message id (it goes into the status-callback URL). */
  message_id: string;
  to: string;
  from: string;
  body?: string;
  subject?: string;
  status: DeliveryStatus;
  error_code?: string;
  sent_at: string;
}

/** Under the simulator's prefix: how many sends repeated a message it had already accepted (the bench reads it). */
export const SIMULATOR_RESENT_KEY = 'resent';

/** How long the simulator remembers a send: longer than any retry of its callbacks or any reconcile. */
export const SIMULATOR_LEDGER_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Records a send (KEYS[1], ARGV[1]) and its place among the recipient's sends (KEYS[2], scored ARGV[2], member
 * ARGV[4]), both kept ARGV[3] seconds; a send that was already there counts as a resend (KEYS[3]). Answers 1 for a
 * new send, 0 for a resend. One script, not a MULTI: four commands on the server instead of six, one on the wire
 * instead of five.
 */
const RECORD = new RedisScript(
  `
local previous = redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3], 'GET')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[3])
if previous then
  redis.call('INCR', KEYS[3])
  return 0
end
return 1`,
  3,
  { pipelined: true },
);

/**
 * The simulator's memory of its sends, in Redis (shared by every process, surviving a restart like a provider's
 * message list): one key per send, and per tenant, channel and recipient a sorted set of its sends by time.
 */
export class SimulatorLedger {
  constructor(
    private readonly redis: Redis,
    /** A namespaced key prefix (AppConfig.redisKey('simulator')). */
    private readonly prefix: string,
    private readonly ttlSeconds = SIMULATOR_LEDGER_TTL_SECONDS,
  ) {}

  private sendKey(tenantId: string, providerId: string): string {
    return `${this.prefix}:send:${tenantId}:${providerId}`;
  }

  private recipientKey(tenantId: string, channel: MessagingChannel, to: string): string {
    return `${this.prefix}:to:${tenantId}:${channel}:${to}`;
  }

  /**
   * Records a send; answers false when the message was accepted before: a message sent twice, which a provider would
   * deliver twice, counted among the resends (its callbacks were scheduled with the first).
   */
  async record(send: SimulatedSend): Promise<boolean> {
    const recorded = await RECORD.run(
      this.redis,
      this.sendKey(send.tenant_id, send.provider_message_id),
      this.recipientKey(send.tenant_id, send.channel, send.to),
      `${this.prefix}:${SIMULATOR_RESENT_KEY}`,
      JSON.stringify(send),
      Date.parse(send.sent_at),
      this.ttlSeconds,
      send.provider_message_id,
    );
    return Number(recorded) === 1;
  }

  /** How many sends repeated a message the simulator had already accepted (every tenant): 0 unless sent twice. */
  async resends(): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}:${SIMULATOR_RESENT_KEY}`)) ?? 0);
  }

  async find(tenantId: string, providerId: string): Promise<SimulatedSend | null> {
    const raw = await this.redis.get(this.sendKey(tenantId, providerId));
    return raw ? (JSON.parse(raw) as SimulatedSend) : null;
  }

  /** The sends to a recipient at or after `since`, oldest first. */
  async sentTo(
    tenantId: string,
    channel: MessagingChannel,
    to: string,
    since: Date,
  ): Promise<SimulatedSend[]> {
    const ids = await this.redis.zrangebyscore(
      this.recipientKey(tenantId, channel, to),
      since.getTime(),
      '+inf',
    );
    if (!ids.length) return [];
    const raws = await this.redis.mget(ids.map((id) => this.sendKey(tenantId, id)));
    return raws.filter((raw): raw is string => raw !== null).map((raw) => JSON.parse(raw) as SimulatedSend);
  }

  /**
   * Records the status the simulator last reported for a send (what a look-up then answers), on the send as its
   * caller read it (the simulator alone writes a send, one event after another): answers the send as it now stands.
   * A send forgotten meanwhile (its time kept ran out) is not written again.
   */
  async setStatus(send: SimulatedSend, status: DeliveryStatus, errorCode?: string): Promise<SimulatedSend> {
    const next: SimulatedSend = { ...send, status, ...(errorCode ? { error_code: errorCode } : {}) };
    await this.redis.set(
      this.sendKey(send.tenant_id, send.provider_message_id),
      JSON.stringify(next),
      'KEEPTTL',
      'XX',
    );
    return next;
  }
}
