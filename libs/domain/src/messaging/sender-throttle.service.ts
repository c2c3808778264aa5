import { admitInWindow, delayAdmission, PacedSlot, REDIS, takePacedSlot, WindowAdmission } from '@app/common';
import { AppConfig } from '@app/config';
import type { MessagingChannel } from '@app/providers';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** The longest a send waits in its job for its slot; a later slot sends the job back to the queue. */
const MAX_HOLD_MS = 1000;

/**
 * The share of a sender's rate that sends are paced at. A send leaves some milliseconds after its slot (the claim,
 * a busy event loop, a process the machine has not scheduled yet), so sends paced at exactly the provider's rate
 * bunch into some one-second windows; 2.5 % of headroom absorbs about 25 ms of that jitter per second, so that the
 * window check before each send (admit) seldom has to wait.
 */
export const PACING_SHARE = 0.975;

/**
 * The window the check before each send counts in: the provider's second plus 15 ms. The provider counts sends by
 * when they reach it, a request's latency after we admit them, and that latency varies by a few milliseconds on a
 * busy machine: sends admitted 1,000 ms apart can arrive 995 ms apart. A window 15 ms longer absorbs that, and it
 * stays shorter than the paced span of a rate's worth of sends (at 97.5 %, 80 sends span 1,026 ms), so sends that
 * keep their pace never wait for it.
 */
export const SEND_WINDOW_MS = 1015;

/** A send's turn: go after `hold_ms` (its slot is taken), or come back in `retry_in_ms` (nothing was taken). */
export type SendSlot = PacedSlot;

/**
 * Per-sender send rates (issue 4 item 7): each tenant, channel and sender's sends are spaced
 * 1 / (PACING_SHARE x SEND_RATE_<CHANNEL>_PER_SECOND) apart, in Redis so every worker process shares the pacing.
 * Even spacing keeps any one-second window under the rate, whichever seconds the provider counts in (fixed windows
 * of our own would let two bursts straddle one of the provider's), and a sliding-window check right before each
 * send holds it to the rate when jitter bunches sends. A send whose slot is within a second waits for it in its
 * job (no re-enqueue churn at high rates); a later one is not made now: the caller puts the job back, and the
 * message stays `queued`.
 */
@Injectable()
export class SenderThrottleService {
  private readonly logger = new Logger(SenderThrottleService.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * The last word before the provider call: waits until fewer than the sender's rate of sends fall in the last
   * SEND_WINDOW_MS (a sliding window over every process's sends). Even pacing keeps this from waiting but for the jitter
   * between a slot and its send: dozens of sends waking together on a busy machine once put 89 sends into one
   * second under an 80/s limit, and the provider refused some. The caller sends at once after it resolves; the
   * send's time in the window is then moved on by the round trip, the most the send can have been late by.
   */
  async admit(tenantId: string, channel: MessagingChannel, sender: string, sendId: string): Promise<void> {
    const key = this.config.redisKey('send-window', channel, tenantId, sender);
    const limit = this.config.sendRates[channel];
    for (;;) {
      let admission: WindowAdmission;
      try {
        admission = await admitInWindow(this.redis, key, limit, SEND_WINDOW_MS, sendId);
      } catch (err) {
        this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send window unavailable');
        return;
      }
      if (admission.admitted) {
        if (admission.rttMs >= 1)
          void delayAdmission(this.redis, key, sendId, admission.at + admission.rttMs).catch(() => undefined);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, admission.waitMs));
    }
  }

  /** Takes the sender's next slot when it is within a second; the caller holds the send until it comes. */
  async take(tenantId: string, channel: MessagingChannel, sender: string): Promise<SendSlot> {
    const key = this.config.redisKey('send-pace', channel, tenantId, sender);
    const interval = 1000 / (this.config.sendRates[channel] * PACING_SHARE);
    try {
      return await takePacedSlot(this.redis, key, interval, MAX_HOLD_MS);
    } catch (err) {
      // Redis is unreachable: the send goes; a provider 429 still backs it off.
      this.logger.warn({ err, tenant_id: tenantId, channel }, 'Send pacing unavailable');
      return { hold_ms: 0 };
    }
  }
}
