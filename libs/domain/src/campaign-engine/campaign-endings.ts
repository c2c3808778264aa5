import { Injectable, Logger } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { WorkflowHeldSends } from '../workflows/workflow-held-sends';
import { CampaignCompletions } from './campaign-completions';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * The scheduler tick's ends of campaigns, across tenants: those whose schedule ended stop their enrollments and
 * complete, and active ones whose every enrollment has ended complete. Each has its progress told; a lead a human
 * held through one of the enrollments stopped is handed back (when nothing else holds it): its held workflow sends
 * go now, as after a cede.
 */
@Injectable()
export class CampaignEndings {
  private readonly logger = new Logger(CampaignEndings.name);

  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly progress: CampaignProgress,
    private readonly heldSends: WorkflowHeldSends,
    private readonly completions: CampaignCompletions,
  ) {}

  /** Before the tick takes due enrollments: a campaign whose schedule ended takes none. */
  async endSchedules(now: Date): Promise<void> {
    for (const campaign of await this.enrollments.endSchedules(now)) {
      this.logger.log({ tenant_id: campaign.tenant_id, campaign_id: campaign.id }, 'Campaign schedule ended');
      await this.completions.completed(campaign.tenant_id, campaign.id);
      await this.heldSends.release(campaign.tenant_id, campaign.handed_back);
      await this.progress.notify(campaign.tenant_id, campaign.id);
    }
  }

  /** After the tick took due enrollments. */
  async completeFinished(now: Date): Promise<void> {
    for (const campaign of await this.enrollments.finishedCampaigns()) {
      if (!(await this.completions.completeIfDone(campaign.tenant_id, campaign.id, now))) continue;
      await this.progress.notify(campaign.tenant_id, campaign.id);
    }
  }
}
