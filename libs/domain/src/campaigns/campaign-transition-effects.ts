import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { SenderThrottleService } from '../messaging/sender-throttle.service';
import { WorkflowHeldSends } from '../workflows/workflow-held-sends';
import type { Transition } from './campaign-lifecycle.service';
import { CampaignEnrollmentService } from './campaign-enrollment.service';

/** What follows a lifecycle transition (CampaignLifecycleService.apply) once its transaction has committed. */
@Injectable()
export class CampaignTransitionEffects {
  private readonly logger = new Logger(CampaignTransitionEffects.name);

  constructor(
    private readonly jobs: JobProducer,
    private readonly throttle: SenderThrottleService,
    private readonly enrollment: CampaignEnrollmentService,
    private readonly progress: CampaignProgress,
    private readonly achievements: AchievementProgress,
    private readonly heldSends: WorkflowHeldSends,
  ) {}

  async apply(done: Transition): Promise<void> {
    const { tenantId, id } = done.campaign;
    if (done.voidsTurns) await this.throttle.clearLines(tenantId);
    if (done.fanout) await this.enrollment.fanout(tenantId, id, done.launchQueuedAt);
    // Cancelled: its parked step jobs are removed and its back-pressure keys deleted, in the worker (a launch's
    // thousands of copies are no work for a request). Were this lost, each copy wakes once to find its turns stopped.
    if (done.campaign.status === 'cancelled')
      await this.jobs
        .enqueue('campaigns.forget', { tenant_id: tenantId, campaign_id: id })
        .catch((err: unknown) =>
          this.logger.warn({ err, campaign_id: id }, 'Could not enqueue campaigns.forget'),
        );
    // A cancel that stopped the enrollment by which a human held a lead hands it back (when nothing else holds it):
    // its held workflow sends go now, as after a cede.
    await this.heldSends.release(tenantId, done.handedBack);
    void this.progress.notify(tenantId, id);
    // Live: its creator's achievements count it (a scheduled one started by the tick is counted at their next check).
    if (done.fanout)
      await this.achievements.changed(tenantId, done.campaign.createdBy, ['campaigns_launched']);
  }
}
