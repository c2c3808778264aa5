import {
  admitInWindow,
  leavePacedLine,
  PacedSlot,
  REDIS,
  takePacedTurn,
  WindowAdmission,
  WindowLimit,
} from '@app/common';
import { AppConfig } from '@app/config';
import type { MessagingChannel } from '@app/providers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** The longest a send waits in its job for its slot; a later slot sends the job back to the queue. */
const MAX_HOLD_MS = 1000;
/** How long before its slot a send in the line comes back: the queue's timing, with a little to spare. */
export const LINE_LEAD_MS = 250;
/** A line entry this long past its time is of a send that never came back (its process died): it is dropped. */
const LINE_STALE_MS = 60_000;
/**
 * The pace's burst tolerance: a slot no send took within this long of its time (a send back late from the queue,
 * a worker the machine did not run for a moment) goes to the next send at once rather than being lost. Without it
 * every late turn moved the whole pace later for good. The window check before each send keeps the catch-up within
 * the provider's limit.
 */
export const PACE_TOLERANCE_MS = 250;

/**
 * The share of a sender's rate that sends are paced at. The window check (admit) holds each send in the sender's
 * window from its admission until a second after its provider call returned, so the window lets through the rate's
 * worth of sends per (1 s + a call's time); pacing 2.5 % under the rate leaves room for calls of up to about 25 ms,
 * so that paced sends seldom wait at the window (where a claimed send waits `sending`).
 */
export const PACING_SHARE = 0.975;

/** The provider's window: it counts sends per second (any second: fixed windows of its own, or sliding). */
export const SEND_WINDOW_MS = 1000;
/**
 * How long an admitted send counts while its provider call has not returned: longer than any call's timeout, so a
 * send whose process died mid-call holds its place in the window this long (and a second more), never less.
 */
export const SEND_IN_FLIGHT_MS = 60_000;
/** The longest a send refused by the window waits before asking again while the oldest send is still in flight. */
const SEND_POLL_MS = 20;

/** An admitted send: `sent()` once its provider call has returned (or failed), whatever the outcome. */
export interface SendAdmission {
  sent(): void;
}

/** A send's turn: go after `hold_ms` (its slot is taken), or come back in `retry_in_ms` (nothing was taken). */
export type SendSlot = PacedSlot;

/**
 * Per-sender send rates (issue 4 item 7): each tenant, channel and sender's sends are spaced
 * 1 / (PACING_SHARE x SEND_RATE_<CHANNEL>_PER_SECOND) apart, in Redis so every worker process shares the pacing (a
 * GCRA with PACE_TOLERANCE_MS of burst tolerance). Even spacing keeps sends from bunching; the guarantee is the
 * sliding-window check right before each send (admit), which counts each send from its admission until a second
 * after its provider call returned, so that no second holds more than the rate of sends as the provider sees them,
 * whatever the latency of each call and however many processes send. A send whose slot is within a second waits
 * for it in its job (no re-enqueue churn at high rates); a later one is not made now: the send joins the sender's
 * line, the caller puts the job back until its turn, and the message stays `queued`. The line brings a backlog back
 * one send per slot (a 20,000-message launch at 1/s comes back 20,000 times, not 20,000 times a second).
 */
@Injectable()
export class SenderThrottleService {
  private readonly logger = new Logger(SenderThrottleService.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * The last word before the provider call: waits until fewer than the sender's rate of sends count in its window
   * (a sliding-window log over every process's sends, each counted from its admission until SEND_WINDOW_MS after
   * its call returned). The caller sends at once after it resolves, and calls `sent()` when the call returns or
   * throws. Dozens of sends waking together on a busy machine once put 89 sends into one second under an 80/s
   * limit; sends counted only from their admission let a slow call arrive within a second of later ones.
   */
  async admit(
    tenantId: string,
    channel: MessagingChannel,
    sender: string,
    sendId: string,
  ): Promise<SendAdmission> {
    const key = this.config.redisKey('send-window', channel, tenantId, sender);
    const window: WindowLimit = {
      limit: this.config.sendRates[channel],
      windowMs: SEND_WINDOW_MS,
      inFlightMs: SEND_IN_FLIGHT_MS,
      pollMs: SEND_POLL_MS,
    };
    for (;;) {
      let admission: WindowAdmission;
      try {
        admission = await admitInWindow(this.redis, key, window, sendId);
      } catch (err) {
        this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send window unavailable');
        return { sent: () => undefined };
      }
      if (admission.admitted) {
        const { complete } = admission;
        return {
          sent: () =>
            void complete().catch((err: unknown) =>
              // Its entry counts until SEND_IN_FLIGHT_MS runs out: the sender's window is one send smaller till then.
              this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send window not told the send ended'),
            ),
        };
      }
      await new Promise((resolve) => setTimeout(resolve, admission.waitMs));
    }
  }

  /**
   * Takes the sender's next slot for the message when it is within a second and no send is in line before it;
   * the caller holds the send until it comes. Otherwise the message joins the line and is answered when to come back.
   */
  async take(
    tenantId: string,
    channel: MessagingChannel,
    sender: string,
    messageId: string,
  ): Promise<SendSlot> {
    const line = {
      pace: this.config.redisKey('send-pace', channel, tenantId, sender),
      line: this.lineKey(tenantId, channel),
      intervalMs: 1000 / (this.config.sendRates[channel] * PACING_SHARE),
      maxHoldMs: MAX_HOLD_MS,
      leadMs: LINE_LEAD_MS,
      staleMs: LINE_STALE_MS,
      toleranceMs: PACE_TOLERANCE_MS,
    };
    try {
      return await takePacedTurn(this.redis, line, messageId);
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
