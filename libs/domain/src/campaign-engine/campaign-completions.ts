import { Injectable, Logger } from '@nestjs/common';
import { CampaignBackPressure } from './campaign-back-pressure';
import { EnrollmentsRepository } from './enrollments.repository';

/**
 * A campaign's completion, whoever sees it (a step, a send's failure, a call's end, the tick): it completes once
 * nothing of it can still act (EnrollmentsRepository.completeIfDone), and a completed campaign, by that or by its
 * schedule's end, forgets its back-pressure as a cancel does (CampaignBackPressure.forget: its parked step jobs
 * removed, its keys deleted) instead of keeping its keys in Redis until they expire.
 */
@Injectable()
export class CampaignCompletions {
  private readonly logger = new Logger(CampaignCompletions.name);

  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly backPressure: CampaignBackPressure,
  ) {}

  /** Completes the campaign if it is done (EnrollmentsRepository.completeIfDone): whether it completed now. */
  async completeIfDone(tenantId: string, campaignId: string, now: Date): Promise<boolean> {
    if (!(await this.enrollments.completeIfDone(tenantId, campaignId, now))) return false;
    this.logger.log({ tenant_id: tenantId, campaign_id: campaignId }, 'Campaign completed');
    await this.completed(tenantId, campaignId);
    return true;
  }

  /**
   * After the campaign's completion committed: its back-pressure goes. A send tried later finds nothing to count
   * and writes no key again; a step job run later (a turn retaken) counts in only until it finds its turn ended.
   * Were this lost, the keys expire, and a parked copy wakes once to find its turns ended.
   */
  async completed(tenantId: string, campaignId: string): Promise<void> {
    await this.backPressure
      .forget({ tenant_id: tenantId, campaign_id: campaignId })
      .catch((err: unknown) =>
        this.logger.warn({ err, campaign_id: campaignId }, 'Could not forget a completed campaign'),
      );
  }
}
