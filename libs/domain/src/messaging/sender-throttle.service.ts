import {
  admitInWindow,
  LeaseHeld,
  leavePacedLine,
  PacedLease,
  PacedSlot,
  REDIS,
  restampInWindow,
  takePacedTurn,
  WindowAdmission,
} from '@app/common';
import { AppConfig } from '@app/config';
import type { MessagingChannel } from '@app/providers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { performance } from 'node:perf_hooks';

/** The longest a send waits in its job for its slot; a later slot sends the job back to the queue. */
const MAX_HOLD_MS = 1000;
/**
 * The same for a send that answers a person (it goes before the line): ten slots at 1 SMS a second, so that a
 * burst of answers waits in place for slots in turn, well within the send's lease (MESSAGES_SEND_LEASE_MS).
 */
const FIRST_MAX_HOLD_MS = 10_000;
/** How long before its slot a send in the line comes back: the queue's timing, with a little to spare. */
export const LINE_LEAD_MS = 250;
/** A line entry this long past its time is of a send that never came back (its process died): it is dropped. */
const LINE_STALE_MS = 60_000;

/**
 * The share of a sender's rate that sends are paced at. A send leaves some milliseconds after its slot (the claim,
 * a busy event loop, a process the machine has not scheduled yet), so sends paced at exactly the provider's rate
 * bunch into some one-second windows; 2.5 % of headroom absorbs about 25 ms of that jitter per second, so that the
 * window check before each send (admit) seldom has to wait: a rate's worth of paced sends spans 1,025 ms or more,
 * longer than SEND_WINDOW_MS.
 */
export const PACING_SHARE = 0.975;

/**
 * The longest a send may go after its admission, measured from when this process asked for it (so on this process's
 * monotonic clock, whatever the time on Redis's): an admission whose answer is read later (a busy event loop, a slow
 * round trip) is not used as it stands: its entry moves to the call's time (SEND_RESTAMPED_LATE_MS), or the send is
 * admitted anew. 20 ms: the answer's round trip is well under 1 ms at rest;
 * on a machine loaded far past its cores (load 28 on 2) a lone admission was now and then read over 20 ms late, and
 * cost one more round trip. A longer bound would cost rate: SEND_WINDOW_MS must stay under the 1,025 ms a rate's
 * worth of paced sends span, or every send waits for the window.
 */
export const SEND_LATE_MS = 20;

/**
 * The longest a send may go after its admission when its window entry is moved to the time of the call
 * (restampInWindow) as it goes, instead of the send being admitted anew: a worker whose event loop is busy reads most
 * answers over SEND_LATE_MS late, and admitting each again (and again, each answer read late as well) cost 4 to 5
 * admissions per send in bench:campaign. 250 ms covers a busy loop's lag; the guarantee (see admit) then asks Redis
 * to run the move within SEND_WINDOW_MS - SEND_RESTAMPED_LATE_MS (771 ms) of its being written (a local Redis runs
 * it within a millisecond, a remote one a round trip's half later). A send read later still is admitted anew.
 */
export const SEND_RESTAMPED_LATE_MS = 250;

/**
 * The window the check before each send counts in: the provider's second, plus the most a send may go after its
 * admission (SEND_LATE_MS), plus 1 ms so that the admissions of the sends in any one second always fit within it
 * (see admit).
 */
export const SEND_WINDOW_MS = 1000 + SEND_LATE_MS + 1;

/** A send's turn: go after `hold_ms` (its slot is taken), or come back in `retry_in_ms` (nothing was taken). */
export type SendSlot = PacedSlot;

/**
 * Per-sender send rates (issue 4 item 7): each tenant, channel and sender's sends are spaced
 * 1 / (PACING_SHARE x SEND_RATE_<CHANNEL>_PER_SECOND) apart, in Redis so every worker process shares the pacing.
 * Even spacing keeps any one-second window under the rate, whichever seconds the provider counts in (fixed windows
 * of our own would let two bursts straddle one of the provider's), and a sliding-window check right before each
 * send holds it to the rate when jitter bunches sends. A send whose slot is within a second waits for it in its
 * job (no re-enqueue churn at high rates); a later one is not made now: the send joins the sender's line, the
 * caller puts the job back until its turn, and the message stays `queued`. The line brings a backlog back one send
 * per slot (a 20,000-message launch at 1/s comes back 20,000 times, not 20,000 times a second).
 */
