import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DialerPacerService } from '../dialer/dialer-pacer.service';
import { CampaignBackPressure, STEP_BATCH } from './campaign-back-pressure';
import { CampaignEndings } from './campaign-endings';
import { CampaignRetriesService } from './campaign-retries.service';
import { ClaimedEnrollment, EnrollmentsRepository } from './enrollments.repository';
import { HeldMessages } from './held-messages';

/** Enrollments claimed per statement; their jobs go to Redis in `addBulk` chunks. */
const CLAIM_BATCH = 5000;
/**
 * A launch's queued enrollments read per cursor fetch: a thousand step jobs, one `addBulk` (the steps they release
 * compete with the fan-out for the worker, so the fewer round trips the sooner every job is queued).
 */
const LAUNCH_BATCH = 50_000;
/** Per campaign per tick, so one huge campaign cannot starve the others; a fan-out takes all that are due. */
const TICK_BATCHES_PER_CAMPAIGN = 4;
/**
 * Claims a fan-out runs at once (SKIP LOCKED keeps them apart): a launch of 100,000 enrollments is bound by
 * Postgres updating them, which two connections do in about half the time.
 */
const FANOUT_CLAIMERS = 2;

/**
 * The campaign scheduler (DESIGN §6, issue 5): on the platform clock, due enrollments of active campaigns are
 * marked `queued` (SKIP LOCKED: any number of workers share the work) and get one `campaigns.step` job each.
 * The tick repeats for the whole platform; a fan-out does it at once for one campaign (launch, resume, send).
 * The tick also completes the active campaigns whose every enrollment has ended.
 */
