import { Clock } from '@app/common';
import { isPermanentSendFailure } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { FailedCampaignSend, MessagesRepository } from '../messaging/messages.repository';
import { CampaignCompletions } from './campaign-completions';
import { CampaignResends } from './campaign-resends';
import { EnrollmentsRepository } from './enrollments.repository';
import { nextAction } from './step-plan';

/** Seed 001's defaults: three attempts, an hour apart (doubling with each retry here). */
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_DELAY_MINUTES = 60;
const KEY = /^campaign:([0-9a-f-]{36}):(\d+):(\d+)$/;
/** A failed send whose decision is this late was lost with its process (or to a failed statement): the sweep's. */
export const RETRY_DECISION_LOST_MS = 60_000;
/** Lost decisions the campaign tick takes per run; the rest wait for the next. */
const SWEEP_LIMIT = 100;

/**
 * The retry policy for campaign sends (issue 5 item 4): a send the provider reports `failed` is tried again,
 * attempt + 1 under its own idempotency key, after `delay_minutes * 2^(attempt-1)`, while attempts remain: by
 * taking the enrollment back to the step when it still stands where the send left it, else (it has gone past the
 * step, and not stopped) as the failed message again (CampaignResends). After the last attempt, or a failure no
 * retry can mend (isPermanentSendFailure), an enrollment standing where the send left it ends `failed`; one that
 * has gone on is left to its later steps.
 */
@Injectable()
export class CampaignRetriesService {
  private readonly logger = new Logger(CampaignRetriesService.name);
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly messages: MessagesRepository,
    private readonly clock: Clock,
    private readonly resends: CampaignResends,
    private readonly completions: CampaignCompletions,
  ) {}

  /**
   * Decides on a failed campaign send (`onFailed`), then clears its mark (`campaign_retry_due_at`, set by the
   * statement that failed it). The decision only moves an enrollment that still stands where the send left it, so
   * deciding twice (the sweep and a late first try) moves it once.
   */
  async decide(send: FailedCampaignSend): Promise<void> {
    await this.onFailed(send.tenant_id, send.idempotency_key, send.error_code);
    await this.messages.campaignRetryDecided(send.tenant_id, send.id);
  }

  /**
   * The campaign tick's sweep: failed sends marked over RETRY_DECISION_LOST_MS ago whose decision was lost, each on
   * its own (one that keeps failing stalls none of the others). Answers how many were decided.
   */
  async decideLost(): Promise<number> {
    const before = new Date(this.clock.nowMs() - RETRY_DECISION_LOST_MS);
    let decided = 0;
    for (const send of await this.messages.campaignRetriesDue(before, SWEEP_LIMIT)) {
      try {
        await this.decide(send);
        decided += 1;
      } catch (err) {
        this.logger.error(
          { err, tenant_id: send.tenant_id, message_id: send.id },
          'Retry policy of a failed campaign send not decided; the next tick tries again',
        );
      }
    }
    if (decided) this.logger.warn({ count: decided }, 'Failed campaign sends decided on by the sweep');
    return decided;
  }

  /**
   * Called with the idempotency key of a campaign message that has just moved to `failed`, and its error code: one
   * that says no retry can succeed (an unknown number, a landline, no WhatsApp account) ends the enrollment failed
   * at once.
   */
  async onFailed(tenantId: string, idempotencyKey: string, errorCode: string | null): Promise<void> {
    const match = KEY.exec(idempotencyKey);
    if (!match) return;
    const [, enrollmentId, positionText, attemptText] = match;
    const position = Number(positionText);
    const attempt = Number(attemptText);
    const ctx = await this.enrollments.load(tenantId, enrollmentId, this.clock.now());
    // A campaign that completed with this send's enrollment is active again with its retry; a paused one runs the
    // retry when it resumes.
    if (!ctx || !['active', 'paused', 'completed'].includes(ctx.campaign_status)) return;
    const next = nextAction(ctx.steps, position, ctx.follow_up_interval_days);
    // Where the enrollment stands once this step was sent; anything else means it has moved on or ended.
    const after = next.done ? ctx.steps.length : next.position;
    const maxAttempts = ctx.retry_policy.max_attempts ?? DEFAULT_MAX_ATTEMPTS;
    const now = this.clock.now();
    const sent = { tenantId, campaignId: ctx.campaign_id, id: enrollmentId, after };
    if (attempt < maxAttempts && !isPermanentSendFailure(errorCode)) {
      const delayMinutes = (ctx.retry_policy.delay_minutes ?? DEFAULT_DELAY_MINUTES) * 2 ** (attempt - 1);
      const at = new Date(now.getTime() + delayMinutes * 60_000);
      const back = await this.enrollments.retry(sent, position, attempt, at, now);
      // Gone past the step: the retry is the failed message again, under the next attempt's key.
      const resent = back.moved
        ? undefined
        : await this.resends.resend({
            tenantId,
            campaignId: ctx.campaign_id,
            enrollmentId,
            position,
            attempt: attempt + 1,
            at,
            now,
          });
      if (!back.moved && !resent) return;
      this.logger.log(
        {
          tenant_id: tenantId,
          enrollment_id: enrollmentId,
          position,
          attempt,
          retry_message_id: resent?.id,
          campaign_reopened: back.reopened || Boolean(resent?.reopened),
        },
        'Send retried',
      );
      return;
    }
    if (await this.enrollments.failSent(sent, now))
      await this.completions.completeIfDone(tenantId, ctx.campaign_id, now);
  }
}