@Injectable()
export class SenderThrottleService {
  private readonly logger = new Logger(SenderThrottleService.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * The last word before the provider call: makes `call` (the provider request) once fewer than the sender's rate of
   * sends fall in the last SEND_WINDOW_MS (a sliding window over every process's sends) and answers what it answers.
   * Even pacing keeps this from waiting but for the jitter between a slot and its send: dozens of sends waking
   * together on a busy machine once put 89 sends into one second under an 80/s limit, and the provider refused some.
   *
   * No second of calls holds more than the rate, across processes, by construction: a send admitted at `s` (Redis's
   * clock) makes its call at `c` with s < c <= s + SEND_LATE_MS. Redis admitted it after this process asked
   * (`asked`), and the call is made only when at most SEND_LATE_MS have passed since `asked`, checked in the same
   * synchronous run as the call (nothing else runs in between; an admission read later is replaced by a new one).
   * So the calls of any second [t, t + 1000) were admitted within [t - SEND_LATE_MS, t + 1000), a span shorter than
   * SEND_WINDOW_MS, and the window admits no more than the rate in any SEND_WINDOW_MS. The simulator takes a
   * request's time as it is called (its rate limit counts by it); a remote provider a network hop later, which moves
   * every request alike but for the network's jitter. A member of the window names one claim of the message
   * (`sendId`), so a replaced admission never counts twice.
   *
   * An admission read later than SEND_LATE_MS but within SEND_RESTAMPED_LATE_MS of asking is used all the same: its
   * entry is moved to the time Redis runs the move (`r`), written to Redis in the same synchronous run as the call
   * (`c`), so r >= c but for the hop to the provider (as above), and r <= c + p, p the time Redis takes to run it.
   * The rule holds as long as SEND_RESTAMPED_LATE_MS + p < SEND_WINDOW_MS. Let z be the send of a second
   * [t, t + 1000) admitted last, at s_z < t + 1000, so s_z - SEND_WINDOW_MS < t - SEND_LATE_MS. Each other call of
   * that second is in z's window: an on-time one, admitted at s >= t - SEND_LATE_MS; a moved one moved by s_z, at
   * r >= c >= t; a moved one not yet moved by s_z, still at its admission s > c - SEND_RESTAMPED_LATE_MS >
   * s_z - p - SEND_RESTAMPED_LATE_MS > s_z - SEND_WINDOW_MS (so not dropped from the window either). z was admitted
   * with fewer than the rate in its window, so that second holds at most the rate.
   */
  async admit<T>(
    tenantId: string,
    channel: MessagingChannel,
    sender: string,
    sendId: string,
    call: () => Promise<T>,
  ): Promise<T> {
    const key = this.config.redisKey('send-window', channel, tenantId, sender);
    const limit = this.config.sendRates[channel];
    for (;;) {
      const asked = performance.now();
      let admission: WindowAdmission;
      try {
        admission = await admitInWindow(this.redis, key, limit, SEND_WINDOW_MS, sendId);
      } catch (err) {
        this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send window unavailable');
        return call();
      }
      if (!admission.admitted) {
        await new Promise((resolve) => setTimeout(resolve, admission.waitMs));
        continue;
      }
      const late = performance.now() - asked;
      if (late <= SEND_LATE_MS) return call();
      // Only on a connection that writes it now: one reconnecting would hold the move back in its queue.
      if (late <= SEND_RESTAMPED_LATE_MS && this.redis.status === 'ready') {
        restampInWindow(this.redis, key, SEND_WINDOW_MS, sendId).catch((err: unknown) =>
          this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send window entry not moved'),
        );
        return call();
      }
    }
  }

  /**
   * Takes the sender's next slot for the message when it is within a second and no send is in line before it;
   * the caller holds the send until it comes. Otherwise the message joins the line and is answered when to come back.
   * With `lease` (the send's lease on its message), the lease is taken in the same script first: while another
   * holds it nothing is taken (LeaseHeld), and an unreachable Redis fails the call (the send goes under its lease or
   * not at all) instead of letting the send go unpaced. `first`: the send goes before those in the line (a reply
   * to a person who wrote, not a campaign's backlog; takePacedTurn).
   */
  async take(
    tenantId: string,
    channel: MessagingChannel,
    sender: string,
    messageId: string,
    lease?: undefined,
    first?: boolean,
  ): Promise<SendSlot>;
  async take(
    tenantId: string,
    channel: MessagingChannel,
    sender: string,
    messageId: string,
    lease: PacedLease,
    first?: boolean,
  ): Promise<SendSlot | LeaseHeld>;
  async take(
    tenantId: string,
    channel: MessagingChannel,
    sender: string,
    messageId: string,
    lease?: PacedLease,
    first = false,
  ): Promise<SendSlot | LeaseHeld> {
    const line = {
      pace: this.config.redisKey('send-pace', channel, tenantId, sender),
      line: this.lineKey(tenantId, channel),
      intervalMs: 1000 / (this.config.sendRates[channel] * PACING_SHARE),
      maxHoldMs: MAX_HOLD_MS,
      firstHoldMs: FIRST_MAX_HOLD_MS,
      leadMs: LINE_LEAD_MS,
      staleMs: LINE_STALE_MS,
    };
    if (lease) return takePacedTurn(this.redis, line, messageId, lease, first);
    try {
      return await takePacedTurn(this.redis, line, messageId, undefined, first);
    } catch (err) {
      // Redis is unreachable: the send goes; a provider 429 still backs it off.
      this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send pacing unavailable');
      return { hold_ms: 0 };
    }
  }

  /** The message is not coming back for its turn (held, dropped or failed before its slot): it leaves the line. */
  async leave(tenantId: string, channel: MessagingChannel, messageId: string): Promise<void> {
    try {
      await leavePacedLine(this.redis, this.lineKey(tenantId, channel), messageId);
    } catch (err) {
      // Its entry lapses on its own once it is LINE_STALE_MS past its time.
      this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send line unavailable');
    }
  }

  /**
   * Empties the tenant's lines: a campaign paused, cancelled or resumed has many sends that will not take the turns
   * they were given (they are held or dropped when they come back, or released anew), and later sends would wait
   * behind those turns. A send whose entry went comes back at its time and queues again like a new one.
   */
  async clearLines(tenantId: string): Promise<void> {
    try {
      const channels = Object.keys(this.config.sendRates) as MessagingChannel[];
      await this.redis.del(...channels.map((channel) => this.lineKey(tenantId, channel)));
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId }, 'Send lines unavailable');
    }
  }

  /** One line per tenant and channel: the channel's sender is the tenant's one at a time. */
  private lineKey(tenantId: string, channel: MessagingChannel): string {
    return this.config.redisKey('send-line', channel, tenantId);
  }
}