@Injectable()
export class CampaignSchedulerService {
  private readonly logger = new Logger(CampaignSchedulerService.name);

  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly held: HeldMessages,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly dialer: DialerPacerService,
    private readonly retries: CampaignRetriesService,
    private readonly endings: CampaignEndings,
    private readonly backPressure: CampaignBackPressure,
  ) {}

  @OnJob('campaigns.tick')
  async tick(): Promise<number> {
    const now = this.clock.now();
    const stale = await this.enrollments.releaseStale(
      new Date(now.getTime() - this.config.campaigns.staleQueuedMs),
      now,
    );
    if (stale) this.logger.warn({ count: stale }, 'Enrollments left queued without a job taken again');
    await this.retries.decideLost();
    await this.endings.endSchedules(now);
    let queued = 0;
    for (const campaign of await this.enrollments.activeCampaigns(now)) {
      queued += await this.take(campaign.tenant_id, campaign.id, now, TICK_BATCHES_PER_CAMPAIGN);
    }
    await this.endings.completeFinished(now);
    return queued;
  }

  @OnJob('campaigns.fanout')
  async fanout(payload: JobPayloads['campaigns.fanout']): Promise<number> {
    const began = performance.now();
    // Not running (paused since, or a cede's fan-out in a paused campaign): what it holds stays held, nothing is
    // claimed. A launch's queued enrollments still get their jobs (a pause releases them as they run).
    const active = await this.enrollments.isActive(payload.tenant_id, payload.campaign_id);
    if (active) await this.held.release(payload.tenant_id, payload.campaign_id);
    // Beside the fan-out, so the first sends find the new enrollments in the planner's statistics (autovacuum
    // would get there later: nothing is lost when it cannot be done now).
    const statistics = this.enrollments.refreshStatistics().catch((err: unknown) => {
      this.logger.warn({ err, campaign_id: payload.campaign_id }, 'Could not refresh enrollment statistics');
      return false;
    });
    const launched = payload.launch_queued_at
      ? await this.enrollments.eachLaunchQueued(
          payload.tenant_id,
          payload.campaign_id,
          new Date(payload.launch_queued_at),
          LAUNCH_BATCH,
          (queued) => this.queueSteps(payload.campaign_id, queued, new Date(payload.launch_queued_at!)),
        )
      : 0;
    const launchedMs = Math.round(performance.now() - began);
    const now = this.clock.now();
    // One refill, its room shared by the claimers: each refilling on its own would claim the room once each.
    const room = { left: await this.backPressure.refill(payload.campaign_id) };
    const claimers = Array.from({ length: FANOUT_CLAIMERS }, () =>
      this.take(payload.tenant_id, payload.campaign_id, now, Infinity, room),
    );
    const [, ...counts] = await Promise.all([statistics, ...claimers]);
    const queued = counts.reduce((sum, n) => sum + n, launched);
    // Resumed or started: leads already in the dialer's pool are paced again now, not at the next tick.
    if (active) await this.dialer.wake(payload.tenant_id, payload.campaign_id);
    this.logger.log(
      {
        campaign_id: payload.campaign_id,
        queued,
        launched,
        launchedMs,
        ms: Math.round(performance.now() - began),
      },
      'Campaign fan-out',
    );
    return queued;
  }

  /**
   * The sends made room in the campaign and none of its step jobs is parked (CampaignBackPressure.attempted): its
   * due enrollments are claimed now, up to the room, as the tick would claim them (a paused campaign has none due),
   * and again while the sends asked for more during the claim (CampaignBackPressure.refilling).
   */
  @OnJob('campaigns.refill')
  async refill(payload: JobPayloads['campaigns.refill']): Promise<number> {
    const { tenant_id: tenantId, campaign_id: campaignId } = payload;
    let claimed = 0;
    await this.backPressure.refilling(campaignId, async () => {
      // Paused (its held messages tried) or ended: a parked job promoted now would only give its turns back.
      if (!(await this.enrollments.isActive(tenantId, campaignId))) return;
      claimed += await this.take(tenantId, campaignId, this.clock.now(), TICK_BATCHES_PER_CAMPAIGN);
    });
    return claimed;
  }

  /**
   * Claims the campaign's due enrollments, as many as its room for unsent messages takes once its parked step jobs
   * are promoted (CampaignBackPressure): what would only wait behind the bound stays due, to be claimed later.
   * `room`: the refill's answer when claimers share it (a claim takes its share before it reads, and gives back
   * what it did not find).
   */
  private async take(
    tenantId: string,
    campaignId: string,
    now: Date,
    maxBatches: number,
    room?: { left: number },
  ): Promise<number> {
    room ??= { left: await this.backPressure.refill(campaignId) };
    let total = 0;
    for (let batch = 0; batch < maxBatches && room.left > 0; batch++) {
      const limit = Math.min(CLAIM_BATCH, room.left);
      room.left -= limit;
      const claimed = await this.enrollments.claimDue(tenantId, campaignId, now, limit);
      room.left += limit - claimed.length;
      await this.queueSteps(campaignId, claimed, now);
      total += claimed.length;
      if (claimed.length < limit) break;
    }
    return total;
  }

  /**
   * One `campaigns.step` job per STEP_BATCH queued enrollments. Step jobs are idempotent (each acts only on the
   * turns it names), so ids are Bull's own and a finished job is not kept: an enrollment released by a pause and
   * claimed again gets a new job. `queuedAt`: when the enrollments were stamped `queued`.
   */
  private async queueSteps(
    campaignId: string,
    queued: readonly ClaimedEnrollment[],
    queuedAt: Date,
  ): Promise<void> {
    if (!queued.length) return;
    const jobs = [];
    for (let i = 0; i < queued.length; i += STEP_BATCH) {
      const batch = queued.slice(i, i + STEP_BATCH);
      jobs.push({
        tenant_id: batch[0].tenant_id,
        campaign_id: campaignId,
        queued_at: queuedAt.toISOString(),
        turns: batch.map((e) => ({ enrollment_id: e.id, step: e.current_step, attempt: e.attempts + 1 })),
      });
    }
    await this.producer.enqueueBulk('campaigns.step', jobs, { removeOnComplete: true });
  }
}
