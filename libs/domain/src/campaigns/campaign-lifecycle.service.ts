import { AppError, Clock, withArticle } from '@app/common';
import { CampaignEntity, CampaignStatus, tenantQuery } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { CampaignEnrollmentService } from './campaign-enrollment.service';
import type { TargetFilter } from './campaign-input';
import { firstMessageStep, StepShape, UNSUPPORTED_STEPS_MESSAGE, unsupportedSteps } from './campaign-steps';
import { CampaignTransitionEffects } from './campaign-transition-effects';
import { CampaignsRepository } from './campaigns.repository';
import { firstActionAt } from './enrollment-statement';

export const LIFECYCLE_ACTIONS = ['start', 'send', 'pause', 'resume', 'cancel'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** What a transition did, for its answer and for what runs after commit. */
export interface Transition {
  campaign: CampaignEntity;
  /** Enrollments waiting for their first step. */
  queued: number;
  /** The campaign is active with due work: `campaigns.fanout` after commit. */
  fanout: boolean;
  /** The launch enrolled leads `queued` with this stamp: the fan-out queues their step jobs (EnrollTarget.queued). */
  launchQueuedAt?: Date;
  /** Its queued messages are held, dropped or released: their turns in the senders' lines are void. */
  voidsTurns: boolean;
  /** Leads whose paused enrollment (a human's hold) the cancel stopped: the hold may have ended with it. */
  handedBack: string[];
}

/** The statuses each action starts from (DESIGN: draft -> scheduled | active -> paused <-> active -> ...). */
const FROM: Record<LifecycleAction, readonly CampaignStatus[]> = {
  start: ['draft'],
  send: ['draft', 'scheduled', 'active'],
  pause: ['active', 'scheduled'],
  resume: ['paused'],
  cancel: ['draft', 'scheduled', 'active', 'paused'],
};

const VERBS: Record<LifecycleAction, string> = {
  start: 'started',
  send: 'sent',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
};

/**
 * Refuses steps the engine cannot run, and a campaign without a message step: the checks of a start, also made
 * when a scheduled campaign's steps change.
 */
export function assertRunnable(steps: readonly StepShape[]): void {
  const unsupported = unsupportedSteps(steps);
  if (unsupported.length)
    throw AppError.conflict(UNSUPPORTED_STEPS_MESSAGE, { unsupported_steps: unsupported });
  if (!firstMessageStep(steps)) {
    throw AppError.conflict('The campaign has no message step to send', { reason: 'no_steps' });
  }
}

/**
 * The lifecycle (issue 5 item 2): start (launch), send, pause, resume, cancel. Each runs in one transaction holding
 * the campaign's row, so of two concurrent starts exactly one wins and the other finds it started (409); the
 * fan-out job is enqueued after commit, the fan-out itself happens in the worker.
 */
@Injectable()
export class CampaignLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly campaigns: CampaignsRepository,
    private readonly enrollment: CampaignEnrollmentService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly voice: VoiceChannelsService,
    private readonly effects: CampaignTransitionEffects,
  ) {}

  /** A campaign that calls needs a caller id: its own, else the voice account's (never the lead's own number). */
  private async assertCallerId(campaign: CampaignEntity, steps: readonly StepShape[]): Promise<void> {
    if (campaign.callerId || !steps.some((s) => s.type === 'CALL')) return;
    if ((await this.voice.resolve(campaign.tenantId)).from) return;
    throw AppError.conflict(
      'The campaign calls, and neither it (caller_id) nor the voice account (settings.from) has a number to call from',
      { field: 'caller_id', reason: 'no_caller_id' },
    );
  }

  async run(auth: AuthContext, campaignId: string, action: LifecycleAction): Promise<Transition> {
    const done = await this.db.transaction(async (tx) => {
      const campaign = await this.campaigns.lock(tx, auth.tenantId, campaignId);
      if (!campaign) throw AppError.notFound('Campaign');
      return this.apply(tx, auth, campaign, action);
    });
    await this.afterCommit(done);
    return done;
  }

  /** The action that takes `campaign` to `status` (seed 002's PATCH { status }); null when it is there already. */
  actionFor(campaign: CampaignEntity, status: CampaignStatus): LifecycleAction | null {
    if (status === campaign.status) return null;
    switch (status) {
      case 'active':
        return campaign.status === 'paused' ? 'resume' : campaign.status === 'draft' ? 'start' : 'send';
      case 'scheduled':
        if (campaign.status === 'draft' && this.startsLater(campaign)) return 'start';
        break;
      case 'paused':
        return 'pause';
      case 'cancelled':
        return 'cancel';
    }
    throw AppError.conflict(`${withArticle(campaign.status, true)} campaign cannot become ${status}`, {
      from: campaign.status,
      to: status,
    });
  }

  /**
   * The platform pauses an active campaign whose steps cannot be written for anyone (the tenant's AI provider refuses
   * its key, its quota or its model): no enrollment fails for it, the reason shows on the campaign and in the
   * activity log, and a person resumes it once the settings are fixed. Answers whether this call paused it.
   */
  async pauseForFault(tenantId: string, campaignId: string, reason: string): Promise<boolean> {
    const done = await this.db.transaction(async (tx) => {
      const campaign = await this.campaigns.lock(tx, tenantId, campaignId);
      if (campaign?.status !== 'active') return undefined;
      return this.apply(tx, null, campaign, 'pause', reason);
    });
    if (!done) return false;
    await this.afterCommit(done);
    return true;
  }

  /**
   * Runs `action` inside `tx`, whose caller holds the campaign's row (see CampaignsRepository.lock): a person's
   * (`auth`), or the platform's with the reason it pauses (`fault`), which any later action clears.
   */
  async apply(
    tx: EntityManager,
    auth: AuthContext | null,
    campaign: CampaignEntity,
    action: LifecycleAction,
    fault: string | null = null,
  ): Promise<Transition> {
    const to = this.target(campaign, action);
    if (campaign.archivedAt) {
      throw AppError.conflict('The campaign is archived', { from: campaign.status, to });
    }
    if (!FROM[action].includes(campaign.status)) {
      throw AppError.conflict(`${withArticle(campaign.status, true)} campaign cannot be ${VERBS[action]}`, {
        from: campaign.status,
        to,
      });
    }
    const now = this.clock.now();
    const { tenantId, id } = campaign;
    let launchQueuedAt: Date | undefined;
    let handedBack: string[] = [];
    const changes: Partial<
      Pick<CampaignEntity, 'status' | 'startedAt' | 'pausedAt' | 'cancelledAt' | 'pauseReason'>
    > = { status: to, pauseReason: fault };
    // Started when it first goes active: a scheduled one starts when its start comes (the scheduler's tick sets it).
    if (to === 'active' && !campaign.startedAt) changes.startedAt = now;
    // Its schedule over, it would show active and send nothing (every step job after schedule_end is dropped).
    if (
      (action === 'start' || action === 'send' || action === 'resume') &&
      campaign.scheduleEnd &&
      campaign.scheduleEnd.getTime() <= now.getTime()
    )
      throw AppError.conflict("The campaign's schedule has ended (schedule_end is past)", {
        reason: 'schedule_ended',
        schedule_end: campaign.scheduleEnd.toISOString(),
      });
    if (action === 'start' || action === 'send') {
      const steps = (await this.campaigns.stepsOf(tenantId, [id], tx)).get(id) ?? [];
      assertRunnable(steps);
      await this.assertCallerId(campaign, steps);
      await tx.update(CampaignEntity, { tenantId, id }, changes);
      const started = { ...campaign, ...changes } as CampaignEntity;
      // `send` is a first wave now: the schedule's start does not hold it back.
      const at = action === 'send' ? now : firstActionAt(started, now)!;
      await this.dueAt(tx, campaign, at, action === 'send');
      if (campaign.status === 'draft' && campaign.targetFilter) {
        // Going active now, the target's leads are enrolled already queued: the fan-out only queues their jobs.
        launchQueuedAt = to === 'active' && at.getTime() <= now.getTime() ? at : undefined;
        await this.enrollment.enrollFilter(
          tx,
          { ...this.enrollment.targetOf(started, steps), nextActionAt: at, queued: Boolean(launchQueuedAt) },
          campaign.targetFilter as TargetFilter,
        );
      }
    } else {
      if (action === 'pause') changes.pausedAt = now;
      if (action === 'cancel') changes.cancelledAt = now;
      await tx.update(CampaignEntity, { tenantId, id }, changes);
      if (action === 'resume')
        await this.dueAt(tx, campaign, firstActionAt({ ...campaign, status: to }, now)!);
      if (action === 'cancel') handedBack = await this.stopAll(tx, campaign);
    }
    await this.activity.record(
      tenantId,
      auth,
      {
        type: `campaign.${action === 'start' && to === 'scheduled' ? 'scheduled' : VERBS[action]}`,
        description:
          `Campaign "${campaign.name}" ${to === 'scheduled' ? 'scheduled' : VERBS[action]}` +
          (fault ? `: ${fault}` : ''),
        status: fault ? 'failure' : undefined,
        data: { campaign_id: id, from: campaign.status, to, ...(fault ? { reason: fault } : {}) },
      },
      tx,
    );
    const fresh = await tx.findOneByOrFail(CampaignEntity, { tenantId, id });
    return {
      campaign: fresh,
      queued: await this.queued(tx, campaign),
      fanout: to === 'active',
      launchQueuedAt,
      voidsTurns: action === 'pause' || action === 'resume' || action === 'cancel',
      handedBack,
    };
  }

  /** After the transaction of `apply` has committed. */
  afterCommit(done: Transition): Promise<void> {
    return this.effects.apply(done);
  }

  private target(campaign: CampaignEntity, action: LifecycleAction): CampaignStatus {
    switch (action) {
      // A campaign paused before its start came, resumed, waits for its start again.
      case 'start':
      case 'resume':
        return this.startsLater(campaign) ? 'scheduled' : 'active';
      case 'send':
        return 'active';
      case 'pause':
        return 'paused';
      case 'cancel':
        return 'cancelled';
    }
  }

  private startsLater(campaign: CampaignEntity): boolean {
    return Boolean(campaign.scheduleStart && campaign.scheduleStart.getTime() > this.clock.nowMs());
  }

  /**
   * Pending enrollments without a time get `at`; with `sooner`, a later time is brought forward to `at` too (a
   * manual send does not wait for the schedule).
   */
  private async dueAt(tx: EntityManager, campaign: CampaignEntity, at: Date, sooner = false): Promise<void> {
    await tenantQuery(
      tx,
      campaign.tenantId,
      `WITH due AS (
         UPDATE campaign_enrollments SET next_action_at = $3, updated_at = now()
          WHERE tenant_id = $1 AND campaign_id = $2 AND status = 'pending'
            AND (next_action_at IS NULL OR ($4::boolean AND next_action_at > $3))
          RETURNING 1)
       SELECT count(*)::int AS n FROM due`,
      [campaign.id, at, sooner],
    );
  }

  /**
   * Cancel: every enrollment not yet final stops (set-based). Answers the leads of those a human held (paused), whose
   * hold may end with them.
   */
  private async stopAll(tx: EntityManager, campaign: CampaignEntity): Promise<string[]> {
    const rows = await tenantQuery<{ lead_id: string }>(
      tx,
      campaign.tenantId,
      `UPDATE campaign_enrollments SET status = 'stopped', stop_reason = 'cancelled', updated_at = now()
        WHERE tenant_id = $1 AND campaign_id = $2 AND status IN ('pending', 'queued', 'in_progress', 'waiting')
        RETURNING CASE WHEN ai_paused THEN lead_id END AS lead_id`,
      [campaign.id],
    );
    return rows.flatMap((r) => (r.lead_id ? [r.lead_id] : []));
  }

  private async queued(tx: EntityManager, campaign: CampaignEntity): Promise<number> {
    const [{ n }] = await tenantQuery<{ n: number }>(
      tx,
      campaign.tenantId,
      `SELECT count(*)::int AS n FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 AND status IN ('pending', 'queued')`,
      [campaign.id],
    );
    return n;
  }
}
