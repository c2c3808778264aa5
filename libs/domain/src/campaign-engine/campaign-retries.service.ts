import { Clock } from '@app/common';
import { isPermanentSendFailure } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { EnrollmentsRepository } from './enrollments.repository';
import { nextAction } from './step-plan';

/** Seed 001's defaults: three attempts, an hour apart (doubling with each retry here). */
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_DELAY_MINUTES = 60;
const KEY = /^campaign:([0-9a-f-]{36}):(\d+):(\d+)$/;

/**
 * The retry policy for campaign sends (issue 5 item 4): a send the provider reports `failed` is tried again,
 * attempt + 1 under its own idempotency key, after `delay_minutes * 2^(attempt-1)`, while attempts remain and
 * the enrollment has not gone past that step; after the last attempt, or a failure no retry can mend
 * (isPermanentSendFailure), the enrollment ends `failed`.
 */
@Injectable()
export class CampaignRetriesService {
  private readonly logger = new Logger(CampaignRetriesService.name);
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly clock: Clock,
  ) {}

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
    const ctx = await this.enrollments.load(tenantId, enrollmentId);
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
      const { moved, reopened } = await this.enrollments.retry(sent, position, attempt, at, now);
      if (!moved) return;
      this.logger.log(
        { tenant_id: tenantId, enrollment_id: enrollmentId, position, attempt, campaign_reopened: reopened },
        'Send retried',
      );
      return;
    }
    if (await this.enrollments.failSent(sent, now))
      await this.enrollments.completeIfDone(tenantId, ctx.campaign_id, now);
  }
}
